import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Graph } from '../../graph/driver';
import { loadSigningKey } from '../../graph/exports/signing';
import type { LeadSettings } from '../../graph/exports/store';
import { DEFAULT_LEAD_RULES } from '../../src/domain/leads';
import { exportsRouter } from '../../src/http/routes/exports';
import { leadsRouter } from '../../src/http/routes/leads';
import { deleteKeysWithPrefix, resetGraph, testGraph, testRedisUrl } from './services';
import { startTestStack, TEST_SECRET, type TestStack } from './stack';

/**
 * Everything `lantern start` wires, for the console's browser tests: the API with leads and exports,
 * and workers for ingest, resolve, imports and leads, on an emptied test graph.
 */
export async function startConsoleStack(name: string): Promise<TestStack & { stop(): Promise<void> }> {
  const resetter: Graph = testGraph();
  await resetGraph(resetter);
  await resetter.close();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-console-'));
  const settings: LeadSettings = {
    rules: DEFAULT_LEAD_RULES,
    twoPersonRule: true,
    reviewDays: 180,
    signer: loadSigningKey(dataDir),
    issuer: 'Lantern console test hub',
    redressContact: 'redress@hub.example',
  };
  const stack = await startTestStack(name, {
    app: { apiRouters: [leadsRouter(settings), exportsRouter(settings)] },
    workerOptions: { leads: settings, imports: { secret: TEST_SECRET } },
  });
  return {
    ...stack,
    async stop() {
      await stack.close();
      await deleteKeysWithPrefix(testRedisUrl(), stack.prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
