import { h, table } from './dom.js';

/*
 * A chart card: a chart.js chart (served by Lantern) with its numbers in a table next to it, for screen
 * readers and for those who read numbers faster than bars. Each series is one measure; a value of null
 * is a count withheld from a public form, a gap in the chart and a word in the table.
 */

const COLOURS = ['#0a4f9e', '#b35900', '#2f7d32', '#7b3fa0'];

/** How a table cell shows a count: withheld ones in words. */
export const shownCount = (value) => (value === null ? 'suppressed' : value);

/**
 * @param {string} id the canvas id
 * @param {string} title
 * @param {string[]} labels one per bar (month, country, ...)
 * @param {Array<{label: string, values: Array<number|null>}>} series
 * @param {string} kind a chart.js chart type
 */
export function chartCard(id, title, labels, series, kind = 'bar') {
  const said = labels.map((l, i) => `${l} ${series.map((s) => `${s.label} ${shownCount(s.values[i])}`).join(', ')}`);
  const canvas = h('canvas', { id, role: 'img', 'aria-label': `${title}: ${said.join('; ') || 'no data'}` });
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
        ['', ...series.map((s) => s.label)],
        labels.map((l, i) =>
          h(
            'tr',
            null,
            h('th', { scope: 'row' }, l),
            series.map((s) => h('td', null, shownCount(s.values[i]))),
          ),
        ),
      ),
    ),
  );
  const draw = () => {
    if (!window.Chart) return undefined;
    return new window.Chart(canvas, {
      type: kind,
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.values,
          backgroundColor: COLOURS[i % COLOURS.length],
          borderColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: series.length > 1 } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  };
  return { section, draw };
}
