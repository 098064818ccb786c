/**
 * `lantern bench search`: how long an analyst waits for the search box. A throwaway Neo4j is seeded
 * with generated entities of the region through the resolver's own phase-one writes (mentions, blocking
 * keys, identifiers, name tokens, one entity each), plus people with bank accounts; then searches for
 * names as reported, misspelt names, phones written internationally, masked phones and accounts without
 * their separators are timed in this process, against the graph, and whether each found its entity.
 */
import { type Random, seededRandom, variantOf } from '../../fixtures/bench/generate';
import { mobileNumber, type SeedEntity } from '../../fixtures/bench/workload';
import { searchEntities } from '../../graph/read/search';
import { singletonEntityId } from '../../graph/resolve/engine';
import { writeMentions } from '../../graph/resolve/writeMentions';
import { normalizePhone } from '../../matching/identifiers/phone';
import type { MentionInput } from '../domain/mention';
import { SearchQuery } from '../domain/search';
import { startBenchStack } from './benchStack';
import { percentiles } from './stats';

export interface SearchBenchOptions {
  entities: number;
  accounts: number;
  queries: number;
  warmup: number;
  seed: number;
  heap: string;
  pageCache: string;
  log: (line: string) => void;
}

interface Probe {
  kind: string;
  q: string;
  entityId: string;
}

export interface SearchBenchResult {
  entities: number;
  seedSeconds: number;
  overall: ReturnType<typeof percentiles> & { p95: number };
  byKind: Record<string, ReturnType<typeof percentiles> & { p95: number; found: number }>;
}

const ACCOUNT_REGIONS = ['TH', 'VN', 'KH', 'MY'] as const;

const digits = (rng: Random, count: number): string =>
  Array.from({ length: count }, () => Math.floor(rng() * 10)).join('');

/** People with a bank account each, written with the bank's grouping as a slip shows it. */
function accountHolders(rng: Random, count: number): Array<MentionInput & { account: string }> {
  return Array.from({ length: count }, (_, i) => {
    const account = digits(rng, 10);
    const region = ACCOUNT_REGIONS[i % ACCOUNT_REGIONS.length]!;
    return {
      id: `men_search_account_${i}`,
      reportId: 'seed',
      orgId: 'bench-seed',
      ref: `a${i}`,
      schema: 'Person',
      country: region,
      properties: {
        name: [`Holder ${digits(rng, 3)} ${mobileNumber(rng, region).slice(-4)}`],
        accountNumber: [`${account.slice(0, 3)}-${account.slice(3, 4)}-${account.slice(4, 9)}-${account.slice(9)}`],
      },
      account,
    };
  });
}

const entityOfSeed = (entity: SeedEntity): string => singletonEntityId(`men_seed_${entity.record.id}`);

function probesFor(rng: Random, known: readonly SeedEntity[], accounts: ReturnType<typeof accountHolders>): Probe[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const withPhone = known.filter((k) => k.properties.phone?.length);
  const probes: Probe[] = [];
  for (let i = 0; i < known.length && probes.length < known.length; i += 1) {
    const entity = pick(known);
    const name = entity.properties.name?.[0] ?? '';
    probes.push({ kind: 'name', q: name, entityId: entityOfSeed(entity) });
    const misspelt = variantOf(rng, entity.record).record.properties.name?.[0] ?? name;
    probes.push({ kind: 'misspelt name', q: misspelt, entityId: entityOfSeed(entity) });
    const phoned = pick(withPhone);
    const e164 = normalizePhone(phoned.properties.phone![0]!, { defaultCountry: phoned.record.region });
    if (e164?.strength === 'strong') {
      probes.push({ kind: 'phone (international)', q: e164.value, entityId: entityOfSeed(phoned) });
      probes.push({ kind: 'masked phone', q: `xxx-xxx-${e164.value.slice(-4)}`, entityId: entityOfSeed(phoned) });
    }
    const holder = pick(accounts);
    probes.push({ kind: 'account', q: holder.account, entityId: singletonEntityId(holder.id) });
  }
  return probes;
}

const p95 = (samples: readonly number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? 0).toFixed(1));
};

export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchResult> {
  const stack = await startBenchStack({
    entities: options.entities - options.accounts,
    seed: options.seed,
    heap: options.heap,
    pageCache: options.pageCache,
    batch: 16,
    keep: false,
    log: options.log,
  });
  try {
    const rng = seededRandom(options.seed + 1);
    const accounts = accountHolders(rng, options.accounts);
    for (let i = 0; i < accounts.length; i += 1000) {
      await writeMentions(
        stack.graph,
        stack.index,
        stack.engine,
        accounts.slice(i, i + 1000).map(({ account: _, ...mention }) => mention),
      );
    }
    options.log(`  and ${accounts.length} account holders`);
    const all = probesFor(rng, stack.known, accounts);
    const run = async (probe: Probe) => {
      const started = performance.now();
      const results = await searchEntities(stack.graph, stack.index, stack.engine, SearchQuery.parse({ q: probe.q }));
      return { ms: performance.now() - started, found: results.some((r) => r.entityId === probe.entityId) };
    };
    for (const probe of all.slice(0, options.warmup)) await run(probe);
    const measured = all.slice(options.warmup, options.warmup + options.queries);
    const samples: Array<{ kind: string; ms: number; found: boolean }> = [];
    for (const probe of measured) samples.push({ kind: probe.kind, ...(await run(probe)) });
    const byKind: SearchBenchResult['byKind'] = {};
    for (const kind of [...new Set(samples.map((s) => s.kind))]) {
      const of = samples.filter((s) => s.kind === kind);
      const ms = of.map((s) => s.ms);
      byKind[kind] = {
        ...percentiles(ms),
        p95: p95(ms),
        found: Number((of.filter((s) => s.found).length / of.length).toFixed(3)),
      };
    }
    const ms = samples.map((s) => s.ms);
    return {
      entities: options.entities,
      seedSeconds: stack.seedSeconds,
      overall: { ...percentiles(ms), p95: p95(ms) },
      byKind,
    };
  } finally {
    await stack.close();
  }
}
