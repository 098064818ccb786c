import IORedis from 'ioredis';
import type { Graph } from '../../graph/driver';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import { Resolver } from '../../graph/resolve/resolver';
import type { MentionInput } from '../../src/domain/mention';
import { mentionId } from '../../src/domain/mention';
import { partitionOf, permute, shape } from '../support/partition';
import { resetGraph, testCandidateIndex, testGraph, testPrefix, testRedisUrl } from '../support/services';

/**
 * Look-alike groups of invented subjects: typos, word order, honorifics, phones written locally and
 * internationally, accounts with and without separators, and decoys with common names.
 */
const SUBJECTS: Array<{ schema: MentionInput['schema']; country: string; properties: Record<string, string[]> }> = [
  { schema: 'Person', country: 'TH', properties: { name: ['Somchai Rattanaphongsiri'], phone: ['081-234-5678'] } },
  { schema: 'Person', country: 'TH', properties: { name: ['Somchay Rattanapongsiri'], birthDate: ['1979-03-02'] } },
  {
    schema: 'Person',
    country: 'TH',
    properties: { name: ['Khun Somchai Rattanaphongsiri'], phone: ['+66 81 234 5678'], birthDate: ['1979-03-02'] },
  },
  { schema: 'Person', country: 'KH', properties: { name: ['Heng Sovannarith'], phone: ['012 345 678'] } },
  { schema: 'Person', country: 'KH', properties: { name: ['Sovannarith Heng'], phone: ['+855 12 345 678'] } },
  { schema: 'Person', country: 'VN', properties: { name: ['Nguyen Van Nam'] } },
  { schema: 'Person', country: 'VN', properties: { name: ['Nguyễn Văn Nam'], birthDate: ['1990-01-01'] } },
  { schema: 'Person', country: 'VN', properties: { name: ['Phạm Quốc Khánh'], email: ['khanh.pq@example.com'] } },
  { schema: 'Person', country: 'VN', properties: { name: ['Pham Quoc Khanh'], email: ['Khanh.PQ@example.com'] } },
  { schema: 'Person', country: 'MY', properties: { name: ['Tan Ah Kow'], phone: ['012-345 6789'] } },
  { schema: 'Person', country: 'MY', properties: { name: ['Jason Tan Ah Kow'], phone: ['+60 12-345 6789'] } },
  { schema: 'Person', country: 'MY', properties: { name: ['Tan Ah Kau'], birthDate: ['1970-09-09'] } },
  {
    schema: 'Company',
    country: 'TH',
    properties: { name: ['Andaman Blue Fishery Co., Ltd.'], registrationNumber: ['0105558123456'] },
  },
  {
    schema: 'Company',
    country: 'TH',
    properties: { name: ['Andaman Blue Fishery Company Limited'], registrationNumber: ['0-1055-58123-45-6'] },
  },
  { schema: 'Company', country: 'KH', properties: { name: ['Golden Star 1 Development Co., Ltd.'] } },
  { schema: 'Company', country: 'KH', properties: { name: ['Golden Star 2 Development Co., Ltd.'] } },
  {
    schema: 'BankAccount',
    country: 'TH',
    properties: { accountNumber: ['123-4-56789-0'], bankName: ['Kasikornbank'] },
  },
  { schema: 'BankAccount', country: 'TH', properties: { accountNumber: ['1234567890'] } },
  { schema: 'BankAccount', country: 'TH', properties: { accountNumber: ['1234567891'] } },
  { schema: 'UserAccount', country: 'KH', properties: { service: ['Telegram'], username: ['@goldenstar_hr'] } },
  { schema: 'UserAccount', country: 'VN', properties: { service: ['telegram'], username: ['t.me/GoldenStar_HR'] } },
];

function mentionsFor(run: string): MentionInput[] {
  return SUBJECTS.map((s, i) => ({
    id: mentionId(`rep_${run}_${i}`, 's'),
    reportId: `rep_${run}_${i}`,
    orgId: 'org-neutral',
    ref: 's',
    schema: s.schema,
    country: s.country,
    reportedAt: '2024-06-01',
    properties: s.properties,
  }));
}

async function resolveAll(
  graph: Graph,
  index: CandidateIndex,
  mentions: MentionInput[],
  workers: number,
  afterMention: (done: number) => Promise<void> = async () => undefined,
): Promise<void> {
  const resolvers = Array.from({ length: workers }, () => new Resolver(graph, { index }));
  const queue = [...mentions];
  let done = 0;
  await Promise.all(
    resolvers.map(async (resolver) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await resolver.resolve([next]);
        await afterMention(++done);
      }
    }),
  );
}

describe('sequence neutrality of the resolver', () => {
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  beforeAll(() => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'neutrality');
  });
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

  it('gives identical partitions for three orders and for one versus four concurrent resolvers', async () => {
    const shapes: number[][][] = [];
    const runs: Array<{ seed: number; workers: number }> = [
      { seed: 0, workers: 1 },
      { seed: 7, workers: 1 },
      { seed: 42, workers: 1 },
      { seed: 7, workers: 4 },
      { seed: 99, workers: 4 },
    ];
    for (const { seed, workers } of runs) {
      await resetGraph(graph);
      const mentions = mentionsFor(`s${seed}w${workers}`);
      await resolveAll(graph, candidates.index, seed === 0 ? mentions : permute(mentions, seed), workers);
      const ids = mentions.map((m) => m.id);
      shapes.push(shape(await partitionOf(graph, ids), ids));
    }
    for (const other of shapes.slice(1)) expect(other).toEqual(shapes[0]);
    // The expected clusters, by index into SUBJECTS: the look-alikes joined, the decoys apart.
    expect(shapes[0]).toEqual(
      expect.arrayContaining([
        [0, 1, 2],
        [3, 4],
        [7, 8],
        [9, 10],
        [12, 13],
        [16, 17],
        [19, 20],
      ]),
    );
    expect(shapes[0]).toEqual(expect.arrayContaining([[5], [6], [11], [14], [15], [18]]));
  });

  it('gives the fault-free partition when the candidate index is lost mid-stream (Redis restarted empty)', async () => {
    const copies = permute(Array.from({ length: 4 }, (_, k) => mentionsFor(`lost${k}`)).flat(), 3);
    const ids = copies.map((m) => m.id);
    await resetGraph(graph);
    await resolveAll(graph, candidates.index, copies, 2);
    const faultFree = shape(await partitionOf(graph, ids), ids);
    await resetGraph(graph);
    let lost = 0;
    // Every index key of this use (sets, ready flag, rebuild lock) goes at once, as in a restart, every
    // 30 mentions while the other resolver is mid-mention; other tests' keys are never touched.
    const redis = new IORedis(testRedisUrl());
    try {
      await resolveAll(graph, candidates.index, copies, 2, async (done) => {
        if (done % 30 !== 0) return;
        const keys: string[] = [];
        let cursor = '0';
        do {
          const [next, found] = await redis.scan(cursor, 'MATCH', `${testPrefix('neutrality')}:ci*`, 'COUNT', 1000);
          keys.push(...found);
          cursor = next;
        } while (cursor !== '0');
        if (keys.length > 0)
          lost += Number(
            (
              await redis
                .multi()
                .del(...keys)
                .exec()
            )?.[0]?.[1] ?? 0,
          );
      });
    } finally {
      redis.disconnect();
    }
    expect(lost).toBeGreaterThan(0);
    expect(shape(await partitionOf(graph, ids), ids)).toEqual(faultFree);
  });

  it('gives four racing resolvers the partition of one, with no duplicate or orphaned entity', async () => {
    const copies = permute(Array.from({ length: 6 }, (_, k) => mentionsFor(`race${k}`)).flat(), 5);
    const ids = copies.map((m) => m.id);
    await resetGraph(graph);
    await resolveAll(graph, candidates.index, copies, 1);
    const sequential = shape(await partitionOf(graph, ids), ids);
    await resetGraph(graph);
    await resolveAll(graph, candidates.index, copies, 4);
    expect(shape(await partitionOf(graph, ids), ids)).toEqual(sequential);
    const orphans = await graph.read(async (tx) =>
      (
        await tx.run('MATCH (e:Entity) WHERE e.mergedInto IS NULL AND NOT (e)<-[:RESOLVED_TO]-() RETURN count(e) AS n')
      ).records[0]!.get('n'),
    );
    expect(orphans).toBe(0);
    // Six copies of a subject with an identifier or a rare name always land in one entity.
    for (const i of [0, 3, 7, 9, 12, 16, 19]) {
      const group = (await partitionOf(graph, ids)).find((g) => g.includes(mentionId(`rep_race0_${i}`, 's')))!;
      for (let k = 1; k < 6; k += 1) expect(group).toContain(mentionId(`rep_race${k}_${i}`, 's'));
    }
  });
});
