import { DEMO_ORGANISATIONS, DEMO_PARTNERS, loadDemoReports } from '../../fixtures/demo';
import { registerOrganisation } from '../../graph/auth/organisations';
import { registerPartner } from '../../graph/auth/partners';
import type { Graph } from '../../graph/driver';
import { acceptReport } from '../../graph/reports/accept';
import { hasReports } from '../../graph/reports/progress';
import type { Logger } from '../log/logger';

export interface DemoLoadOutcome {
  loaded: number;
  skipped: boolean;
}

/**
 * Loads the demo reports through the same accept path as the API (durable first, then queued), but only
 * into a database that holds no report yet: the demo must never mix with real submissions. Its four NGOs are
 * registered first, under their display names, so that keys can be made for them, and so is its partner bank.
 */
export async function loadDemoIfEmpty(
  graph: Graph,
  secret: string,
  logger: Logger,
  enqueue: (reportId: string) => Promise<unknown>,
): Promise<DemoLoadOutcome & { reportIds: string[] }> {
  if (await hasReports(graph)) {
    logger.info('the database already holds reports; demo data not loaded');
    return { loaded: 0, skipped: true, reportIds: [] };
  }
  for (const org of DEMO_ORGANISATIONS) await registerOrganisation(graph, org);
  for (const partner of DEMO_PARTNERS) await registerPartner(graph, partner);
  const reportIds: string[] = [];
  for (const { org, report } of loadDemoReports()) {
    const outcome = await acceptReport(graph, { org, input: report, secret, submittedBy: 'demo-loader' });
    reportIds.push(outcome.id);
    await enqueue(outcome.id);
  }
  logger.info({ reports: reportIds.length }, 'demo reports loaded');
  return { loaded: reportIds.length, skipped: false, reportIds };
}
