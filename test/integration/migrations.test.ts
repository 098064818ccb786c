import type { Graph } from '../../graph/driver';
import { migrate } from '../../graph/migrations/migrate';
import { MIGRATION_STEPS } from '../../graph/migrations/steps';
import { testGraph } from '../support/services';

async function schemaOf(graph: Graph): Promise<{ constraints: string[]; indexes: string[] }> {
  return graph.read(async (tx) => {
    const constraints = await tx.run(
      'SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties RETURN name, labelsOrTypes, properties ORDER BY name',
    );
    const indexes = await tx.run('SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name');
    return {
      constraints: constraints.records.map(
        (r) => `${(r.get('labelsOrTypes') as string[]).join(':')}.${(r.get('properties') as string[]).join(',')}`,
      ),
      indexes: indexes.records.map((r) => `${r.get('name')} ${r.get('state')}`),
    };
  });
}

describe('schema migrations', () => {
  let graph: Graph;
  beforeAll(() => {
    graph = testGraph();
  });
  afterAll(() => graph.close());

  it('are already applied by the test setup and a second run changes nothing', async () => {
    const before = await schemaOf(graph);
    const outcome = await migrate(graph);
    expect(outcome.applied).toEqual([]);
    expect(outcome.alreadyApplied).toEqual(MIGRATION_STEPS.map((s) => s.version));
    expect(await schemaOf(graph)).toEqual(before);
  });

  it('create a uniqueness constraint for every id, identifier and blocking key of the model', async () => {
    const { constraints } = await schemaOf(graph);
    for (const [label, property] of [
      ['Report', 'id'],
      ['Mention', 'id'],
      ['Entity', 'id'],
      ['Identifier', 'key'],
      ['BlockingKey', 'key'],
      ['Lead', 'id'],
      ['Export', 'id'],
      ['Judgement', 'id'],
      ['AuditEvent', 'id'],
      ['ApiKey', 'hash'],
    ]) {
      expect(constraints).toContain(`${label}.${property}`);
    }
  });

  it('run concurrently from several processes without failing or duplicating their record', async () => {
    const others = [testGraph(), testGraph(), testGraph()];
    try {
      await Promise.all(others.map((g) => migrate(g)));
    } finally {
      await Promise.all(others.map((g) => g.close()));
    }
    const count = await graph.read(async (tx) =>
      (await tx.run('MATCH (m:SchemaMigration) RETURN count(m) AS n')).records[0]!.get('n'),
    );
    expect(count).toBe(MIGRATION_STEPS.length);
  });

  it('make a second node with the same unique id fail instead of creating a duplicate', async () => {
    await graph.write((tx) => tx.run("CREATE (:Entity {id: 'ent_migration_probe'})"));
    await expect(graph.write((tx) => tx.run("CREATE (:Entity {id: 'ent_migration_probe'})"))).rejects.toThrow(
      /already exists/,
    );
    await graph.write((tx) => tx.run("MATCH (e:Entity {id: 'ent_migration_probe'}) DELETE e"));
  });
});
