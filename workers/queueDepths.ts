import { type Producer, QUEUES, type QueueName } from './queues';

/** The job states operators watch: what waits, runs, is scheduled for a retry, failed for good, or is done. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

export interface QueueDepths {
  queue: QueueName;
  byState: Record<QueueState, number>;
}

/**
 * Jobs per queue and state, read from Redis now, so that every API process reports the shared truth.
 * Rejects when Redis does not answer within `timeoutMs`: a caller shows "unknown", never stale numbers.
 */
export async function readQueueDepths(producer: Producer, timeoutMs: number): Promise<QueueDepths[]> {
  let timer: NodeJS.Timeout | undefined;
  const read = Promise.all(
    Object.values(QUEUES).map(async (queue) => {
      const counts = await producer.queue(queue).getJobCounts(...QUEUE_STATES);
      const byState = Object.fromEntries(QUEUE_STATES.map((s) => [s, counts[s] ?? 0])) as Record<QueueState, number>;
      return { queue, byState };
    }),
  );
  try {
    return await Promise.race([
      read,
      new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error('Redis did not answer in time')), timeoutMs)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
