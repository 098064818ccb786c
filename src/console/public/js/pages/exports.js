import { api, download, saveBlob } from '../api.js';
import { h, put, table, when } from '../dom.js';
import { currentSession } from '../session.js';

/*
 * Export bundles. A partner sees only its own (the API enforces it) with every retraction notice;
 * analysts see all. Each download is fetched with the key and audited by the API.
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

export async function render(main) {
  const session = currentSession();
  const partner = session.role === 'partner';
  const [{ items }, key] = await Promise.all([api('/exports'), api('/exports/public-key')]);
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
          ['Export', 'Partner', 'Revision', 'Leads', 'Withdrawn'],
          items.map((x) =>
            h(
              'tr',
              null,
              h('td', null, x.id),
              h('td', null, x.partner),
              h('td', null, x.revision),
              h('td', null, x.leads.length),
              h('td', null, x.withdrawn.length),
            ),
          ),
        ),
  );
}
