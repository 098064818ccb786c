import { DEMO_PARTNERS } from '../../fixtures/demo';
import { audit } from '../../graph/audit';
import { createApiKey, revokeApiKey } from '../../graph/auth/apiKeys';
import { registerOrganisation } from '../../graph/auth/organisations';
import type { Graph } from '../../graph/driver';
import { createExport, type LeadSettings } from '../../graph/exports/store';
import { approveLead, listLeads } from '../../graph/leads/store';
import { recordOutcome } from '../../graph/outcomes/store';
import { unfinishedReports } from '../../graph/reports/progress';
import type { LeadSummary } from '../domain/leads';
import type { OutcomeKind } from '../domain/outcomes';
import type { Logger } from '../log/logger';

/** The demo hub whose two invented analysts approve, and the leads they take to the demo bank. */
const DEMO_HUB = { slug: 'demo-hub', name: 'Mekong Regional Hub (fictional demo)', country: 'TH' as const };
const DEMO_ANALYSTS = [
  { name: 'Nok Chaiyaporn (fictional demo analyst)', email: 'nok.c@demo-hub.example' },
  { name: 'Ratana Sukjai (fictional demo analyst)', email: 'ratana.s@demo-hub.example' },
];
const EXPORTED_LEADS = 2;
/** What the demo bank says it did, subject by subject, for the exported leads in score order. */
const DEMO_OUTCOMES: readonly (readonly OutcomeKind[])[] = [
  ['account_frozen', 'report_filed', 'customer_monitored'],
  ['no_customer', 'customer_monitored'],
];

/**
 * The leads once the demo's reports are processed and the lead worker has stopped changing them (the
 * same list twice in a row), best first; empty when that does not happen within the time given.
 */
async function settledLeads(
  graph: Graph,
  reportIds: readonly string[],
  until: { deadline: number; signal?: AbortSignal },
): Promise<LeadSummary[]> {
  let last = '';
  while (Date.now() < until.deadline && !until.signal?.aborted) {
    await new Promise((r) => setTimeout(r, 2000));
    if (until.signal?.aborted) break;
    if ((await unfinishedReports(graph, reportIds)) > 0) continue;
    const { items } = await listLeads(graph, { status: 'new', limit: 50, offset: 0 });
    const seen = JSON.stringify(items.map((l) => [l.id, l.revision]));
    if (seen === last && items.length > 0) return items;
    last = seen;
  }
  return [];
}

/** A key made only to act as a demo person: its secret is dropped at once and the key revoked. */
async function actingKey(
  graph: Graph,
  input: Parameters<typeof createApiKey>[1],
): Promise<{ keyId: string; person: string }> {
  const { id, person } = await createApiKey(graph, input);
  await revokeApiKey(graph, id);
  return { keyId: id, person: person.id };
}

/**
 * Decisions the demo ships with, so that leads, outcomes and findings are not empty on a first start:
 * two invented analysts approve the best leads the demo reports make, they go to the demo bank, and the
 * bank answers. Goes through the same functions the API calls; runs only after the demo was loaded into
 * an empty database, and gives up quietly (logged) when the workers have not made leads in time.
 */
export async function seedDemoDecisions(
  graph: Graph,
  settings: LeadSettings,
  logger: Logger,
  options: { reportIds: readonly string[]; timeoutMs?: number; signal?: AbortSignal },
): Promise<{ approved: string[]; exportId?: string; outcomes: number }> {
  const until = { deadline: Date.now() + (options.timeoutMs ?? 300_000), signal: options.signal };
  const leads = (await settledLeads(graph, options.reportIds, until)).slice(0, EXPORTED_LEADS);
  if (leads.length === 0) {
    if (!options.signal?.aborted)
      logger.warn('the demo made no leads in time; no demo approvals, export or outcomes were seeded');
    return { approved: [], outcomes: 0 };
  }
  await registerOrganisation(graph, DEMO_HUB);
  const analysts = [];
  for (const person of DEMO_ANALYSTS)
    analysts.push(await actingKey(graph, { role: 'analyst', org: DEMO_HUB.slug, person, createdBy: 'demo-loader' }));
  const bank = DEMO_PARTNERS[0]!;
  const bankDesk = await actingKey(graph, {
    role: 'partner',
    org: bank.slug,
    person: { name: 'Compliance desk (fictional demo)', email: 'desk@andaman-bank.example' },
    createdBy: 'demo-loader',
  });
  for (const lead of leads)
    for (const analyst of analysts) {
      const outcome = await approveLead(graph, lead.id, { by: analyst, revision: lead.revision }, settings);
      logger.debug({ lead: lead.id, approvals: outcome.approvals }, 'demo approval');
    }
  const exported = await createExport(
    graph,
    { partner: bank.slug, leadIds: leads.map((l) => l.id), by: analysts[0]!.keyId },
    settings,
  );
  const today = new Date().toISOString().slice(0, 10);
  let outcomes = 0;
  for (const [i, lead] of leads.entries())
    for (const [j, subject] of lead.subjects.entries()) {
      const kind = DEMO_OUTCOMES[i]?.[j];
      if (!kind) continue;
      await recordOutcome(graph, {
        exportId: exported.id,
        input: { subjectId: subject.entityId, outcome: kind, date: today },
        by: bankDesk.keyId,
      });
      outcomes++;
    }
  await audit(graph, {
    actor: 'demo-loader',
    role: 'admin',
    org: 'lantern',
    action: 'demo.decisions-seeded',
    target: exported.id,
    details: { leads: leads.map((l) => l.id), outcomes },
  });
  logger.info({ leads: leads.length, export: exported.id, outcomes }, 'demo approvals, export and outcomes seeded');
  return { approved: leads.map((l) => l.id), exportId: exported.id, outcomes };
}
