import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, Worker } from 'bullmq';
import { createRedisConnection } from '../../workers/connection';
import { QUEUES, WorkerQueues } from '../../workers/queues';
import { exited, spawnCli, waitFor } from '../support/cli';
import {
  audit,
  clientPartition,
  expectedAudit,
  joined,
  reportStream,
  runStream,
  STREAM_ORG,
  submitStream,
  untilSettled,
} from '../support/reportStream';
import { resetGraph, testNeo4jUri, testPrefix, testRedisUrl } from '../support/services';
import { startTestStack } from '../support/stack';

const REPORTS = reportStream(40);

describe('a worker process killed with SIGKILL', () => {
  it('delays its jobs but loses and duplicates nothing, and the clusters equal those of a run without the ' +
    'kill', async () => {
    const reference = await runStream('kill9-reference', REPORTS);
    expect(reference.audit).toEqual(expectedAudit(REPORTS));
    expect(joined(reference.partition).length).toBeGreaterThan(3);

    const stack = await startTestStack('kill9', { workers: false });
    await resetGraph(stack.graph);
    // A short lock so that the survivor takes the dead worker's jobs back within seconds, not 30 s.
    // Info-level logs time each start-up step, so a slow start shows where it stalled.
    const env = {
      NEO4J_URI: testNeo4jUri(),
      REDIS_URL: testRedisUrl(),
      LANTERN_QUEUE_PREFIX: stack.prefix,
      LANTERN_JOB_LOCK_MS: '3000',
      LANTERN_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'lantern-w-')),
      LOG_LEVEL: 'info',
    };
    const victim = spawnCli(['worker', '--concurrency', '2'], env);
    const survivor = spawnCli(['worker', '--concurrency', '2'], env);
    // Worker processes name their BullMQ workers host/pid, and BullMQ records that name on each job it hands them.
    const victimName = `${os.hostname()}/${victim.pid}`;
    const queues = [stack.ctx.producer.queue(QUEUES.ingest), stack.ctx.producer.queue(QUEUES.resolve)];
    try {
      let seen = 'nothing yet';
      const gone = (child: typeof victim) => child.exitCode !== null || child.signalCode !== null;
      const status = (child: typeof victim) =>
        `pid ${child.pid}, exit ${child.exitCode ?? child.signalCode ?? 'none'}:\n${child.output()}`;
      const start = await waitFor(
        async () => {
          if (gone(victim) || gone(survivor)) return 'a worker process exited';
          try {
            const names = (await Promise.all(queues.map((q) => q.getWorkers()))).flat().map((c) => c.rawname ?? '');
            seen = `workers listed: ${JSON.stringify(names)}`;
            const up = (child: typeof victim) =>
              names.filter((n) => n.endsWith(`:w:${os.hostname()}/${child.pid}`)).length === queues.length;
            return up(victim) && up(survivor) ? 'listening' : undefined;
          } catch (err) {
            seen = `listing workers failed: ${(err as Error).message}`;
            throw err;
          }
        },
        90_000,
        'both worker processes to listen on both queues',
      ).catch((err: Error) => err.message);
      if (start !== 'listening')
        throw new Error(`${start}\n${seen}\nvictim ${status(victim)}\nsurvivor ${status(survivor)}`);
      // The kill lands while the stream is still coming in and the victim holds work: polled closely,
      // since a job lasts tens of milliseconds.
      const killed = (async () => {
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          const held = (await Promise.all(queues.map((q) => q.getActive())))
            .flat()
            .filter((j) => j.processedBy === victimName);
          if (held.length > 0) {
            victim.kill('SIGKILL');
            await exited(victim, 10_000);
            return held.map((j) => j.id);
          }
          await new Promise((r) => setTimeout(r, 10));
        }
        throw new Error(`the victim never held a job\n${victim.output()}`);
      })();
      const key = await stack.keyFor('caseworker', STREAM_ORG);
      const accepted = await submitStream(stack, key, REPORTS, async (submitted) => {
        // Half the stream goes in before the kill, the other half after it.
        if (submitted === REPORTS.length / 2) await killed;
      });
      expect((await killed).length).toBeGreaterThan(0);
      expect(victim.signalCode).toBe('SIGKILL');

      await untilSettled(stack.graph, accepted);
      expect(await audit(stack.graph, accepted)).toEqual(expectedAudit(REPORTS));
      expect(await clientPartition(stack.graph, accepted)).toEqual(reference.partition);
    } finally {
      if (victim.exitCode === null && victim.signalCode === null) victim.kill('SIGKILL');
      survivor.kill('SIGTERM');
      await exited(survivor, 30_000).catch(() => survivor.kill('SIGKILL'));
      await stack.close();
    }
  }, 300_000);
});

describe('work the outbox queues again', () => {
  it(
    'runs again when its job had failed for good, ' +
      'instead of being swallowed by the kept failed job of the same id',
    async () => {
      const prefix = testPrefix('retry-failed');
      const queues = new WorkerQueues(testRedisUrl(), prefix);
      const connection = createRedisConnection(testRedisUrl(), 'worker');
      const runs: string[] = [];
      const worker = new Worker(
        QUEUES.ingest,
        async () => {
          runs.push('run');
          if (runs.length === 1) throw new UnrecoverableError('the database was away for longer than every retry');
        },
        { connection, prefix },
      );
      const settled = (event: 'failed' | 'completed') =>
        new Promise<void>((resolve) => worker.once(event, () => resolve()));
      try {
        const failed = settled('failed');
        await queues.add(QUEUES.ingest, 'rep_outbox', { reportId: 'rep_outbox' });
        await failed;
        const completed = settled('completed');
        await queues.add(QUEUES.ingest, 'rep_outbox', { reportId: 'rep_outbox' });
        await completed;
        expect(runs).toEqual(['run', 'run']);
      } finally {
        await worker.close();
        await queues.close();
        connection.disconnect();
      }
    },
  );
});
