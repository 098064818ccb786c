import { UnrecoverableError, type Job } from 'bullmq';
import type { Graph } from '../../graph/driver';
import { loadReport, mentionsOf, setReportStatus } from '../../graph/reports/pipeline';
import type { ResolverEngine } from '../../graph/resolve/engine';
import { writeMentions } from '../../graph/resolve/writeMentions';
import { IngestJob } from '../queues';

export interface IngestDeps {
  graph: Graph;
  engine: ResolverEngine;
  enqueueResolve: (reportId: string) => Promise<void>;
}

/**
 * Ingest: a report becomes mentions, normalised and keyed in the graph (phase one of resolution), then
 * its resolution is queued. Running it twice writes nothing new: mention ids derive from the report.
 */
export function ingestProcessor(deps: IngestDeps) {
  return async (job: Job): Promise<{ mentions: number }> => {
    const { reportId } = IngestJob.parse(job.data);
    const report = await loadReport(deps.graph, reportId);
    if (!report) throw new UnrecoverableError(`report ${reportId} does not exist`);
    if (report.status === 'processed' || report.status === 'failed') return { mentions: 0 };
    await setReportStatus(deps.graph, reportId, 'processing');
    const { mentions, links } = mentionsOf(report);
    await writeMentions(deps.graph, deps.engine, mentions, links);
    await deps.enqueueResolve(reportId);
    return { mentions: mentions.length };
  };
}
