import { api } from '../api.js';
import { chartCard } from '../charts.js';
import { h, put, stat, table, when } from '../dom.js';
import { words } from '../vocabulary.js';

/*
 * What the partner banks reported: which exported leads were answered, with what, and how long after the
 * first report an account was frozen; then the same for each rule that gave leads points and each
 * organisation that reported. Each breakdown the API sends is shown, so a new one needs no change here.
 */

const median = (d) => (d.median === null ? '—' : String(d.median));

function breakdown(b, kinds) {
  return h(
    'section.card.breakdown',
    { 'aria-labelledby': `b-${b.dimension}`, dataset: { dimension: b.dimension } },
    h('h2', { id: `b-${b.dimension}` }, b.title),
    b.groups.length === 0
      ? h('p.muted', null, 'No exported lead yet.')
      : table(
          null,
          ['', 'Leads exported', 'Leads answered', ...kinds.map(words), 'Frozen (days known)', 'Median days to freeze'],
          b.groups.map((g) =>
            h(
              'tr',
              { dataset: { group: g.key } },
              h('th', { scope: 'row' }, g.name),
              h('td', null, g.leadsExported),
              h('td', null, g.leadsAnswered),
              kinds.map((k) => h('td', null, g.byKind[k])),
              h('td', null, g.daysToFreeze.count),
              h('td', null, median(g.daysToFreeze)),
            ),
          ),
        ),
  );
}

export async function render(main) {
  const stats = await api('/outcomes');
  const kinds = Object.keys(stats.byKind);
  const byKind = chartCard(
    'chart-outcomes',
    'Outcomes by kind',
    kinds.map(words),
    [{ label: 'Count', values: kinds.map((k) => stats.byKind[k]) }],
    'bar',
  );
  const freeze = chartCard(
    'chart-freeze',
    'Days from the first report to the freeze (subjects)',
    stats.daysToFreeze.values.map((v) => `${v.days} days`),
    [{ label: 'Count', values: stats.daysToFreeze.values.map((v) => v.subjects) }],
    'bar',
  );
  put(
    main,
    h('h1', null, 'Outcomes'),
    h(
      'p.hint',
      null,
      'What the partner banks reported doing with the subjects of their bundles. Days to freeze run from the ' +
        'earliest report behind a subject to the first freeze of it by a bank.',
    ),
    h('p.muted', null, 'As of ', when(stats.at)),
    h(
      'div.cards',
      null,
      stat('Leads exported', stats.leadsExported, '#/exports'),
      stat('Leads answered', stats.leadsAnswered),
      stat('Outcomes reported', stats.outcomes),
      stat('Accounts frozen (days known)', stats.daysToFreeze.count),
      stat('Median days to freeze', median(stats.daysToFreeze)),
    ),
    h('div.grid', null, byKind.section, freeze.section),
    stats.breakdowns.map((b) => breakdown(b, kinds)),
  );
  const charts = [byKind.draw(), freeze.draw()];
  return () => {
    for (const c of charts) c?.destroy();
  };
}
