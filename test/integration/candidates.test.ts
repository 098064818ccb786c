import type { Graph } from '../../graph/driver';
import { findCandidates } from '../../graph/resolve/candidates';
import { defaultResolverEngine } from '../../graph/resolve/engine';
import { keySupport } from '../../matching/blocking';
import { KeyIndex } from '../../matching/blocking/keyIndex';
import { seedGraph } from '../../src/bench/seed';
import { resetGraph, testGraph } from '../support/services';

/**
 * The graph's candidate query is the blocking the benchmarks measure (`KeyIndex`): the same keys turn
 * generic, one common token's sound or one n-gram band needs a second shared key, and the best
 * supported come first. Checked on generated regional names, whose common given and family names put
 * many keys past the count where a single key stops sufficing.
 */
describe('finding candidates in the graph', () => {
  let graph: Graph;
  const holders = new Map<string, string[]>();
  let index: KeyIndex;
  let ids: string[];

  beforeAll(async () => {
    graph = testGraph();
    await resetGraph(graph);
    await seedGraph(graph, defaultResolverEngine(), { count: 1500, seed: 7 });
    const rows = await graph.read((tx) => tx.run('MATCH (m:Mention) RETURN m.id AS id, m.keys AS keys ORDER BY m.id'));
    ids = rows.records.map((r) => r.get('id') as string);
    index = new KeyIndex();
    rows.records.forEach((r, i) => {
      const keys = r.get('keys') as string[];
      holders.set(ids[i]!, keys);
      index.add(i, keys);
    });
  });
  afterAll(() => graph.close());

  it('finds exactly the candidates the in-memory key index finds, best supported first', async () => {
    const sample = ids.filter((_, i) => i % 50 === 0);
    const found = await graph.read((tx) => findCandidates(tx, sample, 1000));
    let halfSupported = 0;
    for (const search of found) {
      const expected = index
        .candidates(holders.get(search.mentionId)!, 1001)
        .filter((c) => ids[c.id] !== search.mentionId)
        .map((c) => ({ id: ids[c.id]!, support: c.support }));
      expect(search.candidates.map((c) => c.mentionId).sort()).toEqual(expected.map((c) => c.id).sort());
      const supportOf = new Map(expected.map((c) => [c.id, c.support]));
      const supports = search.candidates.map((c) => supportOf.get(c.mentionId)!);
      expect(supports).toEqual([...supports].sort((p, q) => q - p));
      halfSupported += holders.get(search.mentionId)!.filter((k) => keySupport(k, index.count(k)) === 0.5).length;
    }
    // The rule is exercised: some of the sampled mentions hold keys that need a second one.
    expect(halfSupported).toBeGreaterThan(0);
  });

  it('leaves out a mention that shares only keys needing company, and caps the list', async () => {
    const halfOnlyWith = (query: string) =>
      ids.filter((id) => {
        const shared = holders.get(id)!.filter((k) => id !== query && holders.get(query)!.includes(k));
        return shared.length > 0 && shared.reduce((sum, k) => sum + keySupport(k, index.count(k)), 0) < 1;
      });
    const query = ids.filter((_, i) => i % 10 === 0).find((id) => halfOnlyWith(id).length > 0)!;
    expect(query).toBeDefined();
    const [uncapped] = await graph.read((tx) => findCandidates(tx, [query], 5000));
    const found = new Set(uncapped!.candidates.map((c) => c.mentionId));
    for (const id of halfOnlyWith(query)) expect(found.has(id)).toBe(false);
    const [capped] = await graph.read((tx) => findCandidates(tx, [query], 3));
    expect(capped!.candidates.map((c) => c.mentionId)).toEqual(
      uncapped!.candidates.slice(0, 3).map((c) => c.mentionId),
    );
    expect(capped!.capped).toBe(found.size > 3);
  });

  it(
    "flags mentions already in the searching mention's own entity (nothing to decide, but holders of its " + 'values)',
    async () => {
      const query = ids[100]!;
      const [before] = await graph.read((tx) => findCandidates(tx, [query], 1000));
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
      const [after] = await graph.read((tx) => findCandidates(tx, [query], 1000));
      expect(after!.candidates.filter((c) => !c.sameEntity).map((c) => c.mentionId)).toEqual(
        before!.candidates.slice(1).map((c) => c.mentionId),
      );
      expect(after!.candidates.filter((c) => c.sameEntity).map((c) => c.mentionId)).toEqual([member]);
      expect(after!.entityId).toBe(before!.entityId);
    },
  );
});
