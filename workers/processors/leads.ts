import type { Logger } from 'pino';
import type { Graph } from '../../graph/driver';
import { type LeadSettings, reviseExports } from '../../graph/exports/store';
import { reevaluateLeads } from '../../graph/leads/reevaluate';
import { expireDueLeads } from '../../graph/leads/store';
import type { QueueJob } from '../queues';

export interface LeadsDeps {
  graph: Graph;
  settings: LeadSettings;
  logger: Logger;
  /** Queues the webhook delivery of notices just written (the reconciler queues any this misses). */
  queueDeliveries(noticeIds: readonly string[]): Promise<void>;
}

export interface LeadsJobOutcome {
  created: string[];
  revised: string[];
  retracted: string[];
  expired: string[];
  revisedExports: string[];
  notices: string[];
}

/**
 * Leads: re-evaluates the rules around the entities a resolution, judgement or split changed, then
 * brings the partners' bundles up to date. Every step is idempotent, so a retried job is harmless;
 * bundles are revised for every lead looked at, not only the changed ones, so that a job that died
 * between the two steps is completed by its retry. Partners get a notice of each change to what they
 * hold, delivered to their webhooks. Leads past their review-by date are expired on the way.
 */
export function leadsProcessor(deps: LeadsDeps) {
  return async (job: QueueJob<'leads'>): Promise<LeadsJobOutcome> => {
    const { entityIds, reason } = job.data;
    const expired = await expireDueLeads(deps.graph);
    const outcome = await reevaluateLeads(deps.graph, entityIds, deps.settings);
    if (outcome.skipped)
      deps.logger.warn(
        { reason, entities: entityIds.length },
        'network too large for automatic lead evaluation; left to analysts',
      );
    const {
      revised: revisedExports,
      notices,
      deliveries,
    } = await reviseExports(deps.graph, outcome.leads, deps.settings);
    await deps.queueDeliveries(deliveries);
    if (outcome.created.length + outcome.retracted.length + revisedExports.length + notices.length > 0) {
      deps.logger.info(
        { reason, created: outcome.created, retracted: outcome.retracted, revisedExports, notices },
        'leads re-evaluated',
      );
    }
    return {
      created: outcome.created,
      revised: outcome.revised,
      retracted: outcome.retracted,
      expired,
      revisedExports,
      notices,
    };
  };
}
