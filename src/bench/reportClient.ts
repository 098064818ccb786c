/**
 * Reports pushed through the API as caseworkers would send them, and waiting until the workers have
 * processed them: the measured streams of `lantern bench` and the warm-up before every measurement.
 */

import { seededRandom } from '../../fixtures/bench/generate';
import { benchReport } from '../../fixtures/bench/workload';
import type { Graph } from '../../graph/driver';
import { finishedReports } from '../../graph/reports/progress';
import type { ReportInput } from '../domain/report';
import type { BenchStack } from './benchStack';

const WARMUP_ORG = 'bench-warmup';

export async function pushReports(
  url: string,
  key: string,
  reports: readonly ReportInput[],
  clients: number,
): Promise<{ ids: string[]; acceptMs: number[] }> {
  const ids: string[] = new Array(reports.length);
  const acceptMs: number[] = [];
  let next = 0;
  const client = async () => {
    while (next < reports.length) {
      const i = next++;
      const started = performance.now();
      const res = await fetch(`${url}/api/v1/reports`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(reports[i]),
      });
      acceptMs.push(performance.now() - started);
      const body = (await res.json()) as { id?: string; error?: unknown };
      if (res.status !== 202 || !body.id)
        throw new Error(`POST /api/v1/reports answered ${res.status}: ${JSON.stringify(body)}`);
      ids[i] = body.id;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { ids, acceptMs };
}

export async function waitProcessed(graph: Graph, org: string, total: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const by = await finishedReports(graph, org);
    if ((by.get('failed') ?? 0) > 0) throw new Error(`${by.get('failed')} reports failed; see the worker logs`);
    if ((by.get('processed') ?? 0) >= total) return;
    if (Date.now() > deadline)
      throw new Error(
        `only ${by.get('processed') ?? 0} of ${total} reports were processed within ${timeoutMs / 1000} s`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Reports pushed and processed before anything is measured, under an organisation of their own: a
 * freshly started Neo4j spends most of a core compiling its hot paths (the JIT) for its first minutes,
 * which a server that has been up for a day no longer pays.
 */
export async function warmUp(
  stack: BenchStack,
  url: string,
  options: { reports: number; clients: number; seed: number; log: (line: string) => void },
): Promise<void> {
  if (options.reports === 0) return;
  const rng = seededRandom(options.seed + 3);
  const reports = Array.from({ length: options.reports }, (_, i) => benchReport(rng, 3_000_000_000 + i, stack.known));
  const started = performance.now();
  await pushReports(url, await stack.caseworkerKey(WARMUP_ORG), reports, options.clients);
  await waitProcessed(stack.graph, WARMUP_ORG, reports.length, 30 * 60_000);
  options.log(`warm-up: ${reports.length} reports processed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
