import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import neo4j from 'neo4j-driver';
import { builderOf } from '../../matching/blocking/generic';
import type { Graph } from '../driver';
import type { ResolverEngine } from './engine';
import { readMatchRecord, type StoredRecordRow } from './writeMentions';

/** A mention and its blocking keys, as the index files it. */
export interface IndexedMention {
  id: string;
  keys: readonly string[];
}

/**
 * How many mentions hold a key, and which ones when there are fewer than the key's generic count (a
 * generic key gives no candidates, so its holders are never needed).
 */
export interface KeyHolding {
  count: number;
  ids: readonly string[];
}

export interface CandidateIndexOptions {
  /** Mentions read from the graph per page while rebuilding. */
  rebuildPage?: number;
  /** How long a rebuild's lock lives without being renewed (each page renews it). */
  lockMs?: number;
  /** How often a process waiting for another's rebuild looks again. */
  pollMs?: number;
}

const DEFAULTS: Required<CandidateIndexOptions> = { rebuildPage: 5000, lockMs: 30_000, pollMs: 100 };

/** Mentions filed per script by `add`. */
const ADD_SLICE = 500;

/** The error the index script answers with while the index of the graph's epoch is not built. */
const NOT_READY = 'LANTERN_INDEX_NOT_READY';

/** The singleton node that names the index the graph was last indexed under. */
const EPOCH_NODE = 'candidate-index';

/**
 * Adds mentions to their keys' sets, then reads every key's count and, below its read limit, its
 * holders: one round trip, atomic, so that of two look-alike mentions resolved at the same moment the
 * later script sees the earlier one's mention. KEYS: the ready flag, then the sets. ARGV: the number of
 * additions, each as (position among the sets, mention id), then one read limit per set.
 */
const ADD_AND_READ = `
if redis.call('EXISTS', KEYS[1]) == 0 then return redis.error_reply('${NOT_READY}') end
local additions = tonumber(ARGV[1])
for i = 0, additions - 1 do
  redis.call('SADD', KEYS[tonumber(ARGV[2 + 2 * i]) + 1], ARGV[3 + 2 * i])
end
local limits = 2 + 2 * additions
local out = {}
for i = 2, #KEYS do
  local count = redis.call('SCARD', KEYS[i])
  if count < tonumber(ARGV[limits + i - 2]) then
    out[i - 1] = redis.call('SMEMBERS', KEYS[i])
  else
    out[i - 1] = count
  end
end
return out`;

/** Deletes the lock only when this process still holds it. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * Renews the lock (KEYS[1]) for ARGV[2] ms and, when KEYS[2] is given, sets that ready flag, only
 * while this process (token ARGV[1]) still holds the lock: a Redis that restarted during a rebuild
 * lost the lock with the sets, and what was built before is gone.
 */
const RENEW = `if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
if KEYS[2] then redis.call('SET', KEYS[2], ARGV[3]) end
return 1`;

/** A rebuild that lost its lock: what it wrote may have gone with it, so it starts again. */
class RebuildInterrupted extends Error {}

/** Read limits are sent as numbers; a key outside every builder (none today) is read whatever its size. */
const readLimit = (key: string): number => builderOf(key)?.genericAt ?? 2 ** 31 - 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * The candidate index: which mentions hold each blocking key, in Redis, derived from the mentions in
 * the graph. Neo4j stays the system of record; this answers "who shares these keys, and how many" in
 * one round trip instead of a traversal, and spares the graph a node and a relationship per key and
 * mention. Being derived, it can be lost (Redis restarted empty) or outlived by its graph (a graph
 * emptied or restored): the graph holds the epoch it was indexed under, the index's keys carry that
 * epoch and a ready flag, and any reader finding no ready index for the graph's epoch rebuilds it from
 * the graph's mention records (or waits for the process that is rebuilding it) before answering.
 */
export class CandidateIndex {
  private readonly options: Required<CandidateIndexOptions>;

  constructor(
    private readonly redis: Redis,
    private readonly graph: Graph,
    private readonly engine: Pick<ResolverEngine, 'prepare' | 'blockingKeys'>,
    private readonly prefix: string,
    options: CandidateIndexOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  private root(epoch: string): string {
    return `${this.prefix}:ci:${epoch}`;
  }

  private setKey(epoch: string, key: string): string {
    return `${this.root(epoch)}:k:${key}`;
  }

  private get lockKey(): string {
    return `${this.prefix}:ci-lock`;
  }

  /** The epoch the graph was last indexed under, or undefined for a graph never indexed. */
  private async epoch(): Promise<string | undefined> {
    return this.graph.read(async (tx) => {
      const r = await tx.run<{ epoch: string }>('MATCH (s:IndexEpoch {id: $id}) RETURN s.epoch AS epoch', {
        id: EPOCH_NODE,
      });
      return r.records[0]?.get('epoch');
    });
  }

  /**
   * Files these mentions under their keys and answers every key of theirs and of `read`: its count
   * and, below the generic count, its holders. The mentions must be committed in the graph first, so
   * that a rebuild running at the same moment cannot miss them.
   */
  async addAndRead(
    mentions: readonly IndexedMention[],
    read: readonly string[] = [],
  ): Promise<Map<string, KeyHolding>> {
    return this.run(mentions, read, readLimit);
  }

  /** Every key's count and, below the generic count, its holders, without filing anything. */
  async read(keys: readonly string[]): Promise<Map<string, KeyHolding>> {
    return this.run([], keys, readLimit);
  }

  /**
   * Files these mentions (committed in the graph) under their keys; idempotent. A bulk import's
   * thousands go in slices, so that no single script holds Redis for long.
   */
  async add(mentions: readonly IndexedMention[]): Promise<void> {
    for (let i = 0; i < mentions.length; i += ADD_SLICE) await this.run(mentions.slice(i, i + ADD_SLICE), [], () => 0);
  }

  private async run(
    mentions: readonly IndexedMention[],
    read: readonly string[],
    limitOf: (key: string) => number,
  ): Promise<Map<string, KeyHolding>> {
    const keys = [...new Set([...read, ...mentions.flatMap((m) => m.keys)])].sort();
    if (keys.length === 0) return new Map();
    const position = new Map(keys.map((k, i) => [k, i + 1]));
    const additions: string[] = [];
    for (const m of mentions) for (const key of m.keys) additions.push(String(position.get(key)), m.id);
    const reply = await this.withReadyIndex((epoch) =>
      this.redis.eval(
        ADD_AND_READ,
        keys.length + 1,
        `${this.root(epoch)}:ready`,
        ...keys.map((k) => this.setKey(epoch, k)),
        String(additions.length / 2),
        ...additions,
        ...keys.map((k) => String(limitOf(k))),
      ),
    );
    if (!Array.isArray(reply)) throw new Error('the candidate index answered something other than a list');
    const holdings = new Map<string, KeyHolding>();
    keys.forEach((key, i) => {
      const entry: unknown = reply[i];
      if (typeof entry === 'number') holdings.set(key, { count: entry, ids: [] });
      else if (isStringArray(entry)) holdings.set(key, { count: entry.length, ids: entry });
      else throw new Error(`the candidate index answered no holders for ${key}`);
    });
    return holdings;
  }

  /**
   * Takes mentions that are no longer in the graph off these keys: a withdrawn or amended report's,
   * or a candidate whose record could not be read (its retirement stopped short of the index).
   */
  async forget(stale: readonly IndexedMention[]): Promise<void> {
    if (stale.length === 0) return;
    const epoch = await this.epoch();
    if (epoch === undefined) return;
    const pipeline = this.redis.pipeline();
    for (const m of stale) for (const key of m.keys) pipeline.srem(this.setKey(epoch, key), m.id);
    await pipeline.exec();
  }

  /** Takes mentions that left the graph (their stored records) off their keys. */
  async forgetRecords(records: ReadonlyArray<{ id: string; record: string }>): Promise<void> {
    await this.forget(records.map((r) => ({ id: r.id, keys: this.keysOf(r.record) })));
  }

  /** The blocking keys of a mention's stored record, as the current code makes them. */
  private keysOf(record: string): string[] {
    return this.engine.blockingKeys(this.engine.prepare(readMatchRecord(record)));
  }

  /** Runs `work` against the graph's index, building it first when it is missing. */
  private async withReadyIndex<T>(work: (epoch: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const epoch = await this.epoch();
      if (epoch !== undefined) {
        try {
          return await work(epoch);
        } catch (error) {
          if (!(error instanceof Error && error.message.includes(NOT_READY)) || attempt >= 3) throw error;
        }
      }
      await this.ensure();
    }
  }

  /**
   * Makes sure the graph's epoch has a ready index: returns 'ready' when it had one, 'rebuilt' when this
   * process built it, 'waited' when another process did. Checked when a worker starts.
   */
  async ensure(): Promise<'ready' | 'rebuilt' | 'waited'> {
    for (let waited = false; ; waited = true) {
      const epoch = await this.epoch();
      if (epoch !== undefined && (await this.redis.exists(`${this.root(epoch)}:ready`)) === 1)
        return waited ? 'waited' : 'ready';
      const built = await this.underLock((token) => this.build(token));
      if (built !== undefined) return 'rebuilt';
      await sleep(this.options.pollMs);
    }
  }

  /**
   * Runs `work` holding the rebuild lock, or returns undefined at once when another process holds it.
   * An interrupted rebuild is run again.
   */
  private async underLock<T>(work: (token: string) => Promise<T>): Promise<T | undefined> {
    for (;;) {
      const token = randomUUID();
      if ((await this.redis.set(this.lockKey, token, 'PX', this.options.lockMs, 'NX')) !== 'OK') return undefined;
      try {
        return await work(token);
      } catch (error) {
        if (!(error instanceof RebuildInterrupted)) throw error;
      } finally {
        await this.redis.eval(RELEASE, 1, this.lockKey, token);
      }
    }
  }

  /**
   * Builds the index afresh under a new epoch (`lantern reindex`): for a Redis restarted empty, a graph
   * restored from a backup, or blocking keys whose builders changed. Mentions written while it runs
   * file themselves under the new epoch as soon as it is ready. Returns what it indexed.
   */
  async rebuild(onProgress?: (mentions: number) => void): Promise<{ epoch: string; mentions: number; keys: number }> {
    for (;;) {
      const built = await this.underLock((token) => this.build(token, onProgress));
      if (built !== undefined) return built;
      await sleep(this.options.pollMs);
    }
  }

  /**
   * The rebuild, under the lock. The new epoch is committed to the graph before the first page is
   * read: a mention committed after that reads the new epoch and files itself once the index is ready,
   * and one committed before is on a page.
   */
  private async build(
    token: string,
    onProgress?: (mentions: number) => void,
  ): Promise<{ epoch: string; mentions: number; keys: number }> {
    const epoch = randomUUID();
    await this.graph.write((tx) =>
      tx.run('MERGE (s:IndexEpoch {id: $id}) SET s.epoch = $epoch, s.startedAt = $now', {
        id: EPOCH_NODE,
        epoch,
        now: new Date().toISOString(),
      }),
    );
    let after = '';
    let mentions = 0;
    const keys = new Set<string>();
    for (;;) {
      const page = await this.graph.read(async (tx) => {
        const r = await tx.run<StoredRecordRow>(
          'MATCH (m:Mention) WHERE m.id > $after RETURN m.id AS id, m.record AS record ORDER BY m.id LIMIT $limit',
          { after, limit: neo4j.int(this.options.rebuildPage) },
        );
        return r.records.map((row) => row.toObject());
      });
      if (page.length === 0) break;
      const byKey = new Map<string, string[]>();
      for (const row of page)
        for (const key of this.keysOf(row.record)) {
          const holders = byKey.get(key);
          if (holders) holders.push(row.id);
          else byKey.set(key, [row.id]);
        }
      const pipeline = this.redis.pipeline();
      for (const [key, ids] of byKey) {
        pipeline.sadd(this.setKey(epoch, key), ...ids);
        keys.add(key);
      }
      await pipeline.exec();
      await this.renew(token);
      mentions += page.length;
      onProgress?.(mentions);
      after = page[page.length - 1]!.id;
    }
    await this.renew(token, `${this.root(epoch)}:ready`);
    await this.dropOtherEpochs(epoch);
    return { epoch, mentions, keys: keys.size };
  }

  private async renew(token: string, ready?: string): Promise<void> {
    const keys = ready ? [this.lockKey, ready] : [this.lockKey];
    const held = await this.redis.eval(
      RENEW,
      keys.length,
      ...keys,
      token,
      String(this.options.lockMs),
      new Date().toISOString(),
    );
    if (held !== 1) throw new RebuildInterrupted('the candidate index lost its rebuild lock (Redis restarted?)');
  }

  /** Deletes the sets of earlier epochs (SCAN over this prefix only: the Redis may be shared). */
  private async dropOtherEpochs(epoch: string): Promise<void> {
    const keep = `${this.root(epoch)}:`;
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}:ci:*`, 'COUNT', 1000);
      cursor = next;
      const old = found.filter((k) => !k.startsWith(keep));
      if (old.length > 0) await this.redis.unlink(...old);
    } while (cursor !== '0');
  }
}
