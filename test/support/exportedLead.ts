import type { LeadSummary } from '../../src/domain/leads';
import { waitFor } from './cli';
import { type TestStack, untilProcessed } from './stack';

/**
 * A lead as far as a partner bank: each report submitted by its organisation's caseworker and processed
 * by the workers, the lead they make approved by two analysts and exported to `partner`. `about` picks
 * the lead by a subject's name, for stacks that hold more than one.
 */
export async function exportedLead(
  stack: TestStack,
  options: { reports: ReadonlyArray<readonly [org: string, report: unknown]>; about: string; partner: string },
): Promise<{ lead: LeadSummary; exportId: string; reportIds: string[] }> {
  const reportIds: string[] = [];
  for (const [org, report] of options.reports) {
    const key = await stack.keyFor('caseworker', org);
    const res = await stack.call('/api/v1/reports', { method: 'POST', key, json: report });
    const { id } = (await res.json()) as { id: string };
    await untilProcessed(stack, id, key);
    reportIds.push(id);
  }
  const analysts = [await stack.keyFor('analyst', 'hub'), await stack.keyFor('analyst', 'hub-second')];
  const lead = await waitFor(
    async () => {
      const res = await stack.call('/api/v1/leads?status=new', { key: analysts[0] });
      const { items } = (await res.json()) as { items: LeadSummary[] };
      return items.find((l) => l.subjects.some((s) => s.names.includes(options.about)));
    },
    120_000,
    `the lead about ${options.about}`,
  );
  for (const key of analysts) {
    const approval = { method: 'POST', key, json: { revision: lead.revision } };
    const res = await stack.call(`/api/v1/leads/${lead.id}/approve`, approval);
    if (res.status !== 200) throw new Error(`approving ${lead.id} answered ${res.status}: ${await res.text()}`);
  }
  await stack.keyFor('partner', options.partner); // registers the bank, as an export needs
  const res = await stack.call('/api/v1/exports', {
    method: 'POST',
    key: analysts[0],
    json: { partner: options.partner, leads: [lead.id] },
  });
  if (res.status !== 201) throw new Error(`exporting ${lead.id} answered ${res.status}: ${await res.text()}`);
  const { id: exportId } = (await res.json()) as { id: string };
  return { lead, exportId, reportIds };
}
