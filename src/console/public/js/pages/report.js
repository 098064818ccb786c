import { ApiError, api } from '../api.js';
import { clear, entityLink, h, put, table, when } from '../dom.js';
import { currentSession } from '../session.js';
import { words } from '../vocabulary.js';
import { reportStatus } from './reports.js';

const POLL_MS = 1500;

const SUBJECT_TONE = { matched: 'good', failed: 'bad', withdrawn: 'bad', 'waiting for an analyst': 'warn' };

const propertyList = (properties) =>
  h(
    'dl.properties',
    null,
    Object.entries(properties).flatMap(([name, values]) => [
      h('dt', null, words(name)),
      h('dd', null, values.join(', ')),
    ]),
  );

/** What an analyst sees: the organisation, the entity of each subject and the notes. */
function analystView(r) {
  return [
    h('p', { role: 'status' }, 'Status: ', reportStatus(r.status), r.error ? ` — ${r.error}` : ''),
    h('p.muted', null, `${r.org} · ${r.country} · reported `, when(r.reportedAt), ' · received ', when(r.receivedAt)),
    table(
      'Subjects',
      ['Label', 'Kind', 'Entity'],
      r.subjects.map((s) =>
        h(
          'tr',
          null,
          h('td', null, s.ref),
          h('td', null, s.schema),
          h('td', null, s.entityId ? entityLink(s.entityId) : 'not yet matched'),
        ),
      ),
    ),
    r.notes ? h('section.card', null, h('h2', null, 'Notes (analysts only)'), h('p', null, r.notes)) : null,
  ];
}

/**
 * What its caseworker sees: what they submitted and where each subject stands. The API names no entity
 * here, so nothing on this page can tell what other organisations reported.
 */
function caseworkerView(r, onWithdraw) {
  const open = r.status === 'processed' || r.status === 'failed';
  return [
    h(
      'p',
      { role: 'status' },
      'Status: ',
      reportStatus(r.status),
      r.revision > 1 ? ` · revision ${r.revision}` : '',
      r.error ? ` — ${r.error}` : '',
    ),
    h(
      'p.muted',
      null,
      `${r.country} · reported `,
      when(r.reportedAt),
      ' · received ',
      when(r.receivedAt),
      r.withdrawnAt ? ' · withdrawn ' : '',
      r.withdrawnAt ? when(r.withdrawnAt) : '',
    ),
    r.withdrawReason ? h('p', null, `Withdrawn because: ${r.withdrawReason}`) : null,
    table(
      'Subjects',
      ['Label', 'Kind', 'Role', 'What you reported', 'Where it stands'],
      r.subjects.map((s) =>
        h(
          'tr',
          null,
          h('td', null, s.ref),
          h('td', null, words(s.schema)),
          h('td', null, s.role ? words(s.role) : '—'),
          h('td', null, propertyList(s.properties)),
          h('td', null, h(`span.badge${SUBJECT_TONE[s.status] ? `.${SUBJECT_TONE[s.status]}` : ''}`, null, s.status)),
        ),
      ),
    ),
    r.links.length
      ? table(
          'Links',
          ['Kind', 'From', 'To'],
          r.links.map((l) => h('tr', null, h('td', null, words(l.type)), h('td', null, l.from), h('td', null, l.to))),
        )
      : null,
    r.notes ? h('section.card', null, h('h2', null, 'Your notes'), h('p', null, r.notes)) : null,
    r.status === 'withdrawn'
      ? null
      : h(
          'div.actions',
          null,
          open
            ? h('a.button#amend-report', { href: `#/submit?amend=${encodeURIComponent(r.id)}` }, 'Amend')
            : h('span.muted', null, 'Amend and withdraw are offered once matching is done.'),
          open ? h('button.secondary#withdraw-report', { type: 'button', onclick: onWithdraw }, 'Withdraw') : null,
        ),
  ];
}

/** One report, refreshed until it is final. */
export async function render(main, params) {
  const analyst = currentSession().role === 'analyst';
  const box = h('div#report-view');
  const heading = h('h1', null, `Report ${params.id}`);
  const notice = h('div#report-notice', { role: 'status' });
  main.append(heading, notice, box);
  let timer;
  async function withdraw() {
    const reason = window.prompt('Withdraw this report? Its subjects leave Lantern’s matching. Why (optional):');
    if (reason === null) return;
    try {
      await api(`/reports/${encodeURIComponent(params.id)}/withdraw`, { method: 'POST', json: { reason } });
      notice.replaceChildren(h('p.notice.good', null, 'The report is withdrawn.'));
    } catch (err) {
      notice.replaceChildren(h('p.notice.bad', null, err instanceof ApiError ? err.message : String(err)));
    }
    await refresh();
  }
  async function refresh() {
    const r = await api(`/reports/${encodeURIComponent(params.id)}`);
    if (!analyst && r.caseRef) heading.textContent = `Report ${r.caseRef}`;
    put(clear(box), ...(analyst ? analystView(r) : caseworkerView(r, withdraw)));
    if (r.status === 'received' || r.status === 'processing')
      timer = setTimeout(() => refresh().catch(() => undefined), POLL_MS);
  }
  await refresh();
  return () => clearTimeout(timer);
}
