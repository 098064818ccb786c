import { h, table } from './dom.js';

/*
 * Count cards and charts (chart.js, served by Lantern). Every chart has its numbers in a table next to
 * it, for screen readers and for those who read numbers faster than bars. `chart` returns the section at
 * once and draws into it with `draw()` once the section is in the page; the page destroys what it drew
 * when the analyst leaves.
 */

export function stat(label, value, href) {
  return h('div.stat', null, h('span.value', null, value), href ? h('a', { href }, label) : h('span', null, label));
}

export function chart(id, title, labels, values, kind) {
  const canvas = h('canvas', {
    id,
    role: 'img',
    'aria-label': `${title}: ${labels.map((l, i) => `${l} ${values[i]}`).join(', ') || 'no data'}`,
  });
  const section = h(
    'section.card',
    { 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    h('div.chart-box', null, canvas),
    h(
      'details',
      null,
      h('summary', null, 'Show as a table'),
      table(
        null,
        ['', 'Count'],
        labels.map((l, i) => h('tr', null, h('th', { scope: 'row' }, l), h('td', null, values[i]))),
      ),
    ),
  );
  const draw = () => {
    if (!window.Chart) return undefined;
    return new window.Chart(canvas, {
      type: kind,
      data: { labels, datasets: [{ label: title, data: values, backgroundColor: '#0a4f9e', borderColor: '#0a4f9e' }] },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  };
  return { section, draw };
}
