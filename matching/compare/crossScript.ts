/**
 * Comparison of a name written in another script with a name written in Latin letters. The
 * romanisation of the first is compared as a transcription (compare/transcription.ts), not as a
 * typed spelling: a one-letter difference between "pytvb" and Pyatakov is not a typing slip.
 *
 * Syllabic scripts give one token per syllable (ba ke si, ma sa ji) where the Latin name writes one
 * word, so consecutive tokens of the romanised name are also read joined; a run that agrees with a
 * Latin token becomes one token of the comparison.
 */

import type { Script } from '../normalize/script';
import { prepareToken } from '../prepare';
import type { PreparedName, PreparedToken } from '../prepared';
import type { LevelMatrix } from './alignment';
import type { TokenLevel } from './tokens';
import {
  latinUnits,
  nonRhotic,
  scriptUnits,
  type TranscribedScript,
  type TranscriptionAgreement,
  transcriptionAgreement,
  type Unit,
} from './transcription';

const TRANSCRIBED: ReadonlySet<Script> = new Set<Script>(['Arabic', 'Hebrew', 'Cyrillic', 'Han', 'Hangul', 'Kana']);

/** The one non-Latin script a name is written in, when this module reads it. */
export function transcribedScript(name: PreparedName): TranscribedScript | undefined {
  const scripts = name.normalized.scripts;
  const script = scripts[0];
  return scripts.length === 1 && script && TRANSCRIBED.has(script) ? (script as TranscribedScript) : undefined;
}

const isLatin = (name: PreparedName): boolean => name.normalized.scripts.every((s) => s === 'Latin');

/** Unit sequences depend on one spelling only and recur across comparisons; emptied when full. */
const CACHE_CAPACITY = 50_000;
const SCRIPT_UNITS = new Map<string, Unit[][]>();
const LATIN_UNITS = new Map<string, Unit[]>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = make();
  if (cache.size >= CACHE_CAPACITY) cache.clear();
  cache.set(key, value);
  return value;
}

const readingsOf = (texts: readonly string[], script: TranscribedScript): Unit[][] =>
  cached(SCRIPT_UNITS, `${script}\u0000${texts.join(' ')}`, () => scriptUnits(texts, script));

const latinOf = (text: string, script: TranscribedScript): Unit[] =>
  cached(LATIN_UNITS, `${nonRhotic(script) ? 1 : 0}${text}`, () => latinUnits(text, nonRhotic(script)));

/** Longest run of romanised tokens read as one word (a transcribed foreign name rarely has more syllables). */
const MAX_SYLLABLES = 8;

/**
 * Levels at which the token ladder says two spellings are close, not the same: across scripts the
 * transcription decides.
 */
const SPELLING_LEVELS: ReadonlySet<TokenLevel> = new Set<TokenLevel>(['transliteration', 'phonetic', 'typo', 'prefix']);

function mergedToken(tokens: readonly PreparedToken[]): PreparedToken {
  return tokens.length === 1 ? tokens[0]! : prepareToken(tokens.map((t) => t.text).join(''), tokens[0]!.vowels);
}

/** Scripts whose romanised tokens are syllables, never words of the name's language. */
const SYLLABIC: ReadonlySet<TranscribedScript> = new Set<TranscribedScript>(['Han', 'Hangul', 'Kana']);

const SYLLABLE_TOKENS = new WeakMap<PreparedName, PreparedToken[]>();

/**
 * The tokens of a romanised name. A syllable that happens to spell a particle of a Latin-script
 * language (di, la, de, bin) is no particle in Chinese, Korean or Japanese: it is kept.
 */
function foreignTokens(name: PreparedName, script: TranscribedScript): PreparedToken[] {
  if (!SYLLABIC.has(script) || name.normalized.roles.every((r) => r === 'name')) return name.tokens;
  let tokens = SYLLABLE_TOKENS.get(name);
  if (tokens) return tokens;
  let k = 0;
  tokens = name.normalized.tokens.map((text, i) =>
    name.normalized.roles[i] === 'name' && name.tokens[k]?.text === text
      ? name.tokens[k++]!
      : prepareToken(text, name.normalized.vowels),
  );
  SYLLABLE_TOKENS.set(name, tokens);
  return tokens;
}

export interface CrossScriptTokens {
  tokensA: PreparedToken[];
  tokensB: PreparedToken[];
  levels: LevelMatrix;
}

/**
 * Tokens and levels for a name in a transcribed script against a Latin name, or undefined when the
 * pair is not of that kind. Runs of the romanised name that agree with a Latin token are taken
 * longest first; every other pair keeps the token ladder's level, except that a merely close
 * spelling that the transcription rejects is a near miss.
 */
export function crossScriptTokens(
  a: PreparedName,
  b: PreparedName,
  baseLevel: (x: PreparedToken, y: PreparedToken) => TokenLevel,
): CrossScriptTokens | undefined {
  const scriptA = transcribedScript(a);
  const scriptB = transcribedScript(b);
  const script = scriptA ?? scriptB;
  if (!script || (scriptA && !isLatin(b)) || (scriptB && !isLatin(a))) return undefined;
  const foreign = foreignTokens(scriptA ? a : b, script);
  const latin = scriptA ? b.tokens : a.tokens;
  if (foreign.length === 0 || latin.length === 0) return undefined;

  const agreement = (start: number, length: number, j: number): TranscriptionAgreement | undefined =>
    transcriptionAgreement(
      readingsOf(
        foreign.slice(start, start + length).map((t) => t.text),
        script,
      ),
      latinOf(latin[j]!.text, script),
      script,
    );
  const agrees = (start: number, length: number, j: number): boolean => agreement(start, length, j) !== undefined;
  /** Every sound unit corresponding is the same name in two scripts; a close alignment is a transliteration. */
  const levelOf = (found: TranscriptionAgreement): TokenLevel =>
    found === 'full' ? 'transcription' : 'transliteration';

  const usedForeign = new Set<number>();
  const runOf = new Map<number, { start: number; length: number; level: TokenLevel }>();
  for (let length = Math.min(MAX_SYLLABLES, foreign.length); length >= 2; length -= 1) {
    for (let start = 0; start + length <= foreign.length; start += 1) {
      if ([...Array(length).keys()].some((k) => usedForeign.has(start + k))) continue;
      const j = latin.findIndex((_, k) => !runOf.has(k) && agrees(start, length, k));
      if (j < 0) continue;
      runOf.set(j, { start, length, level: levelOf(agreement(start, length, j)!) });
      for (let k = 0; k < length; k += 1) usedForeign.add(start + k);
    }
  }
  // The romanised name's tokens in order, runs merged; each remembers the Latin token it agreed with.
  const merged: Array<{ token: PreparedToken; original?: PreparedToken; partner?: number; partnerLevel?: TokenLevel }> =
    [];
  const runStarts = new Map([...runOf.entries()].map(([j, run]) => [run.start, { j, run }]));
  for (let i = 0; i < foreign.length; ) {
    const run = runStarts.get(i);
    if (run) {
      merged.push({
        token: mergedToken(foreign.slice(i, i + run.run.length)),
        partner: run.j,
        partnerLevel: run.run.level,
      });
      i += run.run.length;
    } else {
      merged.push({ token: foreign[i]!, original: foreign[i]! });
      i += 1;
    }
  }
  const level = (m: (typeof merged)[number], j: number): TokenLevel => {
    if (m.partner !== undefined) return m.partner === j ? m.partnerLevel! : 'different';
    const base = baseLevel(m.original!, latin[j]!);
    if (base === 'exact' || base === 'alias' || base === 'initial') return base;
    const found = agreement(foreign.indexOf(m.original!), 1, j);
    if (found) return levelOf(found);
    return SPELLING_LEVELS.has(base) ? 'near' : base;
  };
  const matrix = merged.map((m) => latin.map((_, j) => level(m, j)));
  // A syllabic script writes a foreign name as one word: a run whose neighbouring syllables agree with
  // no Latin token may be only part of that word (Lind / 린드크비스트 Lindqvist), so it is close, not the same name.
  const unmatched = (i: number): boolean =>
    i >= 0 &&
    i < merged.length &&
    merged[i]!.partner === undefined &&
    matrix[i]!.every((l) => l === 'near' || l === 'different');
  merged.forEach((m, i) => {
    if (m.partnerLevel === 'transcription' && (unmatched(i - 1) || unmatched(i + 1)))
      matrix[i]![m.partner!] = 'transliteration';
  });
  const tokens = merged.map((m) => m.token);
  if (scriptA) return { tokensA: tokens, tokensB: [...latin], levels: matrix };
  return { tokensA: [...latin], tokensB: tokens, levels: latin.map((_, j) => merged.map((_, i) => matrix[i]![j]!)) };
}
