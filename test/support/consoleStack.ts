import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Graph } from '../../graph/driver';
import { loadSigningKey } from '../../graph/exports/signing';
import type { LeadSettings } from '../../graph/exports/store';
import { DEFAULT_LEAD_RULES } from '../../src/domain/leads';
import { exportsRouter } from '../../src/http/routes/exports';
import { leadsRouter } from '../../src/http/routes/leads';
import { createLogger } from '../../src/log/logger';
import { importFailedForGood, importProcessor } from '../../workers/processors/import';
import { leadsProcessor } from '../../workers/processors/leads';
import { QUEUES } from '../../workers/queues';
import { deleteKeysWithPrefix, resetGraph, testGraph, testRedisUrl } from './services';
import { startTestStack, TEST_SECRET, type TestStack } from './stack';

/**
 * Everything `lantern start` wires, for the console's browser tests: the API with leads and exports,
 * and workers for ingest, resolve, imports and leads, on an emptied test graph.
 */
export async function startConsoleStack(name: string): Promise<TestStack & { stop(): Promise<void> }> {
  const processorGraph: Graph = testGraph();
  await resetGraph(processorGraph);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-console-'));
  const settings: LeadSettings = { rules: DEFAULT_LEAD_RULES, twoPersonRule: true, reviewDays: 180, signer: loadSigningKey(dataDir), issuer: 'Lantern console test hub', redressContact: 'redress@hub.example' };
  const logger = createLogger('silent');
  const stack = await startTestStack(name, {
    app: { apiRouters: [leadsRouter(settings), exportsRouter(settings)] },
    workerOptions: {
      extraProcessors: {
        [QUEUES.leads]: leadsProcessor({ graph: processorGraph, settings, logger }),
        [QUEUES.imports]: (queues) => importProcessor({ graph: processorGraph, secret: TEST_SECRET, enqueueIngest: (reportId) => queues.add(QUEUES.ingest, reportId, { reportId }) }),
      },
      onFinalFailure: { [QUEUES.imports]: importFailedForGood(processorGraph) },
    },
  });
  return {
    ...stack,
    async stop() {
      await stack.close();
      await processorGraph.close();
      await deleteKeysWithPrefix(testRedisUrl(), stack.prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
