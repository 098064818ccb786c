import { api } from '../api.js';
import { badge, h, put, table, when } from '../dom.js';
import { go } from '../navigate.js';
import { leadStatuses, words } from '../vocabulary.js';

const PAGE = 50;

/** Status badges: what needs an analyst stands out, what is closed recedes. */
export function statusBadge(status) {
  const tone = {
    approved: 'good',
    exported: 'good',
    new: 'warn',
    in_review: 'warn',
    rejected: 'bad',
    retracted: 'bad',
    expired: 'bad',
  }[status];
  return badge(words(status), tone);
}

/** A lead partners hold in an older revision than its own: it waits for analysts to approve it again. */
export function changedBadge(lead) {
  return lead.changedSinceExport ? [' ', badge('Changed since export', 'warn')] : null;
}

export async function render(main, _params, query) {
  const status = query.get('status') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const statuses = await leadStatuses();
  const qs = new URLSearchParams({ limit: String(PAGE), offset: String(offset), ...(status ? { status } : {}) });
  const page = await api(`/leads?${qs}`);
  const filter = h(
    'select#lead-status',
    { onchange: (e) => go(`#/leads${e.target.value ? `?status=${e.target.value}` : ''}`) },
    h('option', { value: '' }, 'All statuses'),
    statuses.map((s) => h('option', { value: s, selected: s === status }, words(s))),
  );
  const link = (off) => `#/leads?${new URLSearchParams({ ...(status ? { status } : {}), offset: String(off) })}`;
  put(
    main,
    h('h1', null, 'Leads'),
    h(
      'p.hint',
      null,
      'Corroborated networks, highest score first. A lead is screening input for a bank, never proof: open one to ' +
        'see its evidence before approving.',
    ),
    h('div.row', null, h('div.field', null, h('label', { for: 'lead-status' }, 'Status'), filter)),
    page.items.length
      ? table(
          `${page.total} lead(s)${status ? ` with status ${words(status)}` : ''}`,
          ['Lead', 'Status', 'Score', 'Subjects', 'Why', 'Typologies', 'Review by'],
          page.items.map((l) =>
            h(
              'tr',
              null,
              h(
                'td',
                null,
                h('a', { href: `#/leads/${encodeURIComponent(l.id)}` }, l.title),
                h('div.muted', null, l.id),
              ),
              h('td', null, statusBadge(l.status), l.approved ? ' ✓' : '', changedBadge(l)),
              h('td', null, l.score.toFixed(1)),
              h('td', null, l.subjects.map((s) => s.displayName).join(' · ')),
              h('td', null, l.reasons[0] ?? ''),
              h('td', null, l.typologies.map((t) => t.name).join(' · ')),
              h('td', null, when(l.reviewBy)),
            ),
          ),
        )
      : h('p.muted', null, 'No lead with this status.'),
    h(
      'nav.pager',
      { 'aria-label': 'Pages of leads' },
      offset > 0 ? h('a.button.secondary', { href: link(Math.max(0, offset - PAGE)) }, 'Previous page') : null,
      offset + PAGE < page.total ? h('a.button.secondary', { href: link(offset + PAGE) }, 'Next page') : null,
    ),
  );
}
