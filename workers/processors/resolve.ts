import { UnrecoverableError, type Job } from 'bullmq';
import type { Graph } from '../../graph/driver';
import { loadReport, reportMentionIds, setReportStatus } from '../../graph/reports/pipeline';
import type { Resolver } from '../../graph/resolve/resolver';
import { ResolveJob } from '../queues';

export interface ResolveDeps {
  graph: Graph;
  resolver: Resolver;
  /** Hands the entities whose clusters changed to the leads queue. */
  onChanged: (entityIds: string[], reportId: string) => Promise<void>;
  onDecision?: (decision: string) => void;
}

/** Resolve: the report's mentions are matched and placed into entities; the report is then processed. */
export function resolveProcessor(deps: ResolveDeps) {
  return async (job: Job): Promise<{ entities: string[] }> => {
    const { reportId } = ResolveJob.parse(job.data);
    const report = await loadReport(deps.graph, reportId);
    if (!report) throw new UnrecoverableError(`report ${reportId} does not exist`);
    if (report.status === 'processed') return { entities: [] };
    const ids = await reportMentionIds(deps.graph, reportId);
    const outcome = await deps.resolver.resolveWritten(ids);
    for (const m of outcome.mentions) deps.onDecision?.(m.decision);
    if (outcome.changedEntities.length > 0) await deps.onChanged(outcome.changedEntities, reportId);
    await setReportStatus(deps.graph, reportId, 'processed');
    return { entities: outcome.mentions.map((m) => m.entityId) };
  };
}
