import { api, download, saveBlob } from '../api.js';
import { badge, errorNotice, h, put, table, toast, when } from '../dom.js';
import { showErrors } from '../fieldErrors.js';
import { go } from '../navigate.js';
import { currentSession } from '../session.js';
import { outcomeKinds, words } from '../vocabulary.js';

/*
 * Export bundles. A partner sees only its own (the API enforces it) with its notices of what changed
 * (leads changed since export, new revisions, withdrawn subjects) above them, and reports back what it did
 * with each subject; analysts see all. Each download and notice read is fetched with the key and audited.
 */

const FILES = [
  ['manifest.json', 'Manifest (signed)'],
  ['entities.ftm.jsonl', 'Entities (FollowTheMoney)'],
  ['leads.csv', 'Leads (CSV)'],
];

function downloads(x) {
  const base = `/exports/${encodeURIComponent(x.id)}`;
  return h(
    'div.actions',
    null,
    h(
      'button',
      { type: 'button', 'data-download': 'zip', onclick: () => download(`${base}.zip`, `${x.id}-r${x.revision}.zip`) },
      'ZIP bundle',
    ),
    FILES.map(([name, label]) =>
      h(
        'button.secondary',
        {
          type: 'button',
          'data-download': name,
          onclick: () => download(`${base}/files/${name}`, `${x.id}-r${x.revision}-${name}`),
        },
        label,
      ),
    ),
  );
}

function retractions(x) {
  if (x.withdrawn.length === 0) return null;
  return h(
    'div.notice.bad',
    { role: 'note' },
    h('strong', null, `Retraction notice: ${x.withdrawn.length} subject(s) withdrawn. `),
    'Stop screening for them and use the latest revision.',
    h(
      'ul',
      null,
      x.withdrawn.map((w) =>
        h('li', null, `Revision ${w.revision}: ${w.entity_id} of lead ${w.lead_id} — ${w.reason}`),
      ),
    ),
  );
}

/** One subject of a bundle: what the bank reported so far, and a form to report what it did next. */
function outcomeForm(exportId, subject, outcomes, kinds, n) {
  const id = (part) => `o-${exportId}-${n}-${part}`;
  const kind = h(
    'select',
    { id: id('kind'), dataset: { path: 'outcome' } },
    kinds.map((k) => h('option', { value: k }, words(k))),
  );
  const day = h('input', {
    id: id('date'),
    type: 'date',
    value: new Date().toISOString().slice(0, 10),
    dataset: { path: 'date' },
  });
  const note = h('input', { id: id('note'), type: 'text', maxlength: 2000, dataset: { path: 'note' } });
  const field = (control, label) => h('div.field', null, h('label', { for: control.id }, label), control);
  const form = h(
    'form.outcome-form',
    { novalidate: true, dataset: { subject: subject.subjectId } },
    h(
      'fieldset',
      { dataset: { path: 'subjectId' } },
      h(
        'legend',
        null,
        `${subject.name} · ${subject.schema}`,
        subject.withdrawn ? [' ', badge('withdrawn', 'warn')] : null,
      ),
      h('p.muted', null, `ftm_id ${subject.subjectId} · lead ${subject.leadId}`),
      outcomes.length
        ? h(
            'ul.outcomes',
            null,
            outcomes.map((o) => h('li', null, `${words(o.outcome)} · `, when(o.date), o.note ? ` · ${o.note}` : '')),
          )
        : h('p.muted', null, 'Nothing reported yet.'),
      h(
        'div.row',
        null,
        field(kind, 'Outcome'),
        field(day, 'Day the bank acted'),
        field(note, 'Note for the hub (optional)'),
        h('button', { type: 'submit' }, 'Record outcome'),
      ),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = { subjectId: subject.subjectId, outcome: kind.value, date: day.value };
    if (note.value.trim()) body.note = note.value.trim();
    try {
      const answer = await api(`/exports/${encodeURIComponent(exportId)}/outcomes`, { method: 'POST', json: body });
      toast(answer.alreadyRecorded ? 'That outcome was recorded already; nothing was added.' : 'Outcome recorded.');
      go(location.hash);
    } catch (err) {
      if (err.issues?.length) showErrors(form, err.issues, 'The outcome was not recorded');
      else form.append(errorNotice(err));
    }
  });
  return form;
}

function outcomesPanel(x, reported, kinds) {
  return h(
    'div.outcomes-panel',
    null,
    h('h3', null, 'What you did with each subject'),
    h(
      'p.hint',
      null,
      'Tell the hub what came of this bundle: whether a subject is your customer, and what you did. ' +
        'A subject may get several outcomes over time; the hub’s analysts read your notes, nobody else does.',
    ),
    reported.subjects.map((s, n) =>
      outcomeForm(
        x.id,
        s,
        reported.outcomes.filter((o) => o.subjectId === s.subjectId),
        kinds,
        n,
      ),
    ),
  );
}

function replacements(x) {
  if (x.replaced.length === 0) return null;
  return h(
    'div.notice.warn',
    { role: 'note' },
    h('strong', null, `${x.replaced.length} subject(s) listed under a new id. `),
    'Their records were merged into another entity: screen for the new id instead of the old one.',
    h(
      'ul',
      null,
      x.replaced.map((r) =>
        h('li', null, `Revision ${r.revision}: ${r.old_entity_id} is now ${r.entity_id} (lead ${r.lead_id})`),
      ),
    ),
  );
}

/** A notice in words: ids, revisions and what the partner should do, nothing else (notices hold nothing else). */
function noticeText(n) {
  if (n.kind === 'lead.changed')
    return (
      `Lead ${n.leadId} changed after it was exported: bundle ${n.exportId} holds its revision ${n.heldRevision}, ` +
      `and revision ${n.leadRevision} waits for the hub's analysts to approve it again. Keep screening on what you ` +
      'hold; if it is approved, a new bundle revision follows.'
    );
  if (n.kind === 'bundle.revised')
    return (
      `Bundle ${n.exportId} revision ${n.bundleRevision} supersedes revision ${n.supersedes}: download it and ` +
      'screen on it instead.'
    );
  return (
    `${n.entityIds.length} subject(s) of lead ${n.leadId} withdrawn in revision ${n.bundleRevision} of bundle ` +
    `${n.exportId}: ${n.entityIds.join(', ')}. Stop screening for them.`
  );
}

const NOTICE_TITLES = {
  'lead.changed': 'Lead changed since export',
  'bundle.revised': 'New bundle revision',
  'subjects.withdrawn': 'Subjects withdrawn',
};

const DELIVERY_WORDS = {
  pending: 'webhook: being delivered',
  delivered: 'webhook: delivered',
  failed: 'webhook: failed',
};

function noticeList(notices, partner) {
  return h(
    'section.card#notices',
    { 'aria-labelledby': 'notices-title' },
    h('h2#notices-title', null, partner ? 'Notices for your organisation' : 'Notices to partners'),
    notices.items.length === 0
      ? h('p.muted', null, 'No notice yet: nothing you hold has changed since it was issued.')
      : h(
          'ul.notices',
          null,
          notices.items.map((n) =>
            h(
              `li.notice.${n.kind === 'subjects.withdrawn' ? 'bad' : 'warn'}`,
              { dataset: { notice: n.id, kind: n.kind } },
              h('strong', null, `${NOTICE_TITLES[n.kind]}. `),
              noticeText(n),
              h(
                'div.muted',
                null,
                when(n.at),
                partner ? '' : ` · for ${n.partner}`,
                n.delivery.status === 'none' ? '' : ` · ${DELIVERY_WORDS[n.delivery.status]}`,
                n.delivery.status === 'failed' && n.delivery.error ? ` (${n.delivery.error})` : '',
                ` · ${n.id}`,
              ),
            ),
          ),
        ),
    notices.total > notices.items.length
      ? h('p.muted', null, `The latest ${notices.items.length} of ${notices.total}.`)
      : null,
  );
}

export async function render(main) {
  const session = currentSession();
  const partner = session.role === 'partner';
  const [{ items }, key, notices] = await Promise.all([
    api('/exports'),
    api('/exports/public-key'),
    api('/notices?limit=50'),
  ]);
  const [reported, kinds] = partner
    ? await Promise.all([
        Promise.all(items.map((x) => api(`/exports/${encodeURIComponent(x.id)}/outcomes`))),
        outcomeKinds(),
      ])
    : [[], []];
  put(
    main,
    h('h1', null, partner ? 'Your lead bundles' : 'Exports'),
    h(
      'p.hint',
      null,
      'Each bundle is a signed, self-describing set of files for ' +
        'screening and enhanced due diligence, never proof of wrongdoing. ',
      'Check a ZIP with ',
      h('code', null, 'npx lantern verify BUNDLE.zip'),
      ' and the public key below.',
    ),
    noticeList(notices, partner),
    items.length === 0
      ? h(
          'p.muted',
          null,
          partner
            ? 'No bundle has been issued to your organisation yet.'
            : 'No export yet: export approved leads from a lead’s page.',
        )
      : null,
    items.map((x, i) =>
      h(
        'section.card.export',
        { 'aria-labelledby': `x-${x.id}`, dataset: { export: x.id } },
        h('h2', { id: `x-${x.id}` }, `${x.id} · revision ${x.revision}`),
        h(
          'p.muted',
          null,
          partner ? '' : `For ${x.partner} · `,
          `${x.leads.length} lead(s) · issued `,
          when(x.createdAt),
          ' · updated ',
          when(x.updatedAt),
          ' · review by ',
          when(x.reviewBy),
        ),
        retractions(x),
        replacements(x),
        downloads(x),
        partner ? outcomesPanel(x, reported[i], kinds) : null,
      ),
    ),
    h(
      'section.card',
      null,
      h('h2', null, 'Signing key'),
      h('p', null, `Ed25519, key id ${key.keyId}`),
      h(
        'div.actions',
        null,
        h(
          'button.secondary',
          {
            type: 'button',
            onclick: () =>
              saveBlob(new Blob([key.publicKey], { type: 'application/x-pem-file' }), 'lantern-signing-key.pem'),
          },
          'Download the public key (PEM)',
        ),
      ),
    ),
    partner
      ? null
      : table(
          'Every export',
          ['Export', 'Partner', 'Revision', 'Leads', 'Withdrawn', 'Replaced'],
          items.map((x) =>
            h(
              'tr',
              null,
              h('td', null, x.id),
              h('td', null, x.partner),
              h('td', null, x.revision),
              h('td', null, x.leads.length),
              h('td', null, x.withdrawn.length),
              h('td', null, x.replaced.length),
            ),
          ),
        ),
  );
}
