import { api } from '../api.js';
import { badge, h, put, reportLink, table, when } from '../dom.js';
import { currentSession } from '../session.js';
import { words } from '../vocabulary.js';

const PAGE = 50;

export function reportStatus(status) {
  return badge(
    words(status),
    { processed: 'good', failed: 'bad', received: 'warn', processing: 'warn', withdrawn: 'bad' }[status],
  );
}

/**
 * Submissions, newest first: a caseworker's own organisation's (the API enforces it), every organisation's for
 * analysts.
 */
export async function render(main, _params, query) {
  const analyst = currentSession().role === 'analyst';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const page = await api(`/reports?limit=${PAGE}&offset=${offset}`);
  put(
    main,
    h('h1', null, analyst ? 'Reports' : 'Your organisation’s submissions'),
    page.items.length
      ? table(
          `${page.total} report(s)`,
          [
            analyst ? 'Report' : 'Your case reference',
            'Status',
            ...(analyst ? ['Organisation'] : []),
            'Country',
            'Reported',
            'Received',
            'Subjects',
          ],
          page.items.map((r) =>
            h(
              'tr',
              null,
              // Caseworkers know a report by their own case reference; analysts never see it.
              h(
                'td',
                null,
                analyst || !r.caseRef
                  ? reportLink(r.id)
                  : h('a', { href: `#/reports/${encodeURIComponent(r.id)}` }, r.caseRef),
                r.revision > 1 ? h('div.muted', null, `revision ${r.revision}`) : null,
              ),
              h('td', null, reportStatus(r.status), r.error ? h('div.muted', null, r.error) : null),
              analyst ? h('td', null, r.org) : null,
              h('td', null, r.country),
              h('td', null, when(r.reportedAt)),
              h('td', null, when(r.receivedAt)),
              h('td', null, r.subjectCount),
            ),
          ),
        )
      : h('p.muted', null, 'No report yet.'),
    h(
      'nav.pager',
      { 'aria-label': 'Pages of reports' },
      offset > 0 ? h('a.button.secondary', { href: `#/reports?offset=${Math.max(0, offset - PAGE)}` }, 'Newer') : null,
      offset + PAGE < page.total
        ? h('a.button.secondary', { href: `#/reports?offset=${offset + PAGE}` }, 'Older')
        : null,
    ),
  );
}
