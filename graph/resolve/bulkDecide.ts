/**
 * The pair decisions of a bulk import, taken in memory on the graph's final state: what the streaming
 * resolver converges to once every report is in and every mention has been decided again (`redoAll`).
 *
 * Every input the graph resolver decides with is rebuilt here from the whole set of mentions, existing
 * and new: the holders of each blocking key (as the candidate index counts them), hence the same
 * candidates, the same support rule, the same cap and the same tie-break on mention ids
 * (`candidateSearch`); the generic values learned from the complete holders of each value
 * (`valueHolders`, `Resolver.genericValues`) and the
 * values recorded generic before; the name-token frequencies read from the graph after phase one (the
 * caller passes them, undefined below MIN_NAMES_FOR_GRAPH_FREQUENCIES as the graph resolver has it);
 * only like is compared (`Resolver.decidePair`); `decide` takes the same evidence.
 *
 * Where a candidate cap cuts one side of a pair and not the other, `redoAll` keeps the decision of the
 * side decided last (mentions in id order, REDO_BATCH at a time: deciding a mention again forgets its
 * earlier decisions first); the same rule is applied here, so that capped pairs come out as in streaming.
 *
 * Pure: no database. A pair whose mentions are already in one component is not scored (as the streaming
 * resolver skips candidates of its own entity): that changes no partition and no review entry, only how
 * many MATCHED edges explain an entity.
 */
import { isGenericKey, KeyIndex } from '../../matching/blocking';
import { builderOf } from '../../matching/blocking/generic';
import { GenericValueSet, genericAmong, valueKind } from '../../matching/cluster/genericValues';
import { UnionFind } from '../../matching/cluster/unionFind';
import type { PreparedRecord } from '../../matching/prepare';
import type { TermFrequencies } from '../../matching/types';
import type { ResolverEngine } from './engine';
import type { GenericFlip } from './genericKeys';
import type { MatchedEdge } from './pairDecisions';
import { decidedEdge, MIN_GROUPS_FOR_GENERIC, REDO_BATCH } from './resolver';

/** One mention of the graph as bulk resolution sees it. */
export interface BulkMention {
  id: string;
  prepared: PreparedRecord;
  /** Its blocking keys, each once (as `writeMentions` attaches them). */
  keys: readonly string[];
  /** New in this import (to be decided), or already in the graph and decided (a holder and candidate only). */
  fresh: boolean;
}

export interface BulkDecisionInput {
  mentions: readonly BulkMention[];
  /** Value keys the graph has recorded generic (BlockingKey.generic). */
  recordedGeneric: ReadonlySet<string>;
  /**
   * Holders of the fresh mentions' keys as the graph counts them, when `mentions` holds only the graph's
   * mentions that share a key with a fresh one (a small import into a large graph); counted from
   * `mentions` otherwise.
   */
  keyCounts?: ReadonlyMap<string, number>;
  tf: TermFrequencies | undefined;
  engine: ResolverEngine;
  cap: number;
  actor: string;
  /** Fresh mentions decided so far, every PROGRESS_EVERY. */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_EVERY = 1000;

export interface BulkDecisions {
  edges: MatchedEdge[];
  /** Value keys whose generic state differs from the recorded one. */
  flips: GenericFlip[];
  /** Mentions decided before this import that hold a flipped value: they are decided again afterwards. */
  redo: string[];
  /** Connected components of the fresh mentions through linked pairs (existing mentions included). */
  components: string[][];
  stats: { mentions: number; candidates: number; comparisons: number; capped: number };
}

const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export function decideBulk(input: BulkDecisionInput): BulkDecisions {
  const { engine } = input;
  const all = [...input.mentions].sort((p, q) => byText(p.id, q.id));
  const counts = new Map<string, number>();
  for (const m of all) for (const key of m.keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, n] of input.keyCounts ?? []) counts.set(key, n);
  const index = new KeyIndex(counts);
  all.forEach((m, i) => {
    index.add(i, m.keys);
  });
  const keySets = all.map((m) => new Set(m.keys));

  // Generic values: every value key of a fresh mention with at least MIN_GROUPS_FOR_GENERIC holders and
  // fewer than its builder's generic count, judged on all of its holders.
  const holders = new Map<string, number[]>();
  all.forEach((m, i) => {
    for (const key of m.keys) {
      if (valueKind(key) === undefined) continue;
      const list = holders.get(key);
      if (list) list.push(i);
      else holders.set(key, [i]);
    }
  });
  const judged = new Set<string>();
  for (const m of all) {
    if (!m.fresh) continue;
    for (const key of m.keys) {
      const n = counts.get(key) ?? 0;
      if (valueKind(key) !== undefined && n >= MIN_GROUPS_FOR_GENERIC && n < (builderOf(key)?.genericAt ?? Infinity))
        judged.add(key);
    }
  }
  const conflicts = new Map<string, boolean>();
  const conflicting = (x: number, y: number): boolean => {
    const key = x < y ? `${x}|${y}` : `${y}|${x}`;
    const known = conflicts.get(key);
    if (known !== undefined) return known;
    const result = engine.score(all[x]!.prepared, all[y]!.prepared).conflict !== null;
    conflicts.set(key, result);
    return result;
  };
  const generic = new Set<string>();
  const flips: GenericFlip[] = [];
  for (const key of [...judged].sort(byText)) {
    const held = holders.get(key) ?? [];
    const isGeneric = genericAmong(key, held, (i) => all[i]!.prepared.group ?? 'other', conflicting);
    if (isGeneric) generic.add(key);
    if (isGeneric !== input.recordedGeneric.has(key))
      flips.push({ key, generic: isGeneric, holders: held.map((i) => all[i]!.id) });
  }
  // Keys recorded generic whose holders the graph resolver would not read keep their recorded state.
  for (const key of input.recordedGeneric) if (!judged.has(key)) generic.add(key);
  const values = new GenericValueSet(generic);

  // The position at which `redoAll` would decide each fresh mention again.
  const freshIds = all.filter((m) => m.fresh).map((m) => m.id);
  const batchOf = new Map(freshIds.map((id, i) => [id, Math.floor(i / REDO_BATCH)]));

  const sets = new UnionFind();
  for (const _ of all) sets.add();
  const edges: MatchedEdge[] = [];
  const stats = { mentions: freshIds.length, candidates: 0, comparisons: 0, capped: 0 };
  let decided = 0;
  all.forEach((mine, i) => {
    if (!mine.fresh) return;
    decided += 1;
    if (decided % PROGRESS_EVERY === 0) input.onProgress?.(decided, freshIds.length);
    const found = index.candidates(mine.keys, input.cap + 2).filter((c) => c.id !== i);
    if (found.length > input.cap) {
      stats.capped += 1;
      found.length = input.cap;
    }
    stats.candidates += found.length;
    const myBatch = batchOf.get(mine.id)!;
    for (const { id: j } of found) {
      const theirs = all[j]!;
      // A fresh candidate decided again after this mention has the last word on the pair (see above).
      if (theirs.fresh && batchOf.get(theirs.id)! > myBatch) continue;
      if (sets.find(i) === sets.find(j)) continue;
      if (mine.prepared.group !== theirs.prepared.group) continue;
      stats.comparisons += 1;
      const result = engine.score(mine.prepared, theirs.prepared, input.tf, values);
      const theirKeys = keySets[j]!;
      const sharedStrong = [...mine.keys]
        .filter((k) => theirKeys.has(k) && !isGenericKey(k, counts.get(k) ?? 0))
        .sort(byText)
        .find((k) => engine.isStrongKey(k) && !values.isGeneric(k));
      const edge = decidedEdge(mine.id, theirs.id, result, sharedStrong, engine.thresholds, input.actor);
      if (!edge) continue;
      if (edge.outcome === 'link') sets.union(i, j);
      edges.push(edge);
    }
  });

  const groups = new Map<number, string[]>();
  all.forEach((m, i) => {
    const root = sets.find(i);
    const group = groups.get(root);
    if (group) group.push(m.id);
    else groups.set(root, [m.id]);
  });
  const components = [...groups.values()].filter((g) => g.some((id) => batchOf.has(id)));
  const freshSet = new Set(freshIds);
  const redo = [...new Set(flips.flatMap((f) => f.holders))].filter((id) => !freshSet.has(id)).sort(byText);
  return { edges, flips, redo, components, stats };
}
