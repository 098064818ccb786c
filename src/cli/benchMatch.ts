/**
 * `lantern bench match [--sizes 100000,1000000]`: how fast the matcher compares two records, and how
 * long one query takes against N generated names through blocking (inverted index, capped candidates,
 * each scored) versus a full scan with fastest-levenshtein, in the same run. The last line of stdout
 * is one JSON object.
 */
import type { Command } from 'commander';
import { distance } from 'fastest-levenshtein';
import { type GeneratedRecord, generateRecords, seededRandom, variantOf } from '../../fixtures/bench/generate';
import { KeyIndex } from '../../matching/blocking';
import { countTermFrequencies, type MatchingEngine } from '../../matching/cluster/batch';
import { defaultEngine } from '../../matching/cluster/engine';

const SEED = 20261123;

interface Timing {
  medianMs: number;
  p99Ms: number;
}

export interface SizeResult {
  records: number;
  buildSeconds: number;
  /** Keys of the query and index look-up only. */
  retrieval: Timing;
  /** Retrieval plus scoring every candidate: what one resolution step costs. */
  blocked: Timing & { meanCandidates: number; hitRate: number };
  fullScan: Timing & { hitRate: number; queries: number };
}

export interface BenchOptions {
  queries: number;
  scanQueries: number;
  candidateCap: number;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { medianMs: round(at(0.5)), p99Ms: round(at(0.99)) };
}

const round = (value: number): number => Number(value.toFixed(3));
const nameOf = (record: { properties: Record<string, string[]> }): string =>
  (record.properties.name?.[0] ?? '').toLowerCase();

/**
 * Pairs scored per second on prepared records, over two seconds of work after one second of warm-up:
 * a resolver scores for hours, so what counts is the compiled comparator, not the interpreter's first
 * second.
 */
export function comparisonsPerSecond<P>(engine: MatchingEngine<P>, records: readonly GeneratedRecord[]): number {
  const prepared = records.map((r) => engine.prepare(r));
  const tf = countTermFrequencies(engine, prepared);
  const scoreFor = (ms: number): { pairs: number; ms: number } => {
    let pairs = 0;
    const started = performance.now();
    while (performance.now() - started < ms) {
      for (let i = 0; i + 1 < prepared.length; i += 1) engine.score(prepared[i] as P, prepared[i + 1] as P, tf);
      pairs += prepared.length - 1;
    }
    return { pairs, ms: performance.now() - started };
  };
  scoreFor(WARM_UP_MS);
  const measured = scoreFor(MEASURE_MS);
  return Math.round(measured.pairs / (measured.ms / 1000));
}

const WARM_UP_MS = 1000;
const MEASURE_MS = 2000;

/**
 * A hit is a candidate list holding a record with the original's name: common names repeat in the
 * generated data as in real caseloads, and records with the same name are indistinguishable by name.
 */
export function benchSize<P>(
  engine: MatchingEngine<P>,
  count: number,
  options: BenchOptions,
  log: (line: string) => void,
): SizeResult {
  const { queries, scanQueries, candidateCap } = options;
  const records = generateRecords(count, SEED);
  const started = performance.now();
  const prepared = records.map((r) => engine.prepare(r));
  const tf = countTermFrequencies(engine, prepared);
  const index = new KeyIndex();
  prepared.forEach((p, id) => {
    index.add(id, engine.blockingKeys(p));
  });
  const buildSeconds = (performance.now() - started) / 1000;
  log(`  ${count} records: prepared and indexed in ${buildSeconds.toFixed(1)} s (${index.size} distinct keys)`);

  const rng = seededRandom(SEED + count);
  const targets = Array.from({ length: queries }, () => records[Math.floor(rng() * records.length)] as GeneratedRecord);
  const generated = targets.map((target) => variantOf(rng, target));
  const variants = generated.map((g) => g.record);
  const byKind = new Map<string, { queries: number; hits: number }>();

  const names = records.map(nameOf);
  const retrievalMs: number[] = [];
  const blockedMs: number[] = [];
  let candidates = 0;
  let hits = 0;
  variants.forEach((variant, q) => {
    const t0 = performance.now();
    const query = engine.prepare(variant);
    const found = index.candidates(engine.blockingKeys(query), candidateCap);
    const t1 = performance.now();
    for (const { id } of found) engine.score(query, prepared[id] as P, tf);
    retrievalMs.push(t1 - t0);
    blockedMs.push(performance.now() - t0);
    candidates += found.length;
    const wanted = names[targets[q]?.id ?? -1];
    const hit = found.some((c) => names[c.id] === wanted);
    if (hit) hits += 1;
    for (const kind of new Set(generated[q]?.kinds)) {
      const tally = byKind.get(kind) ?? { queries: 0, hits: 0 };
      byKind.set(kind, { queries: tally.queries + 1, hits: tally.hits + (hit ? 1 : 0) });
    }
  });

  const scanMs: number[] = [];
  let scanHits = 0;
  variants.slice(0, scanQueries).forEach((variant, q) => {
    const t0 = performance.now();
    const wanted = nameOf(variant);
    let best = { id: -1, d: Infinity };
    for (let id = 0; id < names.length; id += 1) {
      const d = distance(wanted, names[id] as string);
      if (d < best.d) best = { id, d };
    }
    scanMs.push(performance.now() - t0);
    if (names[best.id] === names[targets[q]?.id ?? -1]) scanHits += 1;
  });

  const result: SizeResult = {
    records: count,
    buildSeconds: round(buildSeconds),
    retrieval: timing(retrievalMs),
    blocked: {
      ...timing(blockedMs),
      meanCandidates: round(candidates / Math.max(queries, 1)),
      hitRate: round(hits / Math.max(queries, 1)),
    },
    fullScan: { ...timing(scanMs), hitRate: round(scanHits / Math.max(scanMs.length, 1)), queries: scanMs.length },
  };
  log(`  retrieval only: median ${result.retrieval.medianMs} ms, p99 ${result.retrieval.p99Ms} ms`);
  log(
    `  blocked query:  median ${result.blocked.medianMs} ms, p99 ${result.blocked.p99Ms} ` +
      `ms, ${result.blocked.meanCandidates} candidates, original's name among ` +
      `them ${(100 * result.blocked.hitRate).toFixed(1)}%`,
  );
  const kinds = [...byKind].sort(([a], [b]) => a.localeCompare(b));
  log(
    `  found, by kind of variation in the ` +
      `query: ${kinds.map(([kind, t]) => `${kind} ${t.hits}/${t.queries}`).join(', ')}`,
  );
  log(
    `  full scan:      median ${result.fullScan.medianMs} ms, p99 ${result.fullScan.p99Ms} ms over ${scanMs.length} ` +
      `queries, nearest is the original's name ${(100 * result.fullScan.hitRate).toFixed(1)}%`,
  );
  return result;
}

export function registerBenchMatch(benchCmd: Command): Command {
  return benchCmd
    .command('match')
    .description(
      'comparisons per second, and one query against N generated names: blocking vs full scan (last line JSON)',
    )
    .option('--sizes <list>', 'comma-separated record counts', '100000,1000000')
    .option('--queries <n>', 'blocked queries per size', '200')
    .option('--scan-queries <n>', 'full-scan queries per size (each reads every name)', '20')
    .option('--candidates <n>', 'candidates scored per blocked query', '50')
    .action((opts: { sizes: string; queries: string; scanQueries: string; candidates: string }) => {
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const sizes = opts.sizes
        .split(',')
        .map((s) => Number(s.trim()))
        .filter((n) => Number.isInteger(n) && n > 0);
      const cps = comparisonsPerSecond(defaultEngine, generateRecords(2000, SEED));
      log(`scorePrepared: ${cps} comparisons per second (prepared records, one core)`);
      const options: BenchOptions = {
        queries: Number(opts.queries),
        scanQueries: Number(opts.scanQueries),
        candidateCap: Number(opts.candidates),
      };
      const results = sizes.map((n) => benchSize(defaultEngine, n, options, log));
      log(JSON.stringify({ comparisonsPerSecond: cps, sizes: results }));
    });
}
