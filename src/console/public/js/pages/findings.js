import { api, download } from '../api.js';
import { chartCard, shownCount } from '../charts.js';
import { h, put, stat, when } from '../dom.js';
import { go } from '../navigate.js';
import { words } from '../vocabulary.js';

/*
 * Findings: reports, entities, leads and outcomes over time, by country, typology and role, each chart
 * with its numbers in a table. The analysts' counts are as they are; the public form is what the hub may
 * publish, with small counts withheld (docs/findings.md), and downloads as CSV like the other.
 */

const MEASURES = [
  ['reports', 'Reports'],
  ['entities', 'Entities'],
  ['leads', 'Leads'],
  ['outcomes', 'Outcomes'],
];

const perMeasure = (rows) => MEASURES.map(([key, label]) => ({ label, values: rows.map((r) => r[key]) }));

export async function render(main, _params, query) {
  const asPublic = query.get('public') === 'true';
  const form = asPublic ? '?public=true' : '';
  const findings = await api(`/findings${form}`);
  const charts = [
    chartCard(
      'chart-months',
      'Over time (by month)',
      findings.byMonth.map((r) => r.key),
      perMeasure(findings.byMonth),
    ),
    chartCard(
      'chart-countries',
      'By country',
      findings.byCountry.map((r) => r.key),
      perMeasure(findings.byCountry),
    ),
    chartCard(
      'chart-typologies',
      'By typology (FinCEN FIN-2020-A008)',
      findings.byTypology.map((r) => words(r.key)),
      perMeasure(findings.byTypology),
    ),
    chartCard(
      'chart-roles',
      'By role of the subjects',
      findings.byRole.map((r) => words(r.key)),
      perMeasure(findings.byRole),
    ),
    chartCard(
      'chart-outcomes',
      'Outcomes banks recorded, by kind',
      findings.outcomesByKind.map((r) => words(r.key)),
      [{ label: 'Outcomes', values: findings.outcomesByKind.map((r) => r.outcomes) }],
    ),
  ];
  const choice = h(
    'select#findings-form',
    { onchange: (e) => go(`#/findings${e.target.value}`) },
    h('option', { value: '', selected: !asPublic }, 'Analysts’ counts (not for publication)'),
    h('option', { value: '?public=true', selected: asPublic }, 'Public form (what the hub may publish)'),
  );
  put(
    main,
    h('h1', null, 'Findings'),
    h('p.muted', null, 'As of ', when(findings.at)),
    h('div.row', null, h('div.field', null, h('label', { for: 'findings-form' }, 'Form'), choice)),
    asPublic
      ? h(
          'p.notice#findings-rule',
          null,
          `Public form: ${findings.suppression.rule}.`,
          findings.withheld.length ? ` Withheld whole for now: ${findings.withheld.join(', ')}.` : '',
        )
      : h(
          'p.hint#findings-rule',
          null,
          'Every count as it is, for analysts. Choose the public form for the counts the hub may publish.',
        ),
    h(
      'div.actions',
      null,
      h(
        'button.secondary#findings-csv',
        {
          type: 'button',
          onclick: () => download(`/findings.csv${form}`, `lantern-findings${asPublic ? '-public' : ''}.csv`),
        },
        'Download CSV',
      ),
    ),
    h(
      'div.cards',
      null,
      MEASURES.map(([key, label]) => stat(label, shownCount(findings.totals[key]))),
    ),
    h(
      'div.grid',
      null,
      charts.map((c) => c.section),
    ),
  );
  const drawn = charts.map((c) => c.draw());
  return () => {
    for (const c of drawn) c?.destroy();
  };
}
