import type { Graph } from '../driver';
import { MIGRATION_STEPS, type MigrationStep } from './steps';

export interface MigrationOutcome {
  applied: number[];
  alreadyApplied: number[];
  version: number;
}

async function appliedVersions(graph: Graph): Promise<Set<number>> {
  return graph.read(async (tx) => {
    const result = await tx.run('MATCH (m:SchemaMigration) RETURN m.version AS version');
    return new Set(result.records.map((r) => Number(r.get('version'))));
  });
}

/**
 * Brings the graph's schema up to the newest step. Safe to run from several processes at once: every
 * statement is idempotent and the record of a step is MERGEd under a uniqueness constraint.
 */
export async function migrate(
  graph: Graph,
  steps: readonly MigrationStep[] = MIGRATION_STEPS,
): Promise<MigrationOutcome> {
  await graph.runSchema(
    'CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE',
  );
  const done = await appliedVersions(graph);
  const applied: number[] = [];
  const ordered = [...steps].sort((a, b) => a.version - b.version);
  for (const step of ordered) {
    if (done.has(step.version)) continue;
    for (const statement of step.statements) await graph.runSchema(statement);
    await step.rewrite?.(graph);
    await graph.write((tx) =>
      tx.run(
        'MERGE (m:SchemaMigration {version: $version}) ' +
          'ON CREATE SET m.description = $description, m.appliedAt = datetime()',
        { version: step.version, description: step.description },
      ),
    );
    applied.push(step.version);
  }
  const last = ordered[ordered.length - 1];
  return { applied, alreadyApplied: [...done].sort((a, b) => a - b), version: last ? last.version : 0 };
}
