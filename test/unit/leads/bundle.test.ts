import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildBundle, bundleZip } from '../../../graph/exports/bundle';
import { leadsCsv, leadsCsvRow, neutraliseCell, subjectRow } from '../../../graph/exports/csv';
import { linkEntity, subjectEntity } from '../../../graph/exports/ftm';
import { loadSigningKey, signerFromPrivateKey, signManifest } from '../../../graph/exports/signing';
import { verifyBundle } from '../../../graph/exports/verify';
import { readZip, writeZip } from '../../../graph/exports/zip';
import { LEADS_CSV_COLUMNS, Manifest, type SnapshotLead, type SubjectEvaluation } from '../../../src/domain/leads';

const freshSigner = () =>
  signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());

const subject = (over: Partial<SubjectEvaluation> = {}): SubjectEvaluation => ({
  entityId: 'ent_broker',
  schema: 'Person',
  names: ['Somchai Rattanaphongsiri'],
  mentionIds: ['men_1', 'men_2'],
  independentReports: 2,
  organisations: 2,
  roles: ['BrokerTravelAgent'],
  identifiers: [{ kind: 'phone', value: '+66897712345' }],
  strongestIdentifier: 'phone',
  firstSeen: '2023-03-14',
  lastSeen: '2024-02-20',
  reportCountries: ['KH', 'TH'],
  providers: [],
  ...over,
});

const FUNNEL = {
  id: 'funnel_account',
  name: 'Funnel accounts',
  indicator: 'bank account ·9137 is tied to 2 reports from 2 countries and to 2 people',
} as const;

function snapshot(): SnapshotLead {
  const person = subjectEntity('ent_broker', 'Person', [
    { schema: 'Person', properties: { name: ['Khun Somchai'], phone: ['089-771-2345'] }, defaultCountry: 'TH' },
    {
      schema: 'Person',
      properties: { name: ['=HYPERLINK("http://x.example")'], phone: ['+66 89 771 2345'], nationality: ['TH'] },
      defaultCountry: 'KH',
    },
  ]);
  const account = subjectEntity('ent_acct', 'BankAccount', [
    {
      schema: 'BankAccount',
      properties: { accountNumber: ['046-8-52913-7'], bankName: ['Kasikornbank'] },
      defaultCountry: 'TH',
    },
  ]);
  const lead = { id: 'lead_1', score: 7.5, approvedBy: ['usr_a', 'usr_b'], approvedAt: '2025-01-02T00:00:00.000Z' };
  return {
    leadId: 'lead_1',
    revision: 1,
    issuedIn: 1,
    score: 7.5,
    reviewBy: '2025-07-01T00:00:00.000Z',
    subjects: [
      {
        entityId: 'ent_broker',
        mentionIds: ['men_1', 'men_2'],
        entity: person,
        row: subjectRow(lead, subject(), person),
      },
      {
        entityId: 'ent_acct',
        mentionIds: ['men_3'],
        entity: account,
        row: subjectRow(
          lead,
          subject({ entityId: 'ent_acct', schema: 'BankAccount', strongestIdentifier: 'account' }),
          account,
        ),
      },
    ],
    links: [
      {
        from: 'ent_broker',
        to: 'ent_acct',
        entity: linkEntity(
          'Ownership',
          { id: 'ent_broker', schema: 'Person' },
          { id: 'ent_acct', schema: 'BankAccount' },
        ),
      },
    ],
    typologies: [FUNNEL],
  };
}

const bundleInput = (
  withdrawn = [] as Array<{ lead_id: string; entity_id: string; revision: number; reason: string }>,
) => ({
  exportId: 'exp_1',
  revision: withdrawn.length > 0 ? 2 : 1,
  issuer: 'Lantern test hub',
  recipient: 'bank-a',
  redressContact: 'redress@hub.example',
  issuedAt: new Date('2025-01-03T10:00:00Z'),
  leads: [snapshot()],
  withdrawn,
  replaced: [],
});

describe('FollowTheMoney entities', () => {
  it("holds arrays of strings only, phones in E.164, topic poi, and only the schema's properties", () => {
    const e = subjectEntity('ent_x', 'Person', [
      { schema: 'UserAccount', properties: { service: ['WhatsApp'], phone: ['+60167284419'] } },
      {
        schema: 'Person',
        properties: { name: ['Tan Ah Kow'], phone: ['016-728 4419'], nationality: ['Malaysia'] },
        defaultCountry: 'MY',
      },
    ]);
    expect(e).toEqual({
      id: 'ent_x',
      schema: 'Person',
      properties: { name: ['Tan Ah Kow'], nationality: ['my'], phone: ['+60167284419'], topics: ['poi'] },
    });
    for (const values of Object.values(e.properties)) expect(values.every((v) => typeof v === 'string')).toBe(true);
  });

  it('leaves masked numbers out, and gives a phone-number handle its number as username', () => {
    expect(
      subjectEntity('ent_a', 'BankAccount', [
        { schema: 'BankAccount', properties: { accountNumber: ['ending 7765'], bankName: ['Maybank'] } },
      ]).properties,
    ).toEqual({ bankName: ['Maybank'], topics: ['poi'] });
    expect(
      subjectEntity('ent_u', 'UserAccount', [
        { schema: 'UserAccount', properties: { service: ['WhatsApp'], phone: ['+60167284419'] } },
      ]).properties,
    ).toMatchObject({ number: ['+60167284419'], username: ['+60167284419'] });
  });

  it('writes links that do not fit their FtM ranges as UnknownLink', () => {
    expect(
      linkEntity('Ownership', { id: 'ent_p', schema: 'Person' }, { id: 'ent_a', schema: 'BankAccount' }),
    ).toMatchObject({ schema: 'Ownership', properties: { owner: ['ent_p'], asset: ['ent_a'] } });
    expect(
      linkEntity('Employment', { id: 'ent_c', schema: 'Company' }, { id: 'ent_u', schema: 'UserAccount' }),
    ).toMatchObject({ schema: 'UnknownLink', properties: { subject: ['ent_c'], object: ['ent_u'] } });
  });
});

describe('leads.csv', () => {
  it('neutralises cells that a spreadsheet would run as formulas', () => {
    expect(['=1+1', '+66897712345', '-2', '@SUM(A1)', '\t=1', 'Somchai', ''].map(neutraliseCell)).toEqual([
      "'=1+1",
      "'+66897712345",
      "'-2",
      "'@SUM(A1)",
      "'\t=1",
      'Somchai',
      '',
    ]);
  });

  it('has the columns of the contract and neutralises every cell', () => {
    const lead = snapshot();
    const rows = parse(leadsCsv(lead.subjects.map((s) => leadsCsvRow(s.row, lead.typologies))), {
      columns: true,
    }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([...LEADS_CSV_COLUMNS]);
    const broker = rows[0]!;
    expect(broker).toMatchObject({
      lead_id: 'lead_1',
      ftm_id: 'ent_broker',
      schema: 'Person',
      phones: "'+66897712345",
      countries: 'TH',
      goaml_hint: 't_person',
      strongest_identifier: 'phone',
      typologies: 'funnel_account',
    });
    expect(broker.name).toBe('\'=HYPERLINK("http://x.example")');
    expect(broker.aliases).toBe('Khun Somchai');
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(rows[1]).toMatchObject({
      schema: 'BankAccount',
      name: '0468529137',
      account_numbers: '0468529137',
      bank: 'Kasikornbank',
      goaml_hint: 't_account',
    });
    expect(broker.approved_by).toMatch(/^analyst-[0-9a-f]{10}; analyst-[0-9a-f]{10}$/);
  });
});

describe('signed bundles', () => {
  it('round-trips: a fresh bundle verifies, with the hash of every file', async () => {
    const signer = freshSigner();
    const { files, manifest } = buildBundle(bundleInput(), signer);
    expect(Manifest.parse(JSON.parse(files['manifest.json']))).toEqual(manifest);
    expect(manifest).toMatchObject({
      handling: 'TLP:AMBER',
      permitted_use: 'screening and enhanced due diligence only; not proof of wrongdoing',
      redress_contact: 'redress@hub.example',
      review_by: '2025-07-01T00:00:00.000Z',
      sar_key_term: 'HUMAN TRAFFICKING FIN-2020-A008',
    });
    expect(manifest.sar_guidance).toContain('SAR field 2');
    const result = await verifyBundle(bundleZip(files, new Date('2025-01-03T10:00:00Z')), signer.publicKeyPem);
    expect(result).toMatchObject({
      ok: true,
      signature: 'valid',
      bundle: 'exp_1',
      revision: 1,
      files: { 'entities.ftm.jsonl': 'ok', 'leads.csv': 'ok' },
      leads: [{ lead_id: 'lead_1', typologies: ['funnel_account'] }],
      sarKeyTerm: 'HUMAN TRAFFICKING FIN-2020-A008',
    });
    const lines = files['entities.ftm.jsonl']
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { schema: string });
    expect(lines.map((l) => l.schema).sort()).toEqual(['BankAccount', 'Ownership', 'Person']);
  });

  it('still verifies a bundle issued before typologies, whose manifest names neither them nor a SAR term', async () => {
    const signer = freshSigner();
    const { files, manifest } = buildBundle(bundleInput(), signer);
    const { signature, sar_key_term, sar_guidance, leads, ...before } = manifest;
    const older = signManifest({ ...before, leads: leads.map(({ typologies, ...lead }) => lead) }, signer);
    expect(JSON.stringify(older)).not.toMatch(/typologies|sar_/);
    const zip = bundleZip({ ...files, 'manifest.json': JSON.stringify(older) }, new Date('2025-01-03T10:00:00Z'));
    expect(await verifyBundle(zip, signer.publicKeyPem)).toMatchObject({
      ok: true,
      signature: 'valid',
      leads: [{ lead_id: 'lead_1', typologies: [] }],
      sarKeyTerm: null,
    });
  });

  it('detects a changed file, a changed manifest and a bundle signed by another key', async () => {
    const signer = freshSigner();
    const { files } = buildBundle(bundleInput(), signer);
    const at = new Date('2025-01-03T10:00:00Z');
    const csv = await verifyBundle(
      bundleZip({ ...files, 'leads.csv': files['leads.csv'].replace('Kasikornbank', 'Krungthai Bank') }, at),
      signer.publicKeyPem,
    );
    expect(csv).toMatchObject({ ok: false, signature: 'valid', files: { 'leads.csv': 'mismatch' } });
    const manifest = await verifyBundle(
      bundleZip(
        {
          ...files,
          'manifest.json': files['manifest.json'].replace('"review_by": "2025-07-01', '"review_by": "2027-07-01'),
        },
        at,
      ),
      signer.publicKeyPem,
    );
    expect(manifest).toMatchObject({ ok: false, signature: 'invalid' });
    expect(await verifyBundle(bundleZip(files, at), freshSigner().publicKeyPem)).toMatchObject({
      ok: false,
      signature: 'other-key',
    });
    const extra = writeZip(
      [...(await readZip(bundleZip(files, at))), { name: 'notes.txt', data: Buffer.from('x') }],
      at,
    );
    expect(await verifyBundle(extra, signer.publicKeyPem)).toMatchObject({
      ok: false,
      files: { 'notes.txt': 'unexpected' },
    });
  });

  it('leaves withdrawn subjects and their links out of a revision, and says why', () => {
    const signer = freshSigner();
    const { files, manifest } = buildBundle(
      bundleInput([
        {
          lead_id: 'lead_1',
          entity_id: 'ent_acct',
          revision: 2,
          reason: 'a merge of records behind this subject was undone',
        },
      ]),
      signer,
    );
    expect(manifest.revision).toBe(2);
    expect(manifest.withdrawn).toHaveLength(1);
    expect(manifest.leads).toEqual([
      {
        lead_id: 'lead_1',
        revision: 1,
        score: 7.5,
        subjects: 1,
        review_by: '2025-07-01T00:00:00.000Z',
        typologies: [FUNNEL],
      },
    ]);
    expect(manifest.supersedes).toBe(1);
    expect(files['entities.ftm.jsonl']).not.toContain('ent_acct');
    expect(files['leads.csv']).not.toContain('ent_acct');
  });

  it('lists a lead approved again as its new snapshot, and names each merged-away id with its survivor', async () => {
    const signer = freshSigner();
    const withdrawal = { lead_id: 'lead_1', entity_id: 'ent_acct', revision: 2, reason: 'a merge was undone' };
    // Revision 3 holds the lead as approved again (snapshot of revision 3): the broker is now ent_survivor.
    const old = snapshot();
    const approvedAgain: SnapshotLead = {
      ...old,
      revision: 2,
      issuedIn: 3,
      subjects: old.subjects.map((s) =>
        s.entityId === 'ent_broker'
          ? { ...s, entityId: 'ent_survivor', entity: { ...s.entity, id: 'ent_survivor' } }
          : s,
      ),
      links: [],
    };
    const input = {
      ...bundleInput([withdrawal]),
      revision: 3,
      leads: [approvedAgain],
      replaced: [{ lead_id: 'lead_1', old_entity_id: 'ent_broker', entity_id: 'ent_survivor', revision: 3 }],
    };
    const { files, manifest } = buildBundle(input, signer);
    expect(manifest).toMatchObject({
      revision: 3,
      supersedes: 2,
      leads: [{ lead_id: 'lead_1', revision: 2, subjects: 2 }],
      replaced: input.replaced,
      withdrawn: [withdrawal],
    });
    // The withdrawal was of the older snapshot: the account is listed again as the new approval lists it.
    const ids = files['entities.ftm.jsonl']
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids.sort()).toEqual(['ent_acct', 'ent_survivor']);
    const at = new Date('2025-01-03T10:00:00Z');
    expect(await verifyBundle(bundleZip(files, at), signer.publicKeyPem)).toMatchObject({
      ok: true,
      revision: 3,
      supersedes: 2,
    });

    // A manifest whose history does not hold together fails even when the issuer signed it.
    const wrong = buildBundle(
      { ...input, replaced: [{ ...input.replaced[0]!, entity_id: 'ent_nowhere' }] },
      signer,
    ).files;
    expect(await verifyBundle(bundleZip(wrong, at), signer.publicKeyPem)).toMatchObject({
      ok: false,
      signature: 'valid',
      problems: ['ent_nowhere, which replaces ent_broker, is not in entities.ftm.jsonl'],
    });
  });

  it('keeps the signing key in the data directory, readable by its owner only, and reuses it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-keys-'));
    try {
      const first = loadSigningKey(dir);
      expect(loadSigningKey(dir).keyId).toBe(first.keyId);
      expect(statSync(path.join(dir, 'signing', 'ed25519.key.pem')).mode & 0o077).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ZIP archives', () => {
  it('reads what it writes, and refuses a damaged archive', async () => {
    const zip = writeZip(
      [
        { name: 'a.txt', data: Buffer.from('hello') },
        { name: 'b.txt', data: Buffer.from('') },
      ],
      new Date('2025-01-03T10:00:00Z'),
    );
    expect((await readZip(zip)).map((e) => [e.name, e.data.toString()])).toEqual([
      ['a.txt', 'hello'],
      ['b.txt', ''],
    ]);
    const damaged = Buffer.from(zip);
    damaged[30 + 'a.txt'.length] = 'j'.charCodeAt(0);
    await expect(readZip(damaged)).rejects.toThrow('a.txt does not match its CRC-32');
    await expect(readZip(Buffer.from('not a zip'))).rejects.toThrow('not a ZIP archive');
  });
});
