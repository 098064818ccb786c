import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type PrivateRedis, startPrivateRedis } from '../../src/stack/localRedis';
import {
  audit,
  clientPartition,
  expectedAudit,
  joined,
  reportStream,
  runStream,
  STREAM_ORG,
  submitStream,
  unprocessed,
  untilSettled,
} from '../support/reportStream';
import { resetGraph } from '../support/services';
import { startTestStack } from '../support/stack';

const REPORTS = reportStream(40);

describe('a private redis-server stopped in the middle of a stream and started again on the same port', () => {
  const dirs: string[] = [];
  const tmp = () => {
    dirs.push(mkdtempSync(path.join(os.tmpdir(), 'lantern-faults-redis-')));
    return dirs[dirs.length - 1]!;
  };
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('keeps answering 202 while it is down, and the outbox gets every report processed exactly once, in the ' +
    'clusters of a run without the outage', async () => {
    const reference = await runStream('redis-reference', REPORTS);
    expect(reference.audit).toEqual(expectedAudit(REPORTS));
    expect(joined(reference.partition).length).toBeGreaterThan(3);

    let redis: PrivateRedis = await startPrivateRedis({ dir: tmp() });
    // The reconciler looks often, and takes a report that has sat in `processing` for 5 s back: the
    // restarted Redis is empty (started on a fresh directory, as a Redis that keeps nothing on disk
    // comes back), so queued and running jobs are gone along with those never queued.
    const stack = await startTestStack('redis-restart', {
      redisUrl: redis.url,
      workerOptions: { reconcilerIntervalMs: 500, receivedGraceMs: 1000, stuckAfterMs: 5000 },
    });
    try {
      await resetGraph(stack.graph);
      const key = await stack.keyFor('caseworker', STREAM_ORG);
      let pendingAtStop = 0;
      // The slowest accept while Redis is down: the request path must never wait for Redis.
      let down = false;
      let slowestWhileDown = 0;
      let previous = Date.now();
      const accepted = await submitStream(stack, key, REPORTS, async (submitted) => {
        if (down) slowestWhileDown = Math.max(slowestWhileDown, Date.now() - previous);
        if (submitted === REPORTS.length / 2) {
          pendingAtStop = await unprocessed(stack.graph);
          await redis.stop();
          down = true;
        } else if (submitted === (REPORTS.length * 3) / 4) {
          redis = await startPrivateRedis({ dir: tmp(), port: redis.port });
          down = false;
        }
        previous = Date.now();
      });
      expect(pendingAtStop).toBeGreaterThan(0);
      expect(slowestWhileDown).toBeGreaterThan(0);
      expect(slowestWhileDown).toBeLessThan(5000);

      await untilSettled(stack.graph, accepted, 120_000);
      expect(await audit(stack.graph, accepted)).toEqual(expectedAudit(REPORTS));
      expect(await clientPartition(stack.graph, accepted)).toEqual(reference.partition);
    } finally {
      await stack.close();
      await redis.stop();
    }
  }, 300_000);
});
