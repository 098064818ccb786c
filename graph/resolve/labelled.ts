import type { MatchRecord } from '../../matching/types';
import { SubjectSchema, type SubjectSchemaName } from '../../src/domain/ftm';
import { type MentionInput, mentionId } from '../../src/domain/mention';
import type { Graph } from '../driver';
import { type BulkOutcome, resolveBulk } from './bulk';
import type { CandidateIndex } from './candidateIndex';
import { Resolver } from './resolver';

export interface ResolveAllOptions {
  batchSize?: number;
  /** Batches resolved at once, like that many worker processes. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Decide every mention again once all are in (what the redo sweep converges to). */
  redo?: boolean;
}

/** The mentions of labelled records, one report of one subject each, as the evaluations resolve them. */
function labelledMentions(records: readonly MatchRecord[]): MentionInput[] {
  return records.map((record, i) => {
    const reportId = `rep_eval_${i}`;
    return {
      id: mentionId(reportId, 's'),
      reportId,
      orgId: 'eval',
      ref: 's',
      schema: schemaFor(record.schema),
      country: record.defaultCountry,
      properties: record.properties,
    };
  });
}

async function entitiesOf(graph: Graph, mentions: readonly MentionInput[]): Promise<string[]> {
  const entityOf = await graph.read(async (tx) => {
    const r = await tx.run<{ m: string; e: string }>(
      "MATCH (m:Mention {orgId: 'eval'})-[:RESOLVED_TO]->(e:Entity) RETURN m.id AS m, e.id AS e",
    );
    return new Map(r.records.map((row) => [row.get('m'), row.get('e')]));
  });
  return mentions.map((m) => entityOf.get(m.id) ?? m.id);
}

/**
 * The same records resolved in bulk (`resolveBulk`): the whole set decided in memory on the final
 * counts, the graph written in large transactions. Returns the entity of each record.
 */
export async function resolveRecordsInBulk(
  graph: Graph,
  index: CandidateIndex,
  records: readonly MatchRecord[],
  options: Pick<ResolveAllOptions, 'onProgress'> = {},
): Promise<{ labels: string[]; outcome: BulkOutcome }> {
  const mentions = labelledMentions(records);
  const outcome = await resolveBulk(graph, index, mentions, [], {
    onProgress: (phase, done, total) => {
      if (phase === 'entities') options.onProgress?.(done, total);
    },
  });
  return { labels: await entitiesOf(graph, mentions), outcome };
}

const schemaFor = (schema: string): SubjectSchemaName => {
  const known = SubjectSchema.safeParse(schema);
  return known.success ? known.data : 'Person';
};

/**
 * Resolves a whole set of records through the real graph resolver, as reports would arrive, and
 * returns the entity of each record: the evaluation of clusters measures exactly what production does.
 */
export async function resolveRecordsThroughGraph(
  graph: Graph,
  index: CandidateIndex,
  records: readonly MatchRecord[],
  options: ResolveAllOptions = {},
): Promise<string[]> {
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 2;
  const mentions = labelledMentions(records);
  const batches: MentionInput[][] = [];
  for (let i = 0; i < mentions.length; i += batchSize) batches.push(mentions.slice(i, i + batchSize));
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const resolver = new Resolver(graph, { index });
      for (let batch = batches.shift(); batch; batch = batches.shift()) {
        await resolver.resolve(batch);
        done += batch.length;
        options.onProgress?.(done, mentions.length);
      }
    }),
  );
  if (options.redo) await new Resolver(graph, { index }).redoAll();
  return entitiesOf(graph, mentions);
}
