import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PARTNERS } from '../../fixtures/demo';
import { getExport, type LeadSettings } from '../../graph/exports/store';
import { loadLead } from '../../graph/leads/store';
import { outcomesOfExport } from '../../graph/outcomes/store';
import { loadDemoIfEmpty } from '../../src/demo/loadDemo';
import { seedDemoDecisions } from '../../src/demo/seedDecisions';
import { createLogger } from '../../src/log/logger';
import { QUEUES } from '../../workers/queues';
import { testLeadSettings } from '../support/leadSettings';
import { resetGraph } from '../support/services';
import { startTestStack, TEST_SECRET, type TestStack } from '../support/stack';

describe('the demo’s decisions', () => {
  let stack: TestStack;
  let dataDir: string;
  let settings: LeadSettings;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-demo-decisions-'));
    settings = testLeadSettings(dataDir);
    stack = await startTestStack('demo-decisions', { workerOptions: { leads: settings } });
    await resetGraph(stack.graph);
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('approves the best demo leads by two people, exports them to the demo bank and records its outcomes', async () => {
    const logger = createLogger('silent');
    const demo = await loadDemoIfEmpty(stack.graph, TEST_SECRET, logger, (id) =>
      stack.workers!.queues.add(QUEUES.ingest, id, { reportId: id }),
    );
    expect(demo.skipped).toBe(false);
    const seeded = await seedDemoDecisions(stack.graph, settings, logger, {
      reportIds: demo.reportIds,
      timeoutMs: 180_000,
    });
    expect(seeded.approved).toHaveLength(2);
    expect(seeded.outcomes).toBeGreaterThanOrEqual(3);

    const exported = await getExport(stack.graph, seeded.exportId!);
    expect(exported).toMatchObject({ partner: DEMO_PARTNERS[0]!.slug, leads: [...seeded.approved].sort() });
    for (const id of seeded.approved) {
      const lead = await loadLead(stack.graph, id);
      expect(lead).toMatchObject({ status: 'exported', approvedRevision: lead!.revision });
      expect(new Set(lead!.approvedBy).size).toBe(2);
    }
    const answers = await outcomesOfExport(stack.graph, seeded.exportId!);
    expect(answers!.outcomes.map((o) => o.outcome)).toEqual(expect.arrayContaining(['account_frozen', 'report_filed']));
    expect(new Set(answers!.outcomes.map((o) => o.leadId))).toEqual(new Set(seeded.approved));
  }, 240_000);
});
