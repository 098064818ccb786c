/**
 * `lantern bench search [--entities N]`: search latency (p50, p95) on a throwaway Neo4j of N generated
 * entities, by kind of query. A benchmark, not a test. Last line of stdout: JSON.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { runSearchBench } from '../bench/searchBench';
import { countOption as count } from './countOption';

const SEED = 20261202;

const Args = z.object({
  entities: count('--entities', 1000, 10_000_000),
  accounts: count('--accounts', 1, 1_000_000),
  queries: count('--queries', 1, 100_000),
  warmup: count('--warmup', 0, 100_000),
  heap: z.string().regex(/^\d+[mg]$/, { message: '--heap must look like 1g or 1536m' }),
  pageCache: z.string().regex(/^\d+[mg]$/, { message: '--page-cache must look like 512m or 2g' }),
});

const log = (line: string) => process.stdout.write(`${line}\n`);

export function registerBenchSearch(benchCmd: Command): Command {
  return benchCmd
    .command('search')
    .description('Search latency by kind of query (names, misspellings, phones, masked phones, accounts)')
    .option('--entities <n>', 'entities in the throwaway graph, account holders included', '100000')
    .option('--accounts <n>', 'of which people with a bank account', '5000')
    .option('--queries <n>', 'searches timed', '1000')
    .option('--warmup <n>', 'searches run first, untimed, while Neo4j compiles its plans', '200')
    .option('--heap <size>', 'JVM heap of the throwaway Neo4j', '2g')
    .option('--page-cache <size>', 'page cache of the throwaway Neo4j', '1g')
    .action(async (raw: Record<string, unknown>) => {
      const parsed = Args.safeParse(raw);
      if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
      const result = await runSearchBench({ ...parsed.data, seed: SEED, log });
      log(`search over ${result.entities} entities (seeded in ${result.seedSeconds.toFixed(1)} s)`);
      const row = (label: string, r: { p50: number; p95: number; p99: number; n: number }, found = '') =>
        log(`  ${label.padEnd(24)} p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms (n ${r.n})${found}`);
      row('all', result.overall);
      for (const [kind, r] of Object.entries(result.byKind)) row(kind, r, `, found ${(r.found * 100).toFixed(1)}%`);
      log(JSON.stringify(result));
    });
}
