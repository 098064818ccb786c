import { api, download, saveBlob } from '../api.js';
import { h, put, table, when } from '../dom.js';
import { currentSession } from '../session.js';

/*
 * Export bundles. A partner sees only its own (the API enforces it) with its notices of what changed
 * (leads changed since export, new revisions, withdrawn subjects) above them; analysts see all. Each
 * download and notice read is fetched with the key and audited by the API.
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
    items.map((x) =>
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
