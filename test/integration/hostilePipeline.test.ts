import { parse } from 'csv-parse/sync';
import { caseRefHash } from '../../graph/reports/canonical';
import { PROPERTIES_BY_SCHEMA, SUBJECT_SCHEMAS } from '../../src/domain/ftm';
import { MAX_VALUES_PER_PROPERTY } from '../../src/domain/report';
import { textProblem, visibleTextProblem } from '../../src/domain/validation/text';
import { waitFor } from '../support/cli';
import {
  footprint,
  getJson,
  HOSTILE_STRINGS,
  type HostileStack,
  postJson,
  seedLeadAndExport,
  startHostileStack,
} from '../support/hostile';
import { resetGraph, testGraph } from '../support/services';
import { TEST_SECRET, untilProcessed } from '../support/stack';

/*
 * Hostile text through the real API, queues and workers: Cypher, script, template and spreadsheet
 * payloads in every field are stored as the text they are and never run; the leads.csv Lantern writes
 * neutralises formulas; and every read a partner makes of an export lands in the audit trail.
 */

/** What spreadsheets take for a formula, as graph/exports/csv.ts defines it, checked independently here. */
const FORMULA = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/**
 * Hostile values the API stores: they survive its trimming, are well-formed Unicode, and hold no control,
 * bidi or invisible-only text (validation.test.ts proves those are refused).
 */
const STORABLE = HOSTILE_STRINGS.map((s) => s.trim()).filter(
  (s) =>
    s !== '' &&
    !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')) &&
    textProblem(s) === undefined &&
    visibleTextProblem(s) === undefined,
);

/**
 * Properties with a syntax of their own take a valid value, hostile text goes into every free-text one.
 * The clean and the hostile report hold different values, so that nothing they share makes a lead.
 */
const WELL_FORMED: ReadonlyArray<Readonly<Record<string, string[]>>> = [
  {
    phone: ['+66 81 234 5678'],
    email: ['somchai.k@example.co.th'],
    iban: ['GB82 WEST 1234 5698 7654 32'],
    accountNumber: ['123-4-56789-0'],
    birthDate: ['1985-04-12'],
  },
  {
    phone: ['+66 89 765 4321'],
    email: ['nok.p@example.co.th'],
    iban: ['DE89 3704 0044 0532 0130 00'],
    accountNumber: ['987-6-54321-0'],
    birthDate: ['1979-11-30'],
  },
];

/** Workers share two cores with Neo4j and whatever else runs; a slow machine must not fail the test. */
const PATIENCE_MS = 180_000;

function hostileReport(caseRef: string) {
  // Every property of every schema, filled with the hostile strings in turn.
  let next = 0;
  const take = (n: number) => Array.from({ length: n }, () => STORABLE[next++ % STORABLE.length]!);
  const subjects = SUBJECT_SCHEMAS.map((schema, i) => ({
    ref: `s${i}`,
    schema,
    role: schema === 'Person' ? 'Exploiter' : undefined,
    properties: Object.fromEntries(
      PROPERTIES_BY_SCHEMA[schema].map((p) => [p, WELL_FORMED[1]![p] ?? take(Math.min(3, MAX_VALUES_PER_PROPERTY))]),
    ),
  }));
  return {
    caseRef,
    country: 'TH',
    notes: STORABLE.join('\n'),
    subjects,
    links: [{ type: 'UnknownLink', from: 's0', to: 's1' }],
  };
}

describe('hostile text through the real API and workers', () => {
  let stack: HostileStack;
  let reference: Awaited<ReturnType<typeof footprint>>;

  beforeAll(async () => {
    const fresh = testGraph();
    await resetGraph(fresh);
    await fresh.close();
    stack = await startHostileStack('hostile-pipeline', { workers: true });
    // A harmless report of the same shape sets which labels and relationship types processing makes.
    const clean = await postJson(stack, stack.keys.caseworker, '/reports', {
      caseRef: 'HOSTILE-CLEAN-1',
      country: 'TH',
      notes: 'a plain note',
      subjects: SUBJECT_SCHEMAS.map((schema, i) => ({
        ref: `s${i}`,
        schema,
        properties: Object.fromEntries(
          PROPERTIES_BY_SCHEMA[schema].map((p) => [p, WELL_FORMED[0]![p] ?? [`${p} value ${i}`]]),
        ),
      })),
      links: [{ type: 'UnknownLink', from: 's0', to: 's1' }],
    });
    await untilProcessed(stack, clean.body.id as string, stack.keys.caseworker, PATIENCE_MS);
    reference = await footprint(stack);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('stores Cypher, script and template strings in every field verbatim, and none of them runs', async () => {
    const report = hostileReport(STORABLE[2]!);
    const accepted = await postJson(stack, stack.keys.caseworker, '/reports', report);
    expect([accepted.status, accepted.body]).toEqual([202, expect.objectContaining({ status: 'received' })]);
    const id = accepted.body.id as string;
    expect(await untilProcessed(stack, id, stack.keys.caseworker, PATIENCE_MS)).toMatchObject({ status: 'processed' });

    const view = await getJson(stack, stack.keys.analyst, `/reports/${id}`);
    expect(view.body.notes).toBe(report.notes);
    const stored = await stack.graph.read(async (tx) => {
      const r = await tx.run(
        'MATCH (r:Report {id: $id})-[:MENTIONS]->(m:Mention) ' +
          'RETURN r.caseRefHash AS hash, m.ref AS ref, m.record AS record',
        { id },
      );
      return {
        hash: r.records[0]?.get('hash') as string,
        records: new Map(
          r.records.map((row) => [
            row.get('ref') as string,
            JSON.parse(row.get('record') as string) as { properties: Record<string, string[]> },
          ]),
        ),
      };
    });
    // The case reference is kept only as its HMAC, whatever it holds.
    expect(stored.hash).toBe(caseRefHash(TEST_SECRET, 'ngo-hostile-a', report.caseRef));
    for (const subject of report.subjects) {
      const properties = stored.records.get(subject.ref)?.properties ?? {};
      for (const [property, values] of Object.entries(subject.properties))
        expect([subject.ref, property, properties[property]]).toEqual([subject.ref, property, values]);
    }
    const person = ((view.body.subjects ?? []) as Array<{ ref: string; entityId: string }>).find(
      (s) => s.ref === 's0',
    )!;
    const entity = await getJson(stack, stack.keys.analyst, `/entities/${person.entityId}`);
    expect(entity.status).toBe(200);
    expect((entity.body.mentions as Array<{ names: string[] }>).flatMap((m) => m.names)).toEqual(
      expect.arrayContaining(report.subjects[0]!.properties.name!),
    );

    // Labels follow the schemas, which the clean report used too; relationship types depend on what
    // matched, so they are only checked for names no code of ours would write.
    const after = await footprint(stack);
    expect(after.labels).toEqual(reference.labels);
    for (const type of after.relationshipTypes) expect(type).toMatch(/^[A-Z][A-Z_]*$/);
    const planted = await stack.graph.read(async (tx) =>
      Number(
        (await tx.run("MATCH (n) WHERE any(l IN labels(n) WHERE l = 'Pwned') RETURN count(n) AS n")).records[0]!.get(
          'n',
        ),
      ),
    );
    expect(planted).toBe(0);
    expect(after.nodes).toBeGreaterThan(reference.nodes);
    const keys = await stack.graph.read(async (tx) =>
      Number((await tx.run('MATCH (k:ApiKey) RETURN count(k) AS n')).records[0]!.get('n')),
    );
    expect(keys).toBe(Object.keys(stack.keys).length);
  });

  it('imports CSV cells that look like formulas or code verbatim', async () => {
    // A pipe separates values within a cell (docs/csv-import.md), so cells with one are left out here.
    const cells = STORABLE.filter((s) => !/[\r\n"|]/.test(s)).slice(0, 12);
    const csv = [
      'caseRef,country,schema,name,alias',
      ...cells.map((cell, i) => `HOSTILE-CSV-${i},TH,Person,"${cell}","Alias ${i}"`),
    ].join('\n');
    const res = await stack.call('/api/v1/imports', {
      method: 'POST',
      key: stack.keys.caseworker,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const done = await waitFor(
      async () => {
        const view = (await getJson(stack, stack.keys.caseworker, `/imports/${id}`)).body;
        return view.status === 'done' || view.status === 'failed' ? view : undefined;
      },
      PATIENCE_MS,
      'the import',
    );
    expect(done).toMatchObject({ status: 'done', accepted: cells.length, errors: [] });
    for (const reportId of done.reportIds as string[])
      await untilProcessed(stack, reportId, stack.keys.caseworker, PATIENCE_MS);
    const names = await stack.graph.read(async (tx) => {
      const r = await tx.run('MATCH (m:Mention) WHERE m.reportId IN $ids RETURN m.record AS record', {
        ids: done.reportIds,
      });
      return r.records.flatMap(
        (row) => (JSON.parse(row.get('record') as string) as { properties: { name: string[] } }).properties.name,
      );
    });
    expect(names.sort()).toEqual([...cells].sort());
  });

  describe('an export whose subjects carry formulas', () => {
    let exportId: string;
    const names = ['=HYPERLINK("http://evil.example","x")', '@SUM(1+1)*cmd|" /C calc"!A0'];

    beforeAll(async () => {
      ({ exportId } = await seedLeadAndExport(stack, names));
    });

    it('neutralises every formula-like cell of leads.csv, keeping the text after the apostrophe', async () => {
      const res = await stack.call(`/api/v1/exports/${exportId}/files/leads.csv`, { key: stack.keys.partner });
      expect(res.status).toBe(200);
      const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
      for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(FORMULA);
      // The two reports' people share a phone and merge: one name leads the row, the other is an alias.
      const cells = rows.flatMap((r) => [r.name!, ...r.aliases!.split('; ')]);
      for (const name of names)
        expect(cells).toEqual(
          expect.arrayContaining([
            expect.stringMatching(new RegExp(`^'?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)),
          ]),
        );
      expect(rows.map((r) => r.name)).toContain(`'${names[0]}`);
    });

    it('records every partner read of the export in the audit trail, with the leads it showed', async () => {
      const reads = [
        `/exports`,
        `/exports/${exportId}`,
        `/exports/${exportId}.zip`,
        ...['manifest.json', 'entities.ftm.jsonl', 'leads.csv'].map((f) => `/exports/${exportId}/files/${f}`),
      ];
      const before = await auditOf(stack, 'bank-a');
      for (const route of reads)
        expect([route, (await stack.call(`/api/v1${route}`, { key: stack.keys.partner })).status]).toEqual([
          route,
          200,
        ]);
      const added = (await auditOf(stack, 'bank-a')).filter((e) => !before.some((b) => b.id === e.id));
      expect(added.map((e) => e.action).sort()).toEqual([
        'export.downloaded',
        'export.downloaded',
        'export.downloaded',
        'export.downloaded',
        'export.listed',
        'export.read',
      ]);
      for (const event of added)
        expect(event.details.leads).toEqual(expect.arrayContaining([expect.stringMatching(/^lead_/)]));
      // Another bank's attempt reads nothing, so there is nothing to record and nothing is stored.
      const quiet = await footprint(stack);
      expect((await stack.call(`/api/v1/exports/${exportId}`, { key: stack.keys.partner2 })).status).toBe(404);
      expect((await stack.call(`/api/v1/leads`, { key: stack.keys.partner })).status).toBe(403);
      expect(await footprint(stack)).toEqual(quiet);
    });
  });
});

async function auditOf(
  stack: HostileStack,
  org: string,
): Promise<Array<{ id: string; action: string; details: Record<string, unknown> }>> {
  const page = await getJson(stack, stack.keys.admin, '/audit?limit=200');
  return (
    (page.body.items ?? []) as Array<{ id: string; org: string; action: string; details: Record<string, unknown> }>
  ).filter((e) => e.org === org);
}
