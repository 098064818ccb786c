import { createHash } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { Graph } from '../../graph/driver';
import { loadReports, reportMentionIds, setReportsStatus } from '../../graph/reports/pipeline';
import { pendingLeadEntities } from '../../graph/reports/revisions';
import type { Resolver } from '../../graph/resolve/resolver';
import { MicroBatcher, type MicroBatchOptions } from '../microBatcher';
import type { QueueJob } from '../queues';

export interface ResolveDeps {
  graph: Graph;
  resolver: Resolver;
  /** Hands the entities whose clusters changed to the leads queue, under an id unique to the batch. */
  onChanged: (entityIds: string[], batchId: string) => Promise<void>;
  onDecision?: (decision: string) => void;
  batch: MicroBatchOptions;
}

type Resolved = { entities: string[] };

/** A stable id for a set of reports, so that a retried batch queues the same leads job. */
const batchIdOf = (reportIds: readonly string[]): string =>
  createHash('sha256')
    .update([...reportIds].sort().join(','))
    .digest('base64url')
    .slice(0, 22);

/**
 * Resolves the mentions of several reports in one resolver pass, then marks them processed. Reports
 * already processed (a retried job) or withdrawn are answered at once; a report that does not exist fails alone.
 */
export async function resolveReports(
  deps: ResolveDeps,
  reportIds: readonly string[],
): Promise<Array<Resolved | Error>> {
  const reports = await loadReports(deps.graph, reportIds);
  const pending = reportIds.filter((id) =>
    ['received', 'processing', 'failed'].includes(reports.get(id)?.status ?? ''),
  );
  const mentionsByReport = await reportMentionIds(deps.graph, pending);
  const outcome = await deps.resolver.resolveWritten(pending.flatMap((id) => mentionsByReport.get(id) ?? []));
  for (const m of outcome.mentions) deps.onDecision?.(m.decision);
  // Entities an amendment took mentions from (kept with the report until it is processed).
  const changed = [...new Set([...outcome.changedEntities, ...(await pendingLeadEntities(deps.graph, pending))])];
  if (changed.length > 0) await deps.onChanged(changed.sort(), batchIdOf(pending));
  await setReportsStatus(deps.graph, pending, 'processed');
  const entityOf = new Map(outcome.mentions.map((m) => [m.mentionId, m.entityId]));
  return reportIds.map((id) => {
    if (!reports.has(id)) return new UnrecoverableError(`report ${id} does not exist`);
    return {
      entities: (mentionsByReport.get(id) ?? [])
        .map((m) => entityOf.get(m))
        .filter((e): e is string => e !== undefined),
    };
  });
}

/** Resolve: the report's mentions are matched and placed into entities; the report is then processed. */
export function resolveProcessor(deps: ResolveDeps) {
  const batcher = new MicroBatcher<string, Resolved>((ids) => resolveReports(deps, ids), deps.batch);
  return async (job: QueueJob<'resolve'>): Promise<Resolved> => batcher.add(job.data.reportId);
}
