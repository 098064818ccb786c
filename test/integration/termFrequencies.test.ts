import type { Graph } from '../../graph/driver';
import { recountNameForms } from '../../graph/resolve/nameForms';
import { Resolver } from '../../graph/resolve/resolver';
import { GraphTermFrequencies, MIN_NAMES_FOR_GRAPH_FREQUENCIES } from '../../graph/resolve/termFrequencies';
import { mention } from '../support/mentions';
import { resetGraph, testCandidateIndex, testGraph } from '../support/services';

/** The counters phase one of resolution keeps: names per shard and mentions per name token. */
async function counters(graph: Graph, names: number, tokens: Record<string, number>): Promise<void> {
  await graph.write(async (tx) => {
    await tx.run('MERGE (s:NameStats {shard: 0}) SET s.names = $names', { names });
    await tx.run('UNWIND $tokens AS t MERGE (n:NameToken {token: t.token}) SET n.count = t.count', {
      tokens: Object.entries(tokens).map(([token, count]) => ({ token, count })),
    });
  });
}

describe('GraphTermFrequencies', () => {
  let graph: Graph;
  let candidates: ReturnType<typeof testCandidateIndex>;
  beforeAll(() => {
    graph = testGraph();
    candidates = testCandidateIndex(graph, 'term-frequencies');
  });
  beforeEach(() => resetGraph(graph));
  afterAll(async () => {
    await candidates.close();
    await graph.close();
  });

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

  it('counts a name once however many mentions write it, and counts it the same again from the records', async () => {
    const resolver = new Resolver(graph, { index: candidates.index });
    const company = (name: string) => mention({ name: [name] }, { schema: 'Company' });
    await resolver.resolve([
      company('Sawasdee Fishing Co., Ltd.'),
      company('SAWASDEE FISHING COMPANY LIMITED'),
      company('Sawasdee Marine Co., Ltd.'),
    ]);
    const read = () =>
      graph.read(async (tx) => {
        const r = await tx.run(
          "MATCH (n:NameToken) WHERE n.token IN ['sawasdee', 'fishing', 'marine'] RETURN n.token AS t, n.count AS c " +
            'ORDER BY t',
        );
        const total = await tx.run('MATCH (s:NameStats) RETURN sum(s.names) AS n');
        return {
          tokens: r.records.map((x) => [x.get('t'), Number(x.get('c'))]),
          names: Number(total.records[0]!.get('n')),
        };
      });
    const counted = await read();
    expect(counted).toEqual({
      tokens: [
        ['fishing', 1],
        ['marine', 1],
        ['sawasdee', 2],
      ],
      names: 2,
    });
    // A graph counted per mention before migration 6 is counted again from its records.
    await graph.write((tx) =>
      tx.run('MATCH (f:NameForm) DETACH DELETE f WITH 1 AS one MATCH (n:NameToken) SET n.count = n.count * 3'),
    );
    await recountNameForms(graph);
    expect(await read()).toEqual(counted);
  });
});
