import type { Graph } from '../../graph/driver';
import { acceptReports } from '../../graph/reports/accept';
import { loadReports, mentionsOf } from '../../graph/reports/pipeline';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { Resolver } from '../../graph/resolve/resolver';
import { importParsedInBulk, parseBulkJsonl } from '../../src/cli/bulkImport';
import { parseImportCsv } from '../../src/domain/csvImport';
import type { ParsedImport } from '../../src/domain/imports';
import { partitionOf, shape } from '../support/partition';
import { resetGraph, testCandidateIndex, testGraph } from '../support/services';
import { TEST_SECRET } from '../support/stack';

// Invented people, companies and numbers from the region; none is real.
const HEADER = 'caseRef,country,reportedAt,ref,schema,name,phone,birthDate,registrationNumber,link_type,link_to';
const ROWS = [
  // One man three times: diacritics, a typo, a phone written locally and internationally.
  'VN-B-01,VN,2024-02-01,p1,Person,Nguyen Van Minh,0912 345 678,1988-04-12,,,',
  'VN-B-02,VN,2024-02-03,p1,Person,Nguyễn Văn Minh,+84 912 345 678,,,,',
  'VN-B-03,VN,2024-02-09,p1,Person,Nguyen Van Mihn,,1988-04-12,,,',
  // A Thai recruiter in two romanisations, and the same phone.
  'TH-B-04,TH,2024-03-01,p1,Person,Somchai Jaidee,081 234 5678,,,,',
  'TH-B-05,TH,2024-03-05,p1,Person,Somchay Jaidee,+66 81 234 5678,1979-11-30,,,',
  // A household's landline, given for three people whose names conflict: it must join none of them.
  'TH-B-06,TH,2024-04-01,p1,Person,Siriporn Kaewmanee,02 123 4567,,,,',
  'TH-B-07,TH,2024-04-02,p1,Person,Anong Kaewmanee,02 123 4567,,,,',
  'TH-B-08,TH,2024-04-03,p1,Person,Prasit Boonmee,02 123 4567,,,,',
  // A recruiter's hotline shared by two different people.
  'MY-B-09,MY,2024-05-01,p1,Person,Tan Wei Ming,012-345 6789,,,,',
  'MY-B-10,MY,2024-05-02,p1,Person,Lim Mei Ling,+60 12-345 6789,,,,',
  // A company reported twice, with a reported owner in one report.
  'KH-B-11,KH,2024-06-01,c1,Company,Mekong Star Manpower Co. Ltd.,,,0105561234567,,',
  'KH-B-11,KH,2024-06-01,p1,Person,Heng Sovannarith,012 555 019,,,Ownership,c1',
  'KH-B-12,KH,2024-06-09,c1,Company,Mekong Star Manpower Company Limited,,,0105561234567,,',
  // Decoys with common names.
  'VN-B-13,VN,2024-07-01,p1,Person,Nguyen Thi Lan,,1995-01-01,,,',
  'VN-B-14,VN,2024-07-02,p1,Person,Nguyen Thi Lan Anh,,1992-06-06,,,',
];
const GOOD_CSV = [HEADER, ...ROWS].join('\n');

const ORG = 'bulk-ngo';

/** Mentions of the parsed reports' subjects, in file order, as (report index, ref) for comparing runs. */
function subjectOrder(parsed: ParsedImport): string[] {
  return parsed.reports.flatMap((r, i) => r.input.subjects.map((s) => `${i}/${s.ref}`));
}

/** The mention ids of `reportIds` (one per parsed report, in order) in subject order. */
function mentionIds(parsed: ParsedImport, reportIds: readonly string[]): string[] {
  return parsed.reports.flatMap((r, i) => r.input.subjects.map((s) => `men_${reportIds[i]}_${s.ref}`));
}

/** The streaming path: reports accepted, then ingested and resolved one report at a time. */
async function streamOneByOne(graph: Graph, index: CandidateIndex, parsed: ParsedImport): Promise<string[]> {
  const outcomes = await acceptReports(
    graph,
    parsed.reports.map((r) => ({ org: ORG, input: r.input, secret: TEST_SECRET })),
  );
  const ids = outcomes.map((o) => o.id);
  const resolver = new Resolver(graph, { index });
  const reports = await loadReports(graph, ids);
  for (const id of ids) {
    const { mentions, links } = mentionsOf(reports.get(id)!);
    await resolver.resolve(mentions, links);
  }
  return ids;
}

async function count(graph: Graph, cypher: string): Promise<number> {
  return graph.read(async (tx) => Number((await tx.run(cypher)).records[0]?.get('n') ?? 0));
}

describe('lantern import --bulk', () => {
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  beforeAll(() => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'bulk');
  });
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

  it('gives the same partition as streaming the same reports one by one', async () => {
    const parsed = parseImportCsv(GOOD_CSV);
    expect(parsed.errors).toEqual([]);
    const order = subjectOrder(parsed);

    await resetGraph(graph);
    const streamed = await streamOneByOne(graph, candidates.index, parsed);
    const streamShape = shape(await partitionOf(graph, mentionIds(parsed, streamed)), mentionIds(parsed, streamed));
    const streamReview = await count(graph, "MATCH ()-[p:POSSIBLE_MATCH {status: 'open'}]->() RETURN count(p) AS n");

    await resetGraph(graph);
    const bulk = await importParsedInBulk(graph, candidates.index, parsed, { org: ORG, secret: TEST_SECRET });
    const ids = mentionIds(parsed, bulk.reports);
    const bulkShape = shape(await partitionOf(graph, ids), ids);

    expect(bulkShape).toEqual(streamShape);
    expect(await count(graph, "MATCH ()-[p:POSSIBLE_MATCH {status: 'open'}]->() RETURN count(p) AS n")).toBe(
      streamReview,
    );
    // The duplicates joined, the household and the hotline's holders apart.
    const at = (report: number) => order.indexOf(`${report}/p1`);
    const groupOf = (i: number) => bulkShape.find((g) => g.includes(i))!;
    expect(groupOf(at(0))).toEqual(expect.arrayContaining([at(0), at(1), at(2)]));
    expect(groupOf(at(3))).toEqual(expect.arrayContaining([at(3), at(4)]));
    for (const [x, y] of [
      [5, 6],
      [5, 7],
      [6, 7],
      [8, 9],
    ] as const)
      expect(groupOf(at(x))).not.toContain(at(y));
    // Downstream reads what streaming writes: processed reports, resolved mentions, entity summaries,
    // the reported relation between entities, the shared household phone as one identifier.
    expect(await count(graph, "MATCH (r:Report {status: 'processed'}) RETURN count(r) AS n")).toBe(
      parsed.reports.length,
    );
    expect(await count(graph, "MATCH (m:Mention) WHERE m.status <> 'resolved' RETURN count(m) AS n")).toBe(0);
    expect(
      await count(graph, 'MATCH (e:Entity) WHERE e.mergedInto IS NULL AND e.reportCount IS NULL RETURN count(e) AS n'),
    ).toBe(0);
    expect(await count(graph, "MATCH (:Entity)-[r:RELATED {type: 'Ownership'}]->(:Entity) RETURN count(r) AS n")).toBe(
      1,
    );
    expect(
      await count(
        graph,
        "MATCH (i:Identifier)<-[:HAS_IDENTIFIER]-(:Mention) WHERE i.value CONTAINS '21234567' RETURN count(*) AS n",
      ),
    ).toBe(3);
  });

  it(
    'into a graph already holding reports, gives the partition of streaming them all, ' +
      "reading the whole graph or only the import's neighbourhood",
    async () => {
      const all = parseImportCsv(GOOD_CSV);
      // The first reports stream in; the rest come in bulk (the second report of a case included).
      const cut = 6;
      const head: ParsedImport = { ...all, reports: all.reports.slice(0, cut) };
      const tail: ParsedImport = { ...all, reports: all.reports.slice(cut) };

      await resetGraph(graph);
      const streamed = await streamOneByOne(graph, candidates.index, all);
      const expected = shape(await partitionOf(graph, mentionIds(all, streamed)), mentionIds(all, streamed));

      for (const read of ['all', 'neighbourhood'] as const) {
        await resetGraph(graph);
        const first = await streamOneByOne(graph, candidates.index, head);
        const rest = await importParsedInBulk(graph, candidates.index, tail, { org: ORG, secret: TEST_SECRET, read });
        const ids = mentionIds(all, [...first, ...rest.reports]);
        expect({ read, partition: shape(await partitionOf(graph, ids), ids) }).toEqual({ read, partition: expected });
      }
    },
  );

  it('refuses a bad row naming its row and column, writes nothing of it and keeps every good row', async () => {
    const bad = 'TH-B-99,TH,2024-04-09,p1,Persn,Boonchu Ratanakorn,,,,,';
    const parsed = parseImportCsv([HEADER, ...ROWS.slice(0, 3), bad, ...ROWS.slice(3)].join('\n'));
    expect(parsed.errors).toEqual([expect.objectContaining({ row: 5, column: 'schema' })]);
    await resetGraph(graph);
    const bulk = await importParsedInBulk(graph, candidates.index, parsed, { org: ORG, secret: TEST_SECRET });
    expect(bulk.reports).toHaveLength(14);
    expect(await count(graph, 'MATCH (m:Mention) RETURN count(m) AS n')).toBe(ROWS.length);
    expect(await count(graph, "MATCH (m:Mention) WHERE 'Boonchu Ratanakorn' IN m.names RETURN count(m) AS n")).toBe(0);

    const jsonl = [
      JSON.stringify({ id: 'J-1', schema: 'Person', properties: { name: ['Vannak Pich'] }, defaultCountry: 'KH' }),
      JSON.stringify({ id: 'J-2', schema: 'Person', properties: { name: ['Sokha Chan'] } }),
      '{"id": "J-3", ',
    ].join('\n');
    const lines = parseBulkJsonl(jsonl);
    expect(lines.reports.map((r) => r.caseRef)).toEqual(['J-1']);
    expect(lines.errors).toEqual([
      expect.objectContaining({ row: 2, column: 'defaultCountry' }),
      { row: 3, message: 'not JSON' },
    ]);
  });

  it('imports the same file twice without duplicating reports, mentions, entities or decisions', async () => {
    const parsed = parseImportCsv(GOOD_CSV);
    await resetGraph(graph);
    const first = await importParsedInBulk(graph, candidates.index, parsed, { org: ORG, secret: TEST_SECRET });
    const counts = async () => ({
      reports: await count(graph, 'MATCH (r:Report) RETURN count(r) AS n'),
      mentions: await count(graph, 'MATCH (m:Mention) RETURN count(m) AS n'),
      entities: await count(graph, 'MATCH (e:Entity) WHERE e.mergedInto IS NULL RETURN count(e) AS n'),
      matched: await count(graph, 'MATCH ()-[r:MATCHED]->() RETURN count(r) AS n'),
      tokens: await count(graph, 'MATCH (s:NameStats) RETURN sum(s.names) AS n'),
    });
    const before = await counts();
    const second = await importParsedInBulk(graph, candidates.index, parsed, { org: ORG, secret: TEST_SECRET });
    expect(second.reports).toEqual(first.reports);
    expect(second.created).toBe(0);
    expect(second.decided).toBe(0);
    expect(await counts()).toEqual(before);
  });
});
