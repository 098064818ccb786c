/**
 * MinHash with locality-sensitive banding over character n-grams: two names whose n-gram sets have
 * Jaccard similarity s share at least one band with probability 1 - (1 - s^rows)^bands, so a typo'd
 * name still meets its original while unrelated names rarely do.
 */
export interface LshParams {
  bands: number;
  rows: number;
  /** n-gram length; tokens are padded so that first and last letters count. */
  gram: number;
}

/**
 * MurmurHash3's finaliser: spreads every input bit over the output, so seeded variants look
 * independent. Signed 32-bit throughout, which V8 keeps unboxed, and defined in this module because
 * the inner loop runs hundreds of times per name: a cross-module call halves its speed under tsx.
 * Keys are stored in the graph, so everything here is deterministic: fixed seeds, no Math.random.
 */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

const hex32 = (value: number): string => (value >>> 0).toString(16).padStart(8, '0');

/** One fixed seed per hash function, derived from the golden ratio so that they are spread out. */
const seedFor = (index: number): number => mix32(Math.imul(index + 1, 0x9e3779b9));
const MAX_HASHES = 64;
const SEEDS = Int32Array.from({ length: MAX_HASHES }, (_, i) => seedFor(i));
const PAD = 0x23; // '#'

/** FNV-1a of `length` code units of `text` from `start`, with the padding character outside it. */
function gramHash(text: string, start: number, length: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < start + length; i += 1) {
    hash ^= i < 0 || i >= text.length ? PAD : text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/**
 * MinHash signature of the padded n-grams of each token (per token, so word order does not matter).
 * A repeated gram changes no minimum, so grams need no de-duplication.
 */
export function signature(tokens: readonly string[], size: number, gram: number): Int32Array {
  if (size > MAX_HASHES) throw new Error(`at most ${MAX_HASHES} hash functions`);
  const mins = new Int32Array(size).fill(0x7fffffff);
  for (const token of tokens) {
    // Padded token "#tok#" spans indices -1 .. length; a token shorter than a gram is one gram.
    const last = Math.max(token.length + 1 - gram, -1);
    for (let start = -1; start <= last; start += 1) {
      const base = gramHash(token, start, Math.min(gram, token.length + 2));
      for (let i = 0; i < size; i += 1) {
        const value = mix32(base ^ (SEEDS[i] as number));
        if (value < (mins[i] as number)) mins[i] = value;
      }
    }
  }
  return mins;
}

/** Band keys `band:hash`, one per band; empty when there are no tokens. */
export function lshBands(tokens: readonly string[], params: LshParams): string[] {
  if (tokens.every((t) => t.length === 0)) return [];
  const sig = signature(tokens, params.bands * params.rows, params.gram);
  const keys: string[] = [];
  for (let band = 0; band < params.bands; band += 1) {
    let hash = SEEDS[band] as number;
    for (let row = 0; row < params.rows; row += 1) hash = mix32(hash ^ (sig[band * params.rows + row] as number));
    keys.push(`${band}:${hex32(hash)}`);
  }
  return keys;
}
