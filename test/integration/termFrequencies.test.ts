import type { Graph } from '../../graph/driver';
import { GraphTermFrequencies, MIN_NAMES_FOR_GRAPH_FREQUENCIES } from '../../graph/resolve/termFrequencies';
import { resetGraph, testGraph } from '../support/services';

/** The counters phase one of resolution keeps: names per shard and mentions per name token. */
async function counters(graph: Graph, names: number, tokens: Record<string, number>): Promise<void> {
  await graph.write(async (tx) => {
    await tx.run('MERGE (s:NameStats {shard: 0}) SET s.names = $names', { names });
    await tx.run('UNWIND $tokens AS t MERGE (n:NameToken {token: t.token}) SET n.count = t.count', { tokens: Object.entries(tokens).map(([token, count]) => ({ token, count })) });
  });
}

describe('GraphTermFrequencies', () => {
  let graph: Graph;
  beforeAll(() => {
    graph = testGraph();
  });
  beforeEach(() => resetGraph(graph));
  afterAll(() => graph.close());

  it('leaves a small graph to the priors, so that its scores do not depend on arrival order', async () => {
    await counters(graph, MIN_NAMES_FOR_GRAPH_FREQUENCIES - 1, { brendon: 50 });
    await expect(new GraphTermFrequencies(graph).forTokens(['brendon'])).resolves.toBeUndefined();
  });

  it('reads the counts of the tokens asked for, over the number of names the graph holds', async () => {
    await counters(graph, 2000, { brendon: 60, hollisworth: 2 });
    const tf = await new GraphTermFrequencies(graph).forTokens(['brendon', 'hollisworth', 'unseen']);
    expect(tf?.nameCount).toBe(2000);
    expect(tf?.tokenShare('brendon')).toBeCloseTo(0.03);
    expect(tf?.tokenShare('hollisworth')).toBeCloseTo(0.001);
    expect(tf?.tokenShare('unseen')).toBeUndefined();
  });
});
