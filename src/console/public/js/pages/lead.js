import { api, download } from '../api.js';
import { entityLink, errorNotice, h, put, reportLink, table, toast, when } from '../dom.js';
import { formatDate } from '../format.js';
import { go } from '../navigate.js';
import { currentSession } from '../session.js';
import { words } from '../vocabulary.js';
import { statusBadge } from './leads.js';

/*
 * A lead: its evidence and reasons, the two-person approval, rejection, export to one partner and the
 * bundles it went out in. The evidence holds report ids and organisations, never notes or case references.
 */

function approvalPanel(lead, me) {
  const { approval } = lead;
  const mine = approval.pending.some((p) => p.by === me.keyId);
  const closed = ['rejected', 'retracted', 'expired'].includes(lead.status);
  const progress = lead.approved
    ? `Approved (revision ${approval.approvedRevision}) by ${approval.approvedBy.length} analyst(s) ` +
      `on ${approval.approvedAt ? formatDate(approval.approvedAt) : '—'}.`
    : `${approval.pending.length} of ${approval.needed} approval(s) for ` +
      `revision ${lead.revision}${mine ? '; yours is counted — another analyst must approve too' : ''}.`;
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
                onclick: act('approve', {}, 'Your approval is recorded.'),
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

function exportPanel(lead) {
  const partner = h('input#export-partner', {
    type: 'text',
    autocomplete: 'off',
    'aria-describedby': 'export-partner-hint export-error',
    pattern: '[a-z0-9-]+',
  });
  const error = h('p.field-error#export-error', { role: 'alert' });
  const form = h(
    'form.card',
    { novalidate: true, 'aria-labelledby': 'export-title' },
    h('h2#export-title', null, 'Export to a partner'),
    h(
      'div.field',
      null,
      h('label', { for: 'export-partner' }, 'Partner organisation'),
      h(
        'p.hint#export-partner-hint',
        null,
        'The partner bank’s organisation slug, as on its API key (e.g. bank-a). Only approved leads can be ' +
          'exported; the bundle is signed and holds no victim data.',
      ),
      partner,
      error,
    ),
    h('button#export-button', { type: 'submit', disabled: !lead.approved }, 'Export this lead'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const created = await api('/exports', {
        method: 'POST',
        json: { partner: partner.value.trim(), leads: [lead.id] },
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
  const lead = await api(`/leads/${encodeURIComponent(params.id)}`);
  const me = currentSession();
  const ev = lead.evidence;
  const nameOf = new Map(lead.subjects.map((s) => [s.entityId, s.displayName]));
  put(
    main,
    h('h1', null, lead.title, ' ', statusBadge(lead.status)),
    h(
      'p.muted',
      null,
      `${lead.id} · score ${lead.score.toFixed(1)} · revision ${lead.revision} · review by `,
      when(lead.reviewBy),
    ),
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
    exportPanel(lead),
    h(
      'section.card',
      null,
      h('h2', null, 'Exported in'),
      lead.exports.length
        ? table(
            null,
            ['Export', 'Partner', 'Revision', 'Created', 'Download'],
            lead.exports.map((x) =>
              h(
                'tr',
                null,
                h('td', null, x.id),
                h('td', null, x.partnerName === x.partner ? x.partner : `${x.partnerName} (${x.partner})`),
                h('td', null, x.revision),
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
  );
}
