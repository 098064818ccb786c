import { Queue, QueueEvents, Worker } from 'bullmq';
import { createRedisConnection, pingRedis, readMaxmemoryPolicy } from '../../workers/connection';
import { testPrefix, testRedisUrl } from '../support/services';

describe('the real Redis', () => {
  it('answers PING', async () => {
    await expect(pingRedis(testRedisUrl())).resolves.toBeUndefined();
  });

  it('refuses quickly when nothing listens, instead of hanging', async () => {
    const started = Date.now();
    await expect(pingRedis('redis://127.0.0.1:1', 500)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports its maxmemory-policy so that an evicting Redis can be warned about', async () => {
    const client = createRedisConnection(testRedisUrl(), 'producer');
    try {
      expect(typeof (await readMaxmemoryPolicy(client))).toBe('string');
    } finally {
      client.disconnect();
    }
  });

  it("carries a BullMQ job from a queue to a worker under this run's own prefix", async () => {
    const prefix = testPrefix('redis-roundtrip');
    // BullMQ does not close connections it is handed as instances; the test closes its own.
    const [connection, eventsConnection, workerConnection] = [1, 2, 3].map(() =>
      createRedisConnection(testRedisUrl(), 'worker'),
    );
    const queue = new Queue('roundtrip', { connection: connection!, prefix });
    const events = new QueueEvents('roundtrip', { connection: eventsConnection!, prefix });
    const worker = new Worker('roundtrip', async (job) => ({ doubled: (job.data as { n: number }).n * 2 }), {
      connection: workerConnection!,
      prefix,
    });
    try {
      await events.waitUntilReady();
      const job = await queue.add('double', { n: 21 }, { jobId: 'job-21' });
      await expect(job.waitUntilFinished(events, 20_000)).resolves.toEqual({ doubled: 42 });
      const keys = await connection!.keys(`${prefix}:roundtrip:*`);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
      for (const c of [connection, eventsConnection, workerConnection]) c!.disconnect();
    }
  });
});
