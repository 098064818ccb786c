import { type SeedEntity, seedEntities } from '../../fixtures/bench/workload';
import type { Graph } from '../../graph/driver';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import type { ResolverEngine } from '../../graph/resolve/engine';
import { writeMentions } from '../../graph/resolve/writeMentions';
import type { MentionInput } from '../domain/mention';
import { perSecond } from './stats';

export const SEED_ORG = 'bench-seed';

export interface SeedOutcome {
  /** A sample of the seeded entities, the ones later reports name again. */
  known: SeedEntity[];
  seconds: number;
}

const seedMention = (entity: SeedEntity, index: number): MentionInput => ({
  id: `men_seed_${index}`,
  reportId: 'seed',
  orgId: SEED_ORG,
  ref: `s${index}`,
  schema: entity.record.schema as MentionInput['schema'],
  country: entity.record.region,
  properties: entity.properties,
});

/**
 * Fills the graph with `count` entities through phase one of resolution (mention, blocking keys,
 * identifiers, name tokens, a singleton entity each), in large batches: the graph a later report meets.
 */
export async function seedGraph(
  graph: Graph,
  index: CandidateIndex,
  engine: ResolverEngine,
  options: { count: number; seed: number; batch?: number; sample?: number; log?: (line: string) => void },
): Promise<SeedOutcome> {
  const batchSize = options.batch ?? 1000;
  const sampleEvery = Math.max(1, Math.floor(options.count / (options.sample ?? 20_000)));
  const known: SeedEntity[] = [];
  const started = performance.now();
  let batch: MentionInput[] = [];
  let seeded = 0;
  let nextReport = options.count / 10;
  for (const entity of seedEntities(options.count, options.seed)) {
    if (seeded % sampleEvery === 0) known.push(entity);
    batch.push(seedMention(entity, seeded));
    seeded += 1;
    if (batch.length === batchSize || seeded === options.count) {
      await writeMentions(graph, index, engine, batch);
      batch = [];
      if (seeded >= nextReport) {
        options.log?.(`  seeded ${seeded} entities (${perSecond(seeded, performance.now() - started)}/s)`);
        nextReport += options.count / 10;
      }
    }
  }
  return { known, seconds: (performance.now() - started) / 1000 };
}

/**
 * The write ceiling: the rate of the same phase-one writes the pipeline does for each report, in small
 * batches of report-shaped mentions and without any matching. Nothing can resolve faster than this.
 */
export async function measureWriteCeiling(
  graph: Graph,
  index: CandidateIndex,
  engine: ResolverEngine,
  mentions: readonly MentionInput[],
  batch = 50,
): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < mentions.length; i += batch)
    await writeMentions(graph, index, engine, mentions.slice(i, i + batch));
  return perSecond(mentions.length, performance.now() - started);
}
