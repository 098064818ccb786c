/**
 * `lantern bench load`: POST /api/v1/reports at a fixed rate (autocannon, which corrects for
 * coordinated omission) against a `lantern serve` process, with worker processes behind it, on the
 * seeded throwaway stack; then how fast the workers got through what was accepted.
 */
import autocannon from 'autocannon';
import { seededRandom } from '../../fixtures/bench/generate';
import { benchReport } from '../../fixtures/bench/workload';
import { reportProgress } from '../../graph/reports/progress';
import { BENCH_ORG, type BenchStackOptions, startBenchStack } from './benchStack';
import { warmUp } from './reportClient';
import { perSecond } from './stats';

export interface LoadBenchOptions extends BenchStackOptions {
  rate: number;
  seconds: number;
  connections: number;
  workers: number;
  concurrency: number;
  warmup: number;
}

export interface LoadBenchResult {
  entities: number;
  rate: number;
  seconds: number;
  requests: number;
  accepted: number;
  errors: number;
  non2xx: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  /** Mentions the workers resolved per second, from the first accepted report to the last processed. */
  workerMentionsPerSec: number;
  /** Seconds after the load stopped until every accepted report was processed. */
  drainSeconds: number;
}

/** Distinct bodies, cycled: enough that the idempotency of identical payloads never shortens the work. */
const BODIES = 5000;

async function processedCounts(
  stack: Awaited<ReturnType<typeof startBenchStack>>,
): Promise<{ total: number; processed: number; mentions: number; first: number; last: number }> {
  const progress = await reportProgress(stack.graph, BENCH_ORG);
  return {
    total: progress.total,
    processed: progress.processed,
    mentions: progress.mentions,
    first: Date.parse(progress.firstReceived ?? ''),
    last: Date.parse(progress.lastProcessed ?? ''),
  };
}

export async function runLoadBench(options: LoadBenchOptions): Promise<LoadBenchResult> {
  const { log } = options;
  const stack = await startBenchStack(options);
  try {
    const rng = seededRandom(options.seed + 2);
    const bodies = Array.from({ length: BODIES }, (_, i) => JSON.stringify(benchReport(rng, i, stack.known)));
    const api = await stack.startApi();
    await stack.startWorkers(options.workers, options.concurrency);
    await warmUp(stack, api.url, { reports: options.warmup, clients: options.connections, seed: options.seed, log });
    log(`POST /api/v1/reports at ${options.rate}/s for ${options.seconds} s over ${options.connections} connections`);
    let next = 0;
    const result = await autocannon({
      url: `${api.url}/api/v1/reports`,
      connections: options.connections,
      overallRate: options.rate,
      duration: options.seconds,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${api.key}`, 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: bodies[next++ % BODIES] }),
        },
      ],
    });
    const loadEnded = Date.now();
    let counts = await processedCounts(stack);
    while (counts.processed < counts.total) {
      if (Date.now() - loadEnded > 30 * 60_000)
        throw new Error(
          `only ${counts.processed} of ${counts.total} accepted reports were processed 30 minutes after the load`,
        );
      await new Promise((r) => setTimeout(r, 200));
      counts = await processedCounts(stack);
    }
    return {
      entities: options.entities,
      rate: options.rate,
      seconds: options.seconds,
      requests: result.requests.total,
      accepted: counts.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      latencyMaxMs: result.latency.max,
      workerMentionsPerSec: perSecond(counts.mentions, counts.last - counts.first),
      drainSeconds: Number((Math.max(0, counts.last - loadEnded) / 1000).toFixed(1)),
    };
  } finally {
    await stack.close();
  }
}
