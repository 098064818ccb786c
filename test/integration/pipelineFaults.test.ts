import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPrivateRedis } from '../../src/stack/localRedis';
import { exited, spawnCli } from '../support/cli';
import { resetGraph, testGraph, testNeo4jUri, testRedisUrl } from '../support/services';
import { startTestStack, untilProcessed, type TestStack } from '../support/stack';

const report = (i: number) => ({
  caseRef: `KH-FAULT-${i}`,
  country: 'KH',
  reportedAt: '2024-05-01',
  subjects: [
    { ref: 'p', schema: 'Person', role: 'RecruiterOrIntermediary', properties: { name: [`Heng Sovann${'abcdefghij'[i % 10]}rith ${i}`], phone: [`012 400 ${String(100 + i).padStart(3, '0')}`] } },
    { ref: 'a', schema: 'BankAccount', properties: { accountNumber: [`0001-${1000 + (i % 5)}`], bankName: ['ACLEDA'] } },
  ],
  links: [{ type: 'Ownership', from: 'p', to: 'a' }],
});

async function mentionCounts(stack: TestStack): Promise<{ mentions: number; distinct: number; unresolved: number }> {
  return stack.graph.read(async (tx) => {
    const r = await tx.run("MATCH (m:Mention) OPTIONAL MATCH (m)-[x:RESOLVED_TO]->() RETURN count(m) AS mentions, count(DISTINCT m.id) AS distinct, count(CASE WHEN m.status <> 'resolved' THEN 1 END) AS unresolved, count(x) AS links");
    const row = r.records[0]!;
    return { mentions: Number(row.get('mentions')), distinct: Number(row.get('distinct')), unresolved: Number(row.get('unresolved')) };
  });
}

describe('nothing accepted is lost', () => {
  beforeEach(async () => {
    const graph = testGraph();
    await resetGraph(graph);
    await graph.close();
  });

  it('finishes every report exactly once when one of two worker processes is killed with SIGKILL mid-stream', async () => {
    const stack = await startTestStack('kill9', { workers: false });
    const env = { NEO4J_URI: testNeo4jUri(), REDIS_URL: testRedisUrl(), LANTERN_QUEUE_PREFIX: stack.prefix, LANTERN_JOB_LOCK_MS: '3000', LANTERN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lantern-w-')), LOG_LEVEL: 'info' };
    const victim = spawnCli(['worker', '--concurrency', '2'], env);
    const survivor = spawnCli(['worker', '--concurrency', '2'], env);
    try {
      const caseworker = await stack.keyFor('caseworker', 'kh-river');
      const ids: string[] = [];
      for (let i = 0; i < 24; i += 1) {
        const res = await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: report(i) });
        ids.push(((await res.json()) as { id: string }).id);
      }
      // Kill the victim as soon as it has taken work, so that jobs die with it half-done.
      const deadline = Date.now() + 60_000;
      while (!/job|processing|workers started/.test(victim.output()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 300));
      victim.kill('SIGKILL');
      for (const id of ids) expect(await untilProcessed(stack, id, caseworker, 120_000)).toMatchObject({ status: 'processed' });
      const counts = await mentionCounts(stack);
      expect(counts).toEqual({ mentions: 48, distinct: 48, unresolved: 0 });
    } finally {
      victim.kill('SIGKILL');
      survivor.kill('SIGTERM');
      await exited(survivor, 30_000).catch(() => survivor.kill('SIGKILL'));
      await stack.close();
    }
  });

  it('answers 202 while Redis is down and processes the report once Redis is back', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-redis-'));
    let redis = await startPrivateRedis({ dir });
    const port = redis.port;
    const stack = await startTestStack('redis-down', { redisUrl: redis.url, workers: false });
    try {
      const caseworker = await stack.keyFor('caseworker', 'vn-bridge');
      await redis.stop();
      const started = Date.now();
      const res = await stack.call('/api/v1/reports', { method: 'POST', key: caseworker, json: report(99) });
      expect(res.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(5000);
      const { id } = (await res.json()) as { id: string };
      const stored = await stack.graph.read(async (tx) => (await tx.run('MATCH (r:Report {id: $id}) RETURN r.status AS s', { id })).records[0]?.get('s'));
      expect(stored).toBe('received');
      redis = await startPrivateRedis({ dir, port });
      const { startWorkers } = await import('../../workers/runtime');
      const { createLogger } = await import('../../src/log/logger');
      const workers = await startWorkers({ graph: stack.graph, redisUrl: redis.url, prefix: stack.prefix, logger: createLogger('silent'), reconcilerIntervalMs: 300, receivedGraceMs: 500 });
      try {
        expect(await untilProcessed(stack, id, caseworker, 60_000)).toMatchObject({ status: 'processed' });
      } finally {
        await workers.close();
      }
    } finally {
      await stack.close();
      await redis.stop();
    }
  });
});
