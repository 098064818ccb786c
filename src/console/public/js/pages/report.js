import { api } from '../api.js';
import { clear, entityLink, h, put, table, when } from '../dom.js';
import { currentSession } from '../session.js';
import { reportStatus } from './reports.js';

const POLL_MS = 1500;

/**
 * One report's processing, refreshed until it is final. Notes appear for analysts only (the API sends them to no one
 * else).
 */
export async function render(main, params) {
  const analyst = currentSession().role === 'analyst';
  const box = h('div#report-view');
  main.append(h('h1', null, `Report ${params.id}`), box);
  let timer;
  async function refresh() {
    const r = await api(`/reports/${encodeURIComponent(params.id)}`);
    put(
      clear(box),
      h('p', { role: 'status' }, 'Status: ', reportStatus(r.status), r.error ? ` — ${r.error}` : ''),
      h(
        'p.muted',
        null,
        `${analyst ? `${r.org} · ` : ''}${r.country} · reported `,
        when(r.reportedAt),
        ' · received ',
        when(r.receivedAt),
      ),
      table(
        'Subjects',
        ['Label', 'Kind', 'Entity'],
        r.subjects.map((s) =>
          h(
            'tr',
            null,
            h('td', null, s.ref),
            h('td', null, s.schema),
            h('td', null, s.entityId ? (analyst ? entityLink(s.entityId) : 'matched') : 'not yet matched'),
          ),
        ),
      ),
      analyst && r.notes
        ? h('section.card', null, h('h2', null, 'Notes (analysts only)'), h('p', null, r.notes))
        : null,
    );
    if (r.status === 'received' || r.status === 'processing')
      timer = setTimeout(() => refresh().catch(() => undefined), POLL_MS);
  }
  await refresh();
  return () => clearTimeout(timer);
}
