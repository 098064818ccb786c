import { Queue, Worker } from 'bullmq';
import { createRedisConnection } from '../../workers/connection';
import { perSecond } from './stats';

/**
 * The queue ceiling: how many empty jobs per second BullMQ moves through this Redis with the given
 * concurrency, added in bulk and processed by a no-op. The pipeline needs several jobs per report.
 */
export async function measureQueueCeiling(
  redisUrl: string,
  prefix: string,
  options: { jobs: number; concurrency: number },
): Promise<number> {
  const connection = createRedisConnection(redisUrl, 'worker');
  const workerConnection = createRedisConnection(redisUrl, 'worker');
  const queue = new Queue('bench-empty', { connection, prefix });
  try {
    for (let i = 0; i < options.jobs; i += 1000) {
      await queue.addBulk(
        Array.from({ length: Math.min(1000, options.jobs - i) }, (_, j) => ({
          name: 'empty',
          data: { i: i + j },
          opts: { removeOnComplete: true },
        })),
      );
    }
    let done = 0;
    const started = performance.now();
    const finished = new Promise<void>((resolve) => {
      const worker = new Worker('bench-empty', async () => undefined, {
        connection: workerConnection,
        prefix,
        concurrency: options.concurrency,
      });
      worker.on('completed', () => {
        done += 1;
        if (done === options.jobs) void worker.close().then(resolve);
      });
    });
    await finished;
    const rate = perSecond(options.jobs, performance.now() - started);
    await queue.obliterate({ force: true });
    return rate;
  } finally {
    await queue.close();
    connection.disconnect();
    workerConnection.disconnect();
  }
}
