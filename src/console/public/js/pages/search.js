import { api } from '../api.js';
import { entityLink, h, put, table } from '../dom.js';
import { go } from '../navigate.js';
import { words } from '../vocabulary.js';

/** The results of the search box: each entity by its name, what matched, and why it scored so. */
export async function render(main, _params, query) {
  const q = query.get('q') ?? '';
  const form = h(
    'form.search-again',
    { role: 'search', onsubmit: (e) => submit(e, e.target.elements.q.value) },
    h('label', { for: 'search-page-q' }, 'Name, phone, account, IBAN, e-mail, handle or registration number'),
    h('input#search-page-q', { type: 'search', name: 'q', value: q, required: true, maxlength: 200 }),
    h('button', { type: 'submit' }, 'Search'),
  );
  put(main, h('h1', null, q ? `Search: ${q}` : 'Search'), form);
  if (!q.trim()) return;
  const { results } = await api(`/search?${new URLSearchParams({ q })}`);
  if (results.length === 0) {
    put(main, h('p#search-empty', null, 'Lantern knows nothing that matches this.'));
    return;
  }
  const rows = results.map((r) =>
    h(
      'tr',
      null,
      h('td', null, entityLink(r.entityId, r.name)),
      h('td', null, words(r.schema)),
      h('td', null, `${Math.round(r.score * 100)}%`),
      h('td', null, `${words(r.matched.kind)}: ${r.matched.value}${r.matched.exact ? '' : ' (partial)'}`),
      h(
        'td',
        null,
        h(
          'ul.explanation',
          null,
          r.explanation.map((line) => h('li', null, line)),
        ),
      ),
      h('td', null, String(r.reports)),
      h('td', null, String(r.organisations)),
    ),
  );
  put(
    main,
    table(
      `${results.length} found, best first`,
      ['Entity', 'Kind', 'Score', 'Matched', 'Why', 'Reports', 'Organisations'],
      rows,
    ),
  );
}

function submit(event, q) {
  event.preventDefault();
  if (q.trim()) go(`#/search?${new URLSearchParams({ q: q.trim() })}`);
}

/** The top bar's search box, on every page an analyst sees. */
export function searchBox() {
  return h(
    'form.search-box',
    { role: 'search', onsubmit: (e) => submit(e, e.target.elements.q.value) },
    h('input#search-q', {
      type: 'search',
      name: 'q',
      placeholder: 'Name, phone, account…',
      'aria-label': 'Search names and identifiers',
      maxlength: 200,
    }),
  );
}
