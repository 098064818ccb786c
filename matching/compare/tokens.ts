/**
 * Comparison of two name tokens, as an ordered ladder of levels: the first that holds is the result.
 * Each level names what an analyst would see ("Scholz" / "Scholze" is a typo, "Somchai" / "Somchay"
 * a romanisation variant, "Bill" / "William" a nickname).
 */

import type { PreparedToken } from '../prepared';
import { aliasKind, diminutiveKey } from './aliases';
import { TokenPairCache } from './pairCache';
import { jaroWinklerSimilarity, typingDistance } from './strings';

export type TokenLevel =
  | 'exact'
  | 'alias'
  | 'transcription'
  | 'transliteration'
  | 'phonetic'
  | 'typo'
  | 'prefix'
  | 'acronym'
  | 'initial'
  | 'near'
  | 'different';

/** Similarity of each level, used to rank candidate pairs during alignment. */
export const TOKEN_LEVEL_SIMILARITY: Readonly<Record<TokenLevel, number>> = {
  exact: 1,
  alias: 0.95,
  transcription: 0.94,
  transliteration: 0.93,
  phonetic: 0.92,
  typo: 0.88,
  prefix: 0.75,
  acronym: 0.72,
  initial: 0.7,
  near: 0.5,
  different: 0,
};

/** Class of one vowel group: i-like (i, y, ee), o-like (o, u) or a-like (a, e). */
const vowelClass = (group: string): string => (/[iy]|ee/u.test(group) ? 'i' : /[ou]/u.test(group) ? 'o' : 'a');

/**
 * The vowels of a word as classes, one per vowel group, a silent final e dropped: Scholz and
 * Schulze are both "o", Boonmee "oi" and Boonma "oa".
 */
function vowelSignature(text: string): string {
  const groups = text.replace(/(?<=[^aeiouy])e$/u, '').match(/[aeiouy]+/gu) ?? [];
  return groups.map(vowelClass).join('');
}

/**
 * Same sound: equal SEA keys or name sound keys, or a shared Double Metaphone code with the same
 * vowels. Metaphone ignores vowels, and names that differ only in vowels are different names in most languages of the
 * region (Boonmee / Boonma, Tom / Tim), so vowels must agree by class; short words are left to the
 * typo comparison.
 */
export function phoneticMatch(a: PreparedToken, b: PreparedToken): boolean {
  if ((a.sea.length >= 2 && a.sea === b.sea) || sameNameSound(a, b)) return true;
  if (Math.min(a.text.length, b.text.length) < 5) return false;
  const [a1, a2] = a.metaphone;
  const [b1, b2] = b.metaphone;
  const shared = a1 !== '' && (a1 === b1 || a1 === b2 || (a2 !== '' && (a2 === b1 || a2 === b2)));
  return shared && vowelSignature(a.text) === vowelSignature(b.text);
}

/**
 * One name in one sound class: the same text, a known alias, consonants that agree where one side's
 * vowels are unreliable, or the same name sound key (Chaiyot / Chaiyos, Kaeo / Kaew). A typo, a SEA
 * key that also joins Thai -ng and -n or r and l, or a Double Metaphone code shared across different
 * vowels is only a near spelling: enough beside other agreeing parts of a name, not on its own.
 */
export function sameSoundClass(a: PreparedToken, b: PreparedToken): boolean {
  const level = compareTokens(a, b);
  return level === 'exact' || level === 'alias' || level === 'transliteration' || sameNameSound(a, b);
}

function sameNameSound(a: PreparedToken, b: PreparedToken): boolean {
  return a.soundKey.length >= 3 && a.soundKey === b.soundKey;
}

/** Two adjacent letters swapped (Marcon / Macron): a keyboard slip that writes no other letter. */
export function swappedLetters(a: string, b: string): boolean {
  return (
    a.length === b.length && a !== b && typingDistance(a, b) === 1 && [...a].sort().join('') === [...b].sort().join('')
  );
}

/** A single letter standing for the other token (A. / Ali). */
export function initialMatch(a: PreparedToken, b: PreparedToken): boolean {
  return (a.initial || b.initial) && a.text[0] === b.text[0];
}

/**
 * When one side's vowels are unreliable, the consonants decide: wholly for a script without written
 * vowels (محمد "mhmd" / Mohammed), and for scripts with implicit vowels (Thai สยามทอง "sayamthong" /
 * Siamthong) only when the spellings are also close, since their written vowels do distinguish names.
 */
function transliterationLevel(a: PreparedToken, b: PreparedToken): TokenLevel | undefined {
  if (a.vowels === 'written' && b.vowels === 'written') return undefined;
  if (a.vowels !== 'unwritten' && b.vowels !== 'unwritten' && jaroWinklerSimilarity(a.text, b.text) < 0.75)
    return undefined;
  if (a.skeleton.length >= 2 && a.skeleton === b.skeleton) return 'transliteration';
  const shorter = Math.min(a.skeleton.length, b.skeleton.length);
  return shorter >= 3 && typingDistance(a.skeleton, b.skeleton) === 1 ? 'typo' : undefined;
}

/** Slavic patronymic endings: Oleksandr is not Oleksandrovych (the father's name is not the man's). */
const PATRONYMIC_ENDING =
  /^(?:y?[oe]vi[cč]h?|y?[oe]vych|y?[oe]vna|ivna|i[cč]h?|ovic|evic|ovi[cč]|ovna|inichna|ichna)$/u;

/**
 * A shortened form: a prefix (Alex / Alexander), or an abbreviation keeping the first and last
 * letters and some in between, in order (Intl / International, Mgmt / Management).
 */
function shortenedForm(short: string, long: string): boolean {
  if (short.length < 3 || short.length >= long.length) return false;
  if (long.startsWith(short)) return !PATRONYMIC_ENDING.test(long.slice(short.length));
  if (short[0] !== long[0] || short[short.length - 1] !== long[long.length - 1] || short.length > 0.6 * long.length)
    return false;
  let k = 0;
  for (const ch of long) if (ch === short[k]) k += 1;
  return k === short.length;
}

/** Doubled consonants written single (doubled vowels are a different sound in the region: ee / e). */
const undouble = (text: string): string => text.replace(/([b-df-hj-np-tv-z])\1+/gu, '$1');

/**
 * Latvian puts a man's name in the nominative by adding -s to its final consonant (Sergejs, Andrejs,
 * Lavrovs): that s is the grammar of the language the name was written in, not a slip, so the rest
 * is compared as the name, one slip allowed as between any two spellings.
 */
function latvianNominative(a: string, b: string): boolean {
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return (
    /[b-df-hj-np-tv-z]s$/u.test(long) &&
    long.length === short.length + 1 &&
    short.length >= 5 &&
    long[0] === short[0] &&
    typingDistance(long.slice(0, -1), short) === 1
  );
}

function typoLevel(a: string, b: string): TokenLevel | undefined {
  if (latvianNominative(a, b)) return 'typo';
  const shorter = Math.min(a.length, b.length);
  // A doubled consonant is the commonest spelling difference (Allen / Alan), and the endings -ie, -ey
  // and -y of English pet forms are one sound (Corrie / Cory, Eddie / Eddy): they cost nothing here.
  const d = Math.min(
    typingDistance(a, b),
    typingDistance(undouble(a), undouble(b)),
    typingDistance(undouble(diminutiveKey(a)), undouble(diminutiveKey(b))),
  );
  // Slips rarely touch the first letter; in the short syllable names of the region a different first
  // letter makes a different name (Hung / Dung, Minh / Linh). Two slips need a long word.
  const sameStart = a[0] === b[0];
  if ((d <= 1 && shorter >= 4 && (sameStart || shorter > 5)) || (d === 2 && shorter >= 7 && sameStart)) return 'typo';
  if (a.length < b.length ? shortenedForm(a, b) : shortenedForm(b, a)) return 'prefix';
  if ((d <= 2 && shorter >= 3) || (d === 1 && shorter >= 2)) return 'near';
  return jaroWinklerSimilarity(a, b) >= 0.85 ? 'near' : undefined;
}

/**
 * A token's comparison depends only on its text, how its vowels were written and whether it is a
 * syllable, which is what a token's number stands for (matching/prepare.ts).
 */
const LEVELS = new TokenPairCache<TokenLevel>(tokenLevel);

export function compareTokens(a: PreparedToken, b: PreparedToken): TokenLevel {
  return a.text === b.text ? 'exact' : LEVELS.get(a, b);
}

function tokenLevel(a: PreparedToken, b: PreparedToken): TokenLevel {
  if (a.syllabic && b.syllabic) return 'different';
  if (a.initial || b.initial) return initialMatch(a, b) ? 'initial' : 'different';
  if (aliasKind(a.text, b.text)) return 'alias';
  return (
    transliterationLevel(a, b) ??
    (phoneticMatch(a, b) ? 'phonetic' : undefined) ??
    typoLevel(a.text, b.text) ??
    'different'
  );
}
