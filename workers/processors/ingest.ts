import { UnrecoverableError } from 'bullmq';
import type { Graph } from '../../graph/driver';
import { loadReports, mentionsOf, setReportsStatus } from '../../graph/reports/pipeline';
import { retireOlderRevisions } from '../../graph/reports/revisions';
import type { CandidateIndex } from '../../graph/resolve/candidateIndex';
import type { ResolverEngine } from '../../graph/resolve/engine';
import { writeMentions } from '../../graph/resolve/writeMentions';
import { MicroBatcher, type MicroBatchOptions } from '../microBatcher';
import type { QueueJob } from '../queues';

export interface IngestDeps {
  graph: Graph;
  index: CandidateIndex;
  engine: ResolverEngine;
  enqueueResolve: (reportIds: string[]) => Promise<void>;
  batch: MicroBatchOptions;
}

type Ingested = { mentions: number };

/**
 * Ingest: reports become mentions, normalised and keyed in the graph (phase one of resolution), then
 * their resolution is queued; an amended report's older mentions leave the graph first. Running it
 * twice writes nothing new: mention ids derive from the report and its revision.
 */
export async function ingestReports(deps: IngestDeps, reportIds: readonly string[]): Promise<Array<Ingested | Error>> {
  const reports = await loadReports(deps.graph, reportIds);
  const pending = [...reports.values()].filter((r) => r.status === 'received' || r.status === 'processing');
  await retireOlderRevisions(
    deps.graph,
    deps.index,
    deps.engine,
    pending.filter((r) => r.revision > 1),
  );
  await setReportsStatus(
    deps.graph,
    pending.map((r) => r.id),
    'processing',
  );
  const parts = pending.map((r) => mentionsOf(r));
  await writeMentions(
    deps.graph,
    deps.index,
    deps.engine,
    parts.flatMap((p) => p.mentions),
    parts.flatMap((p) => p.links),
  );
  await deps.enqueueResolve(pending.map((r) => r.id));
  const counts = new Map(pending.map((r, i) => [r.id, parts[i]!.mentions.length]));
  return reportIds.map((id) =>
    reports.has(id) ? { mentions: counts.get(id) ?? 0 } : new UnrecoverableError(`report ${id} does not exist`),
  );
}

export function ingestProcessor(deps: IngestDeps) {
  const batcher = new MicroBatcher<string, Ingested>((ids) => ingestReports(deps, ids), deps.batch);
  return async (job: QueueJob<'ingest'>): Promise<Ingested> => batcher.add(job.data.reportId);
}
