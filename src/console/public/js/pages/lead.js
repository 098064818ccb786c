import { api, download } from '../api.js';
import { badge, entityLink, errorNotice, h, put, reportLink, table, toast, when } from '../dom.js';
import { formatDate } from '../format.js';
import { go } from '../navigate.js';
import { currentSession } from '../session.js';
import { words } from '../vocabulary.js';
import { changedBadge, statusBadge } from './leads.js';

/*
 * A lead: its evidence and reasons, the two-person approval, rejection, export to one partner, the
 * bundles it went out in and what the banks did with it. The evidence holds report ids and
 * organisations, never notes or case references.
 */

/** "Nok", "Nok and Ratana", "Nok, Ratana and Pim". */
function namesInWords(names) {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function approvalPanel(lead, me) {
  const { approval } = lead;
  // Approvals count people: another key of the same person would not count either.
  const mine = approval.pending.some((p) => p.person === me.person);
  const closed = ['rejected', 'retracted', 'expired'].includes(lead.status);
  const pendingBy = approval.pending.length ? ` (${namesInWords(approval.pending.map((p) => p.name))})` : '';
  const progress = lead.approved
    ? `Approved (revision ${approval.approvedRevision}) by ${namesInWords(approval.approvedBy.map((a) => a.name))} ` +
      `on ${approval.approvedAt ? formatDate(approval.approvedAt) : '—'}.`
    : `${approval.pending.length} of ${approval.needed} approval(s) for revision ${lead.revision}${pendingBy}` +
      `${mine ? '; yours is counted — another analyst must approve too' : ''}.`;
  const reason = h('input#reject-reason', { type: 'text', maxlength: 2000 });
  const act = (path, body, message) => async (e) => {
    e.target.disabled = true;
    try {
      await api(`/leads/${encodeURIComponent(lead.id)}/${path}`, { method: 'POST', json: body });
      toast(message);
      go(location.hash);
    } catch (err) {
      e.target.disabled = false;
      e.target.after(errorNotice(err));
    }
  };
  return h(
    'section.card',
    { 'aria-labelledby': 'approval-title' },
    h('h2#approval-title', null, 'Approval'),
    h('p#approval-state', null, progress),
    closed
      ? h(
          'p.muted',
          null,
          `This lead is ${words(lead.status).toLowerCase()}${lead.closedReason ? `: ${lead.closedReason}` : ''}.`,
        )
      : h(
          'div',
          null,
          h(
            'div.actions',
            null,
            h(
              'button.good#approve',
              {
                type: 'button',
                disabled: lead.approved || mine,
                // The revision on screen: if the lead changed meanwhile, the API refuses and says so.
                onclick: act('approve', { revision: lead.revision }, 'Your approval is recorded.'),
              },
              lead.approved ? 'Approved' : mine ? 'You approved this revision' : 'Approve',
            ),
          ),
          h(
            'div.row',
            null,
            h('div.field', null, h('label', { for: 'reject-reason' }, 'Reason for rejecting'), reason),
            h(
              'button.danger#reject',
              {
                type: 'button',
                onclick: (e) =>
                  act('reject', reason.value.trim() ? { reason: reason.value.trim() } : {}, 'The lead is rejected.')(e),
              },
              'Reject',
            ),
          ),
          lead.exports.length
            ? h(
                'p.hint',
                null,
                'Rejecting an exported lead retracts it: its partners get a new bundle revision without it.',
              )
            : null,
        ),
  );
}

/** The partner is chosen from the registry: a bank nobody registered cannot be typed in by mistake. */
function exportPanel(lead, partners) {
  const partner = h(
    'select#export-partner',
    { 'aria-describedby': 'export-partner-hint export-error', required: true },
    h('option', { value: '' }, 'Choose a partner bank'),
    ...partners.map((p) => h('option', { value: p.slug }, `${p.name} (${p.slug})`)),
  );
  const error = h('p.field-error#export-error', { role: 'alert' });
  const form = h(
    'form.card',
    { novalidate: true, 'aria-labelledby': 'export-title' },
    h('h2#export-title', null, 'Export to a partner'),
    h(
      'div.field',
      null,
      h('label', { for: 'export-partner' }, 'Partner bank'),
      h(
        'p.hint#export-partner-hint',
        null,
        partners.length
          ? 'Only approved leads can be exported; the bundle is signed and holds no victim data.'
          : 'No partner bank is registered yet: an admin registers one (lantern partners create).',
      ),
      partner,
      error,
    ),
    h('button#export-button', { type: 'submit', disabled: !lead.approved || !partners.length }, 'Export this lead'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if (!partner.value) {
      error.textContent = 'Partner: choose a partner bank';
      partner.setAttribute('aria-invalid', 'true');
      partner.focus();
      return;
    }
    try {
      const created = await api('/exports', {
        method: 'POST',
        json: { partner: partner.value, leads: [lead.id] },
      });
      toast(`Exported as ${created.id}.`);
      go(location.hash);
    } catch (err) {
      error.textContent = err.issues.length
        ? err.issues.map((i) => `${i.path === 'partner' ? 'Partner' : i.path}: ${i.message}`).join('; ')
        : err.message;
      partner.setAttribute('aria-invalid', 'true');
      partner.focus();
    }
  });
  return form;
}

/** What the partners reported doing with the lead's subjects, by the day they acted. */
function outcomesPanel(lead, nameOf) {
  const partnerOf = new Map(lead.exports.map((x) => [x.id, x.partnerName]));
  return h(
    'section.card',
    { 'aria-labelledby': 'outcomes-title' },
    h('h2#outcomes-title', null, 'What the banks did'),
    lead.outcomes.length
      ? table(
          null,
          ['Day', 'Partner', 'Subject', 'Outcome', 'Note'],
          lead.outcomes.map((o) =>
            h(
              'tr',
              { dataset: { outcome: o.id } },
              h('td', null, when(o.date)),
              h('td', null, partnerOf.get(o.exportId) ?? o.partner),
              h(
                'td',
                null,
                entityLink(o.subjectId, nameOf.get(o.subjectId)),
                o.subjectWithdrawn ? h('div', null, badge('withdrawn from the bundle before this', 'warn')) : null,
              ),
              h('td', null, words(o.outcome)),
              h('td', null, o.note ?? h('span.muted', null, '—')),
            ),
          ),
        )
      : h('p.muted', null, lead.exports.length ? 'No bank has reported an outcome yet.' : 'Not exported yet.'),
  );
}

/**
 * What partners hold of a lead that changed after it went out to them, and what approving it again does.
 * Shown until the re-issued bundles hold the current revision.
 */
function changedNotice(lead) {
  if (!lead.changedSinceExport) return null;
  const partners = [...new Set(lead.exports.filter((x) => x.leadRevision < lead.revision).map((x) => x.partnerName))];
  return h(
    'div.notice.warn#changed-since-export',
    { role: 'note' },
    h('strong', null, 'Changed since export. '),
    `${partners.join(', ') || 'The partner'} ${partners.length > 1 ? 'hold' : 'holds'} revision ` +
      `${lead.exportedRevision} of this lead; this is revision ${lead.revision}. `,
    'Once two analysts approve this revision, every bundle holding the lead gets a new signed revision that ' +
      'supersedes the last: merged-away ids are listed under the ids that survived them (the manifest says which ' +
      'replaced which), and subjects no longer in the lead are withdrawn. Until then the partner keeps screening ' +
      'on what it holds and has been told that the lead changed.',
  );
}

/** The typologies of FinCEN's advisory the lead shows, each with what in it shows the typology. */
function typologyPanel(lead) {
  return h(
    'section.card#lead-typologies',
    { 'aria-labelledby': 'typologies-title' },
    h('h2#typologies-title', null, 'Typologies (FinCEN FIN-2020-A008)'),
    lead.typologies.length
      ? h(
          'ul',
          null,
          lead.typologies.map((t) => h('li', null, h('strong', null, t.name), `: ${t.indicator}`)),
        )
      : h('p.muted', null, 'None of the advisory’s typologies.'),
  );
}

/** A subject's names other than the one it is shown by. */
const otherNames = (s) => s.names.filter((n) => n !== s.displayName);

export async function render(main, params) {
  const [lead, partners] = await Promise.all([api(`/leads/${encodeURIComponent(params.id)}`), api('/partners')]);
  const me = currentSession();
  const ev = lead.evidence;
  const nameOf = new Map(lead.subjects.map((s) => [s.entityId, s.displayName]));
  put(
    main,
    h('h1', null, lead.title, ' ', statusBadge(lead.status), changedBadge(lead)),
    h(
      'p.muted',
      null,
      `${lead.id} · score ${lead.score.toFixed(1)} · revision ${lead.revision} · review by `,
      when(lead.reviewBy),
    ),
    changedNotice(lead),
    h(
      'div.grid',
      null,
      h(
        'section.card',
        null,
        h('h2', null, 'Why this is a lead'),
        h(
          'ul',
          null,
          lead.reasons.map((r) => h('li', null, r)),
        ),
        lead.shortfalls.length
          ? [
              h('h3', null, 'Shortfalls'),
              h(
                'ul',
                null,
                lead.shortfalls.map((s) => h('li', null, s)),
              ),
            ]
          : null,
      ),
      h(
        'section.card',
        null,
        h('h2', null, 'Points'),
        table(
          null,
          ['Evidence', 'Points'],
          lead.points.map((p) => h('tr', null, h('td', null, p.what), h('td', null, p.points.toFixed(2)))),
        ),
      ),
      typologyPanel(lead),
      approvalPanel(lead, me),
    ),
    h(
      'section.card',
      null,
      h('h2', null, 'Subjects a bank would screen'),
      table(
        null,
        ['Subject', 'Kind', 'Identifiers', 'Reports', 'Organisations', 'Roles', 'Seen'],
        lead.subjects.map((s) =>
          h(
            'tr',
            null,
            h(
              'td',
              null,
              entityLink(s.entityId, s.displayName),
              otherNames(s).length ? h('div.muted', null, otherNames(s).join(' · ')) : null,
            ),
            h('td', null, s.schema),
            h(
              'td',
              null,
              s.identifiers.map((i) => h('div', null, `${words(i.kind)}: ${i.value}`)),
            ),
            h('td', null, s.independentReports),
            h('td', null, s.organisations),
            h('td', null, s.roles.map(words).join(', ')),
            h('td', null, when(s.firstSeen), ' – ', when(s.lastSeen)),
          ),
        ),
      ),
      lead.links.length
        ? [
            h('h3', null, 'Links'),
            h(
              'ul',
              null,
              lead.links.map((l) =>
                h(
                  'li',
                  null,
                  entityLink(l.from, nameOf.get(l.from)),
                  ` ${words(l.type).toLowerCase()} `,
                  entityLink(l.to, nameOf.get(l.to)),
                ),
              ),
            ),
          ]
        : null,
    ),
    h(
      'section.card',
      null,
      h('h2', null, 'Evidence'),
      h(
        'p',
        null,
        `${ev.independentReports} independent report(s) from ${ev.organisations} ` +
          `organisation(s); ${ev.analystConfirmedTies} tie(s) confirmed by analysts; ${ev.nameTies} by ` +
          `names${ev.commonNameTiesIgnored ? ` (${ev.commonNameTiesIgnored} common-name tie(s) ignored)` : ''}.`,
      ),
      ev.tyingIdentifiers.length
        ? [
            h('h3', null, 'Identifiers that tie reports together'),
            h(
              'ul',
              null,
              ev.tyingIdentifiers.map((i) => h('li', null, `${words(i.kind)} ${i.value} (${i.reports} reports)`)),
            ),
          ]
        : null,
      h('h3', null, 'Reports behind it'),
      h(
        'ul#lead-reports',
        null,
        lead.reports.map((r) => h('li', null, reportLink(r.id, `${r.orgName} · received ${formatDate(r.receivedAt)}`))),
      ),
    ),
    exportPanel(lead, partners.items),
    h(
      'section.card',
      null,
      h('h2', null, 'Exported in'),
      lead.exports.length
        ? table(
            null,
            ['Export', 'Partner', 'Revision', 'Lead revision held', 'Created', 'Download'],
            lead.exports.map((x) =>
              h(
                'tr',
                null,
                h('td', null, x.id),
                h('td', null, x.partnerName === x.partner ? x.partner : `${x.partnerName} (${x.partner})`),
                h('td', null, x.revision),
                h('td', null, x.leadRevision),
                h('td', null, when(x.createdAt)),
                h(
                  'td',
                  null,
                  h(
                    'button.secondary',
                    {
                      type: 'button',
                      onclick: () => download(`/exports/${encodeURIComponent(x.id)}.zip`, `${x.id}.zip`),
                    },
                    'Download ZIP',
                  ),
                ),
              ),
            ),
          )
        : h('p.muted', null, 'Not exported yet.'),
    ),
    outcomesPanel(lead, nameOf),
  );
}
