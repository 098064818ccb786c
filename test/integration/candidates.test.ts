import type { Graph } from '../../graph/driver';
import { candidateSearch, readSearching } from '../../graph/resolve/candidates';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { readMatchRecord } from '../../graph/resolve/writeMentions';
import { keySupport } from '../../matching/blocking';
import { KeyIndex } from '../../matching/blocking/keyIndex';
import { seedGraph } from '../../src/bench/seed';
import {
  deleteKeysWithPrefix,
  resetGraph,
  testCandidateIndex,
  testGraph,
  testPrefix,
  testRedisUrl,
} from '../support/services';

/**
 * The candidate index answers the blocking the benchmarks measure (`KeyIndex`): the same keys turn
 * generic, one common token's sound or one n-gram band needs a second shared key, and the best
 * supported come first. Checked on generated regional names, whose common given and family names put
 * many keys past the count where a single key stops sufficing. Being derived from the graph, it is
 * rebuilt when lost and never answers for a graph other than its own.
 */
describe('finding candidates through the candidate index', () => {
  const engine = defaultResolverEngine();
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  const keysOf = new Map<string, string[]>();
  let index: KeyIndex;
  let ids: string[];

  const search = async (mentionIds: readonly string[], cap: number) => {
    const searching = await graph.read((tx) => readSearching(tx, mentionIds));
    const holdings = await candidates.index.read(searching.flatMap((m) => keysOf.get(m.id)!));
    return searching.map((m) => candidateSearch(m, keysOf.get(m.id)!, holdings, cap));
  };

  beforeAll(async () => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'candidates');
    await resetGraph(graph);
    await seedGraph(graph, candidates.index, engine, { count: 1500, seed: 7 });
    const rows = await graph.read((tx) =>
      tx.run('MATCH (m:Mention) RETURN m.id AS id, m.record AS record ORDER BY m.id'),
    );
    ids = rows.records.map((r) => r.get('id') as string);
    index = new KeyIndex();
    rows.records.forEach((r, i) => {
      const keys = engine.blockingKeys(engine.prepare(readMatchRecord(r.get('record') as string)));
      keysOf.set(ids[i]!, keys);
      index.add(i, keys);
    });
  });
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

  it('finds exactly the candidates the in-memory key index finds, best supported first', async () => {
    const sample = ids.filter((_, i) => i % 50 === 0);
    const found = await search(sample, 1000);
    let halfSupported = 0;
    for (const s of found) {
      const expected = index
        .candidates(keysOf.get(s.mentionId)!, 1001)
        .filter((c) => ids[c.id] !== s.mentionId)
        .map((c) => ({ id: ids[c.id]!, support: c.support }));
      expect(s.candidates.map((c) => c.mentionId).sort()).toEqual(expected.map((c) => c.id).sort());
      const supportOf = new Map(expected.map((c) => [c.id, c.support]));
      const supports = s.candidates.map((c) => supportOf.get(c.mentionId)!);
      expect(supports).toEqual([...supports].sort((p, q) => q - p));
      halfSupported += keysOf.get(s.mentionId)!.filter((k) => keySupport(k, index.count(k)) === 0.5).length;
    }
    // The rule is exercised: some of the sampled mentions hold keys that need a second one.
    expect(halfSupported).toBeGreaterThan(0);
  });

  it('leaves out a mention that shares only keys needing company, and caps the list', async () => {
    const halfOnlyWith = (query: string) =>
      ids.filter((id) => {
        const shared = keysOf.get(id)!.filter((k) => id !== query && keysOf.get(query)!.includes(k));
        return shared.length > 0 && shared.reduce((sum, k) => sum + keySupport(k, index.count(k)), 0) < 1;
      });
    const query = ids.filter((_, i) => i % 10 === 0).find((id) => halfOnlyWith(id).length > 0)!;
    expect(query).toBeDefined();
    const [uncapped] = await search([query], 5000);
    const found = new Set(uncapped!.candidates.map((c) => c.mentionId));
    for (const id of halfOnlyWith(query)) expect(found.has(id)).toBe(false);
    const [capped] = await search([query], 3);
    expect(capped!.candidates.map((c) => c.mentionId)).toEqual(
      uncapped!.candidates.slice(0, 3).map((c) => c.mentionId),
    );
    expect(capped!.capped).toBe(found.size > 3);
  });

  it(
    "flags mentions already in the searching mention's own entity (nothing to decide, but holders of its " + 'values)',
    async () => {
      const query = ids[100]!;
      const [before] = await search([query], 1000);
      const member = before!.candidates[0]!.mentionId;
      // The member joins the query's entity, as a link would put it there.
      await graph.write((tx) =>
        tx.run(
          `MATCH (q:Mention {id: $query})-[:RESOLVED_TO]->(e:Entity),
           (m:Mention {id: $member})-[old:RESOLVED_TO]->(:Entity)
         DELETE old CREATE (m)-[:RESOLVED_TO]->(e)`,
          { query, member },
        ),
      );
      const [after] = await search([query], 1000);
      expect(after!.candidates.filter((c) => !c.sameEntity).map((c) => c.mentionId)).toEqual(
        before!.candidates.slice(1).map((c) => c.mentionId),
      );
      expect(after!.candidates.filter((c) => c.sameEntity).map((c) => c.mentionId)).toEqual([member]);
      expect(after!.entityId).toBe(before!.entityId);
    },
  );

  it('rebuilds a lost index from the graph before answering, with the same holders', async () => {
    const sample = ids.filter((_, i) => i % 75 === 0);
    const before = await search(sample, 1000);
    expect(await deleteKeysWithPrefix(testRedisUrl(), `${testPrefix('candidates')}:ci:`)).toBeGreaterThan(1000);
    expect(await search(sample, 1000)).toEqual(before);
    expect(await candidates.index.ensure()).toBe('ready');
  });

  it('never answers for a graph other than the one it was built from (a graph emptied or restored)', async () => {
    const query = ids[200]!;
    const keys = keysOf.get(query)!;
    expect([...(await candidates.index.read(keys)).values()].some((h) => h.ids.includes(query))).toBe(true);
    await resetGraph(graph);
    const holdings = await candidates.index.read(keys);
    expect([...holdings.values()].every((h) => h.count === 0)).toBe(true);
  });
});
