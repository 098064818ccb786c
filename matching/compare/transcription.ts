/**
 * Does a name romanised from another script spell the same sounds as a name written in Latin letters?
 *
 * Both spellings are read as a sequence of sound units: consonants, each standing for the set of
 * sounds its letters can write, and vowel groups. The romanised side is read with the conventions of
 * its script: Arabic and Hebrew leave vowels unwritten (their vowel letters may be consonants too);
 * Japanese, Korean and Chinese transcriptions add a vowel after a consonant that has none in the
 * original (Robert -> robaato, Blix -> bulikesi) and drop an r after a vowel, as the non-rhotic
 * pronunciation they follow does. Two spellings agree when an alignment of their units needs no
 * consonant that the other cannot write, and at most a vowel or two of a different quality (see
 * TRANSCRIPTION_MAX_COST). The agreement is strict on consonants on purpose: the most similar other
 * name in a list typically differs in one consonant.
 */
import { TRANSCRIPTION_MAX_COST, TRANSCRIPTION_MIN_CONSONANTS } from '../config';
import { revisedFamilyReading } from '../normalize/transliterate/hangul';

/** Scripts whose romanisations this module reads. */
export type TranscribedScript = 'Arabic' | 'Hebrew' | 'Cyrillic' | 'Han' | 'Hangul' | 'Kana';

const SOUNDS = [
  'b',
  'p',
  'f',
  'v',
  'w',
  'm',
  'n',
  't',
  'd',
  's',
  'z',
  'sh',
  'zh',
  'ch',
  'j',
  'k',
  'g',
  'h',
  'kh',
  'l',
  'r',
  'y',
  'th',
  'ts',
] as const;
const VOWELS = ['a', 'e', 'i', 'o', 'u'] as const;
type Sound = (typeof SOUNDS)[number] | (typeof VOWELS)[number];

const BIT: Readonly<Record<string, number>> = Object.fromEntries([...SOUNDS, ...VOWELS].map((s, i) => [s, 1 << i]));

const CONSONANT_MASK = SOUNDS.reduce((m, s) => m | BIT[s]!, 0);

const mask = (sounds: string): number => sounds.split(' ').reduce((m, s) => m | BIT[s as Sound]!, 0);

/** One sound unit. A glide (y, w) carries consonant and vowel bits and may always be left out. */
export interface Unit {
  mask: number;
  vowel: boolean;
  optional: boolean;
  /** A vowel that a syllabic script adds after a lone consonant: optional unless a vowel follows. */
  epenthetic?: boolean;
}

const consonant = (sounds: string, optional = false): Unit => ({ mask: mask(sounds), vowel: false, optional });
const vowelUnit = (sounds: string, optional = false, epenthetic = false): Unit => ({
  mask: mask(sounds),
  vowel: true,
  optional,
  epenthetic,
});
const glide = (sounds: string): Unit => ({ mask: mask(sounds), vowel: false, optional: true });

/** Consecutive vowel letters are one unit: the sounds of any of its letters. */
function vowelGroup(letters: string, masks: Readonly<Record<string, string>>, optional = false): Unit {
  const sounds = [...letters]
    .map((ch) => masks[ch] ?? '')
    .join(' ')
    .trim();
  return vowelUnit(sounds, optional);
}

/**
 * Epenthetic vowels count only before a vowel; a consonant written again right after itself (a
 * geminate, or Korean l-r, or Chinese -n n-) is one sound.
 */
function finish(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  let previous: Unit | undefined;
  units.forEach((unit, i) => {
    let u = unit;
    if (u.epenthetic) {
      const next = units.slice(i + 1).find((n) => !n.optional || !n.vowel);
      if (!next || (!next.vowel && next.mask !== 0)) u = { ...u, optional: true };
    }
    if (!u.vowel && !u.optional && previous && !previous.vowel && (previous.mask & u.mask) !== 0)
      u = { ...u, optional: true };
    if (!u.optional || !u.vowel) previous = u.optional ? previous : u;
    if (u.vowel && !u.optional) previous = undefined;
    out.push(u);
  });
  return out;
}

// ---- Latin spellings ------------------------------------------------------------------------------

const LATIN_VOWELS: Readonly<Record<string, string>> = {
  a: 'a e o',
  e: 'e i a',
  i: 'i e',
  o: 'o u a',
  u: 'u o a',
  y: 'i e',
};
const isVowelLetter = (ch: string | undefined): boolean => ch !== undefined && 'aeiou'.includes(ch);
const FRONT = (ch: string | undefined): boolean => ch !== undefined && 'eiy'.includes(ch);

/**
 * A Latin spelling as sound units. Letters stand for every sound they write in the languages names
 * come from (c: k, s, ts, č folded to c; j: j, y, zh, Spanish h), since the other side's
 * romanisation followed the name's pronunciation, not English spelling.
 */
export function latinUnits(text: string, nonRhotic: boolean): Unit[] {
  const t = text.replace(/[^a-z]/gu, '').replace(/([b-df-hj-np-tv-z])\1+/gu, '$1');
  const units: Unit[] = [];
  let i = 0;
  const at = (k: number): string | undefined => t[k];
  while (i < t.length) {
    const ch = t[i]!;
    const rest = t.slice(i);
    const vowelBefore = isVowelLetter(at(i - 1)) || (at(i - 1) === 'y' && i > 1);
    if (ch === 'y' && (isVowelLetter(at(i + 1)) || (i === t.length - 1 && vowelBefore))) {
      units.push(glide('y i e j'));
      i += 1;
      continue;
    }
    if (isVowelLetter(ch) || ch === 'y') {
      let end = i;
      while (end < t.length && (isVowelLetter(t[end]) || (t[end] === 'y' && !isVowelLetter(t[end + 1])))) end += 1;
      const letters = t.slice(i, end);
      // A final e after a consonant is silent in English and French spellings.
      const silent = letters === 'e' && end === t.length && i > 0;
      units.push(vowelGroup(letters, LATIN_VOWELS, silent));
      i = end;
      continue;
    }
    const next = at(i + 1);
    const endOrConsonant = next === undefined || !(isVowelLetter(next) || next === 'y');
    const match = (prefix: string): boolean => rest.startsWith(prefix);
    let take = 1;
    let unit: Unit;
    if (match('tsch')) [take, unit] = [4, consonant('ch')];
    else if (match('sch')) [take, unit] = [3, consonant('sh s')];
    else if (match('tch')) [take, unit] = [3, consonant('ch')];
    else if (match('dzh') || match('dzs')) [take, unit] = [3, consonant('j')];
    else if (match('dj') || match('dz')) [take, unit] = [2, consonant('j z ts')];
    else if (match('ch')) [take, unit] = [2, consonant('ch k sh kh')];
    else if (match('sh')) [take, unit] = [2, consonant('sh')];
    else if (match('sz')) [take, unit] = [2, consonant('sh s')];
    else if (match('wh')) [take, unit] = [2, consonant('w v')];
    else if (match('zh')) [take, unit] = [2, consonant('zh j')];
    else if (match('kh')) [take, unit] = [2, consonant('kh h k')];
    else if (match('gh')) [take, unit] = [2, i === 0 ? consonant('g') : consonant('g kh h', true)];
    else if (match('ph')) [take, unit] = [2, consonant('f p')];
    else if (match('th')) [take, unit] = [2, consonant('th t')];
    else if (match('ck')) [take, unit] = [2, consonant('k')];
    else if (match('qu') && FRONT(at(i + 2)))
      [take, unit] = [2, consonant('k')]; // Romance qu before e, i: the u is silent
    else if (match('dh')) [take, unit] = [2, consonant('d th z')];
    else if (match('dt')) [take, unit] = [2, consonant('t d')];
    else if (match('cz')) [take, unit] = [2, consonant('ch ts')];
    else if (match('ts') || match('tz')) [take, unit] = [2, consonant('ts')];
    else if (ch === 'x' && i === 0) unit = consonant('s sh z');
    else if (ch === 'x') {
      units.push(consonant('k g'));
      unit = consonant('s z');
    } else if (ch === 'c') unit = FRONT(next) ? consonant('s ts ch') : consonant('k ts ch');
    else if (ch === 'g') unit = FRONT(next) ? consonant('g j zh h') : consonant('g');
    else if (ch === 'h') unit = consonant('h', vowelBefore && endOrConsonant);
    else if (ch === 'r') unit = consonant('r', nonRhotic && vowelBefore && endOrConsonant);
    else if (ch === 'w') unit = vowelBefore ? glide('w v u o') : consonant('w v');
    else if (next === undefined && FINAL_DEVOICED[ch]) unit = consonant(FINAL_DEVOICED[ch]!);
    else unit = consonant(LATIN_CONSONANTS[ch] ?? ch);
    units.push(unit);
    i += take;
  }
  return finish(units);
}

/** German, Dutch and Slavic names end in a voiceless sound whatever the letter (Schmidt, Ortlieb). */
const FINAL_DEVOICED: Readonly<Record<string, string>> = { b: 'b p', d: 'd t', g: 'g k', v: 'v f', z: 'z s ts' };

const LATIN_CONSONANTS: Readonly<Record<string, string>> = {
  b: 'b',
  d: 'd',
  f: 'f',
  j: 'j y zh h',
  k: 'k',
  l: 'l',
  m: 'm',
  n: 'n',
  p: 'p',
  q: 'k',
  s: 's z sh',
  t: 't',
  v: 'v w',
  z: 'z s ts zh',
};

// ---- Scripts ---------------------------------------------------------------------------------------

/** Reads a romanisation by longest match against a table of letter groups. */
function readTable(text: string, table: Readonly<Record<string, () => Unit>>, longest: number): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < text.length) {
    let k = Math.min(longest, text.length - i);
    for (; k > 0; k -= 1) {
      const make = table[text.slice(i, i + k)];
      if (make) {
        units.push(make());
        break;
      }
    }
    i += Math.max(1, k);
  }
  return units;
}

/**
 * Arabic and Hebrew: consonants with the sounds they stand for in names (ب b, and p and v in foreign
 * names; ק and כ k, c, q; ש sh or s); Hebrew vav and yod may be consonants, vowels or nothing, a final
 * he or ta marbuta is a vowel or nothing; all vowels of the Latin side are free, since short vowels
 * are unwritten. Arabic writes a foreign name's long vowels, and t+sh for ch.
 */
const ABJAD: Readonly<Record<string, () => Unit>> = {
  b: () => consonant('b p v'),
  t: () => consonant('t th'),
  th: () => consonant('th t s'),
  j: () => consonant('j g zh'),
  h: () => consonant('h'),
  kh: () => consonant('kh h k ch'),
  d: () => consonant('d th'),
  dh: () => consonant('th d z'),
  r: () => consonant('r'),
  z: () => consonant('z s ts'),
  s: () => consonant('s z ts'),
  sh: () => consonant('sh ch s'),
  gh: () => consonant('g kh r'),
  f: () => consonant('f v p'),
  q: () => consonant('k g'),
  k: () => consonant('k g kh ch'),
  l: () => consonant('l'),
  m: () => consonant('m'),
  n: () => consonant('n'),
  p: () => consonant('p f b'),
  g: () => consonant('g j k'),
  ch: () => consonant('ch sh'),
  zh: () => consonant('zh j'),
  ts: () => consonant('ts z ch s'),
  w: () => glide('w v u o'),
  v: () => ({ mask: mask('v w b u o'), vowel: false, optional: true }),
  y: () => glide('y j i e'),
  // Alif, waw and ya inside a word: long vowels, which a transcription writes (waw and ya may also be w, y).
  a: () => vowelUnit('a e o'),
  i: () => vowelUnit('i e y j'),
  u: () => vowelUnit('u o w v'),
  e: () => vowelUnit('e i a'),
  o: () => vowelUnit('o u'),
};

const ARABIC: Readonly<Record<string, () => Unit>> = { ...ABJAD, tsh: () => consonant('ch ts') };

/** Hebrew has no letters for th, dh, gh, zh or ch: in its romanisation those are two letters (ט + ה). */
const HEBREW: Readonly<Record<string, () => Unit>> = Object.fromEntries(
  Object.entries(ABJAD).filter(([letters]) => !['th', 'dh', 'gh', 'zh', 'ch'].includes(letters)),
);

/** A final he or ta marbuta writes the final vowel (-a, -ah, -eh), or nothing. */
const finalHe = (): Unit => ({ mask: mask('h a e'), vowel: false, optional: true });

/**
 * The readings of an abjad romanisation. A final h is a final he; when it also closes a digraph
 * (kh, sh, th: خ or ك + ه), both readings are possible, since the romanisation no longer tells.
 */
function abjadUnits(text: string, script: 'Arabic' | 'Hebrew'): Unit[][] {
  const [table, longest] = script === 'Arabic' ? [ARABIC, 3] : [HEBREW, 2];
  if (!text.endsWith('h')) return [finish(readTable(text, table, longest))];
  const withHe = finish([...readTable(text.slice(0, -1), table, longest), finalHe()]);
  const digraph = [2, 3].some((k) => k <= longest && text.length >= k && table[text.slice(-k)] !== undefined);
  return digraph ? [finish(readTable(text, table, longest)), withHe] : [withHe];
}

const CYRILLIC_VOWELS: Readonly<Record<string, string>> = { a: 'a o', e: 'e i a', i: 'i e', o: 'o a u', u: 'u o' };

/**
 * Cyrillic (romanised letter by letter, BGN-like): vowels are written, so they count; the
 * iotated vowels (ya/ia/ja, yu/iu), й (-iy/-y/-ij) and the y of ye may be written or not.
 */
function cyrillicUnits(text: string): Unit[] {
  const table: Readonly<Record<string, () => Unit>> = {
    shch: () => consonant('sh ch'),
    zh: () => consonant('zh j g sh'),
    kh: () => consonant('kh h ch k'),
    ts: () => consonant('ts'),
    ch: () => consonant('ch ts'),
    sh: () => consonant('sh s ch'),
    dzh: () => consonant('j g'),
    dz: () => consonant('z j ts'),
    b: () => consonant('b'),
    v: () => consonant('v w f'),
    g: () => consonant('g h'),
    d: () => consonant('d'),
    z: () => consonant('z s'),
    k: () => consonant('k g'),
    l: () => consonant('l'),
    m: () => consonant('m'),
    n: () => consonant('n'),
    p: () => consonant('p'),
    r: () => consonant('r'),
    s: () => consonant('s z'),
    t: () => consonant('t th d'),
    f: () => consonant('f v'),
  };
  const units: Unit[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const vowel = (k: number): boolean =>
      isVowelLetter(text[k]) ||
      (text[k] === 'y' && k > 0 && !isVowelLetter(text[k - 1]) && text[k - 1] !== 'y' && !isVowelLetter(text[k + 1]));
    if (vowel(i)) {
      let end = i;
      while (end < text.length && vowel(end)) end += 1;
      units.push(vowelGroup(text.slice(i, end).replace(/y/gu, 'i'), CYRILLIC_VOWELS));
      i = end;
      continue;
    }
    if (ch === 'y') {
      units.push(glide('y j i e'));
      i += 1;
      continue;
    }
    const length = [4, 3, 2, 1].find((k) => table[text.slice(i, i + k)] !== undefined);
    const letters = text.slice(i, i + (length ?? 1));
    // Russian writes Japanese shi and chi as си and ти (Polivanov).
    if (text[i + 1] === 'i' && (letters === 's' || letters === 't'))
      units.push(consonant(letters === 's' ? 's z sh' : 't d ch'));
    else if (length) units.push(table[letters]!());
    i += length ?? 1;
  }
  return finish(units);
}

/** Japanese kana in Hepburn: r is l or r, b is also v, s and z also th; u, and o after t and d, are added vowels. */
const KANA_CONSONANTS: Readonly<Record<string, string>> = {
  k: 'k g',
  g: 'g k',
  s: 's th z',
  sh: 'sh s ch zh',
  z: 'z s th j',
  j: 'j g zh z y',
  t: 't d th',
  ch: 'ch t ts sh',
  ts: 'ts t z s',
  d: 'd t th',
  n: 'n',
  h: 'h f kh',
  f: 'f h v p',
  m: 'm',
  r: 'r l',
  w: 'w v',
  b: 'b v',
  p: 'p',
  v: 'v b',
};
const KANA_VOWELS: Readonly<Record<string, string>> = { a: 'a', i: 'i e', u: 'u o', e: 'e a i', o: 'o u a' };

function kanaUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  let lastConsonant = '';
  while (i < text.length) {
    const ch = text[i]!;
    if ('aiueo'.includes(ch)) {
      let end = i;
      while (end < text.length && 'aiueo'.includes(text[end]!)) end += 1;
      const letters = text.slice(i, end);
      const added =
        (letters === 'u' && lastConsonant !== '') ||
        (letters === 'o' && /^[td]$/u.test(lastConsonant)) ||
        (letters === 'i' && /^(ch|j|sh)$/u.test(lastConsonant));
      units.push({ ...vowelGroup(letters, KANA_VOWELS), epenthetic: added });
      lastConsonant = '';
      i = end;
      continue;
    }
    if (ch === 'y') {
      units.push(glide('y i e j'));
      i += 1;
      continue;
    }
    if (ch === 'n' && !'aiueoy'.includes(text[i + 1] ?? '-')) {
      units.push(consonant('n m'));
      lastConsonant = '';
      i += 1;
      continue;
    }
    const digraph = ['sh', 'ch', 'ts'].find((d) => text.startsWith(d, i));
    const letters = digraph ?? ch;
    if (text[i + letters.length] === letters[0] && !digraph) {
      i += 1; // sokuon: the doubled consonant is one sound
      continue;
    }
    units.push(consonant(KANA_CONSONANTS[letters] ?? letters));
    lastConsonant = letters;
    i += letters.length;
  }
  return finish(units);
}

/**
 * Korean, Revised Romanization: plain stops are voiced or not, p is also f, eu is an added vowel;
 * 쓰 and 쯔 write Japanese tsu.
 */
const HANGUL_CONSONANTS: Readonly<Record<string, string>> = {
  g: 'g k',
  kk: 'k g',
  n: 'n',
  d: 'd t',
  tt: 't d',
  r: 'r l',
  l: 'l r',
  m: 'm',
  b: 'b p v',
  pp: 'p b',
  s: 's sh th z',
  ss: 's sh ts',
  j: 'j z g ch ts zh',
  jj: 'j ts z ch',
  ch: 'ch ts t sh',
  k: 'k g kh ch',
  t: 't th d',
  p: 'p f',
  h: 'h kh f',
  ng: 'n g',
  sh: 'sh s',
};
const HANGUL_VOWELS: Readonly<Record<string, string>> = { a: 'a', e: 'e a', i: 'i e', o: 'o u', u: 'u o' };

function hangulSyllable(syllable: string): Unit[] {
  const m = /^(kk|tt|pp|ss|jj|ch|sh|[gndrmbsjktph])?([aeiouwy]+)(ng|[kntlmp])?$/u.exec(syllable);
  if (!m)
    return readTable(
      syllable,
      Object.fromEntries(Object.entries(HANGUL_CONSONANTS).map(([k, v]) => [k, () => consonant(v)])),
      2,
    );
  const [, initial, medial, final] = m;
  const units: Unit[] = [];
  if (initial) units.push(consonant(HANGUL_CONSONANTS[initial]!));
  const glideLetter = /^[wy]/u.exec(medial!)?.[0];
  if (glideLetter) units.push(glideLetter === 'w' ? glide('w v u o') : glide('y i e j'));
  const vowels = medial!.slice(glideLetter ? 1 : 0);
  if (vowels === 'eu') units.push({ ...vowelUnit('u e o i'), epenthetic: true });
  else if (vowels === 'eo') units.push(vowelUnit('o e a u'));
  else if (vowels) {
    const added = vowels === 'i' && !final && (initial === 'ch' || initial === 'j');
    units.push({ ...vowelGroup(vowels, HANGUL_VOWELS), epenthetic: added });
  }
  if (final === 'ng') units.push(consonant('n'), consonant('g', true));
  else if (final) units.push(consonant(HANGUL_CONSONANTS[final] ?? final));
  return units;
}

/**
 * Pinyin initials with the sounds Chinese transcription uses them for: l writes both l and r, and
 * j and q write ki, gi and chi, since Mandarin has no ki or gi.
 */
const PINYIN_INITIALS: Readonly<Record<string, string>> = {
  b: 'b p',
  p: 'p b',
  m: 'm',
  f: 'f v w',
  d: 'd t',
  t: 't d th',
  n: 'n',
  l: 'l r',
  g: 'g k',
  k: 'k g kh',
  h: 'h kh ch j',
  j: 'j g k zh y z ch',
  q: 'ch k ts j',
  x: 's sh z',
  zh: 'j zh g ch',
  ch: 'ch sh',
  sh: 'sh s',
  r: 'r l j zh',
  z: 'z ts s',
  c: 'ts z s ch',
  s: 's z th ts',
};
const PINYIN_FINALS = [
  'iang',
  'iong',
  'uang',
  'ueng',
  'ian',
  'iao',
  'ing',
  'uai',
  'uan',
  'ang',
  'eng',
  'ong',
  'ai',
  'ei',
  'ao',
  'ou',
  'an',
  'en',
  'in',
  'un',
  'ia',
  'ie',
  'iu',
  'ua',
  'uo',
  'ui',
  'ue',
  'er',
  'a',
  'o',
  'e',
  'i',
  'u',
  'v',
];
const PINYIN_VOWELS: Readonly<Record<string, string>> = {
  a: 'a e',
  o: 'o u',
  e: 'e a o u i',
  i: 'i e',
  u: 'u o',
  v: 'u i',
};

interface PinyinSyllable {
  initial: string;
  final: string;
}

/**
 * Joined pinyin split into syllables. Without the apostrophe that marks a syllable starting with a
 * vowel (xi'an), the split that gives every later syllable an initial is the intended one.
 */
function splitPinyin(text: string): PinyinSyllable[] | undefined {
  const best: Array<{ cost: number; parts: PinyinSyllable[] } | undefined> = new Array(text.length + 1).fill(undefined);
  best[0] = { cost: 0, parts: [] };
  for (let i = 0; i < text.length; i += 1) {
    const from = best[i];
    if (!from) continue;
    const initial =
      ['zh', 'ch', 'sh'].find((d) => text.startsWith(d, i)) ??
      (/[bpmfdtnlgkhjqxrzcsyw]/u.test(text[i]!) ? text[i]! : '');
    for (const final of PINYIN_FINALS) {
      if (!text.startsWith(final, i + initial.length)) continue;
      const end = i + initial.length + final.length;
      const cost = from.cost + 1 + (initial === '' && i > 0 ? 10 : 0);
      if (!best[end] || best[end]!.cost > cost) best[end] = { cost, parts: [...from.parts, { initial, final }] };
    }
  }
  return best[text.length]?.parts;
}

/** The carrier vowel Chinese transcription adds after a lone consonant: bu, de, ke, si, shi. */
function carrierVowel(initial: string, final: string): boolean {
  if (final === 'u') return /^[bpmf]$/u.test(initial);
  if (final === 'e') return /^[dtgkhln]$/u.test(initial) || initial === '';
  if (final === 'i') return /^(z|c|s|zh|ch|sh|r|j|q|x)$/u.test(initial);
  return false;
}

function pinyinUnits(text: string): Unit[] {
  const syllables = splitPinyin(text);
  if (!syllables) return [];
  const units: Unit[] = [];
  for (const { initial, final } of syllables) {
    if (initial === 'y') units.push(glide('y i e j'));
    else if (initial === 'w') units.push(glide('w v u o'));
    else if (initial) units.push(consonant(PINYIN_INITIALS[initial]!));
    if (final === 'er') {
      // 尔 writes a final l or r, and an r after a vowel that English does not pronounce.
      units.push(consonant('r l', true));
      continue;
    }
    const nasal = /ng$/u.exec(final) ? 'ng' : /n$/u.test(final) ? 'n' : '';
    const vowels = final.slice(0, final.length - nasal.length);
    const glideLetter =
      vowels.length > 1 && /^[iu]/u.test(vowels) && /[aeo]/u.test(vowels.slice(1)) ? vowels[0] : undefined;
    if (glideLetter) units.push(glideLetter === 'i' ? glide('y i e j') : glide('w v u o'));
    const core = vowels.slice(glideLetter ? 1 : 0);
    const zeroInitialEn = initial === '' && final === 'en';
    units.push({ ...vowelGroup(core, PINYIN_VOWELS), epenthetic: carrierVowel(initial, final) || zeroInitialEn });
    if (nasal) units.push(consonant('n m'));
    if (nasal === 'ng') units.push(consonant('g', true));
  }
  return finish(units);
}

/** Sound units of a romanised name given as its tokens (one or more syllables or words). */
export function scriptUnits(tokens: readonly string[], script: TranscribedScript): Unit[][] {
  switch (script) {
    case 'Arabic':
    case 'Hebrew':
      return abjadUnits(tokens.join(''), script);
    case 'Cyrillic':
      return [cyrillicUnits(tokens.join(''))];
    case 'Kana':
      return [kanaUnits(tokens.join(''))];
    case 'Han':
      return [pinyinUnits(tokens.join(''))];
    case 'Hangul': {
      // A customary family-name spelling (Lee, Park) is read both as written and as its syllable.
      const readings = [
        tokens,
        ...(revisedFamilyReading(tokens[0] ?? '') !== undefined
          ? [[revisedFamilyReading(tokens[0]!)!, ...tokens.slice(1)]]
          : []),
      ];
      return readings.map((r) => finish(r.flatMap(hangulSyllable)));
    }
  }
}

export const unwrittenVowels = (script: TranscribedScript): boolean => script === 'Arabic' || script === 'Hebrew';
export const nonRhotic = (script: TranscribedScript): boolean =>
  script === 'Han' || script === 'Hangul' || script === 'Kana';

// ---- Agreement -------------------------------------------------------------------------------------

const CONSONANT_COST = 3;
const VOWEL_COST = 1;

/** Index of a spelling's final vowel when it is the last sound spoken (Bernardo, not Pierre), or -1. */
function lastSpokenVowel(units: readonly Unit[]): number {
  for (let j = units.length - 1; j >= 0; j -= 1) {
    if (!units[j]!.optional) return units[j]!.vowel ? j : -1;
  }
  return -1;
}

/**
 * Cheapest alignment of a romanisation's units (x) with a Latin spelling's (y): a consonant left
 * unmatched or matched with one it cannot be costs CONSONANT_COST, a vowel VOWEL_COST, an optional
 * unit nothing; with freeVowels (a script that leaves short vowels unwritten) the Latin vowels are
 * free. A ts on one side may be written t + s on the other. Returns the cost and the number of
 * consonants (glides included) matched.
 */
export function alignmentCost(
  x: readonly Unit[],
  y: readonly Unit[],
  freeVowels: boolean,
  finalVowelWritten = false,
): { cost: number; consonants: number } {
  const n = x.length;
  const m = y.length;
  const finalVowel = finalVowelWritten ? lastSpokenVowel(y) : -1;
  const drop = (u: Unit, latin: boolean, j = -1): number => {
    if (u.optional || (u.vowel && latin && freeVowels && j !== finalVowel)) return 0;
    if (!u.vowel) return CONSONANT_COST;
    // A vowel the script wrote and the Latin spelling lacks says more than one of a different quality.
    return latin ? VOWEL_COST : 2 * VOWEL_COST;
  };
  const pair = (u: Unit, v: Unit): number => {
    if ((u.mask & v.mask) !== 0) return 0;
    return u.vowel && v.vowel ? VOWEL_COST : Infinity;
  };
  const width = m + 1;
  const cost = new Float64Array((n + 1) * width).fill(Infinity);
  const matched = new Int32Array((n + 1) * width);
  cost[0] = 0;
  const relax = (i: number, j: number, c: number, k: number): void => {
    const at = i * width + j;
    if (c < cost[at]! || (c === cost[at]! && k > matched[at]!)) {
      cost[at] = c;
      matched[at] = k;
    }
  };
  const TS = BIT.ts!;
  const T = BIT.t!;
  const S = BIT.s!;
  for (let i = 0; i <= n; i += 1) {
    for (let j = 0; j <= m; j += 1) {
      const here = cost[i * width + j]!;
      if (here === Infinity) continue;
      const k = matched[i * width + j]!;
      if (i < n) relax(i + 1, j, here + drop(x[i]!, false), k);
      if (j < m) relax(i, j + 1, here + drop(y[j]!, true, j), k);
      if (i < n && j < m) {
        const p = pair(x[i]!, y[j]!);
        if (p !== Infinity)
          relax(i + 1, j + 1, here + p, k + ((x[i]!.mask & y[j]!.mask & CONSONANT_MASK) !== 0 ? 1 : 0));
        else if (!x[i]!.vowel && !y[j]!.vowel) relax(i + 1, j + 1, here + CONSONANT_COST, k);
      }
      if (
        i < n &&
        j + 1 < m &&
        x[i]!.mask & TS &&
        y[j]!.mask & T &&
        y[j + 1]!.mask & S &&
        !y[j]!.vowel &&
        !y[j + 1]!.vowel
      )
        relax(i + 1, j + 2, here, k + 1);
      if (
        j < m &&
        i + 1 < n &&
        y[j]!.mask & TS &&
        x[i]!.mask & T &&
        x[i + 1]!.mask & S &&
        !x[i]!.vowel &&
        !x[i + 1]!.vowel
      )
        relax(i + 2, j + 1, here, k + 1);
    }
  }
  return { cost: cost[n * width + m]!, consonants: matched[n * width + m]! };
}

/**
 * How a romanised name (its tokens) and a Latin spelling agree as transcriptions of one name: 'full'
 * when every sound unit corresponds (alignment cost 0), 'close' when the alignment stays within
 * TRANSCRIPTION_MAX_COST (a vowel or two of another quality, a final vowel an abjad did not write);
 * undefined otherwise. The best reading decides.
 */
export function transcriptionAgreement(
  readings: readonly Unit[][],
  latin: readonly Unit[],
  script: TranscribedScript,
): TranscriptionAgreement | undefined {
  let best: TranscriptionAgreement | undefined;
  for (const units of readings) {
    if (units.length === 0) continue;
    const { cost, consonants } = alignmentCost(units, latin, unwrittenVowels(script));
    if (cost > TRANSCRIPTION_MAX_COST || consonants < TRANSCRIPTION_MIN_CONSONANTS) continue;
    // Arabic and Hebrew leave short vowels unwritten but write a final one (alif, waw, ya, he, ta
    // marbuta): a Latin final vowel they lack (Bernardo / ברנרד Bernard) is another form of the name.
    const full = cost === 0 && (!unwrittenVowels(script) || alignmentCost(units, latin, true, true).cost === 0);
    if (full) return 'full';
    best = 'close';
  }
  return best;
}

export type TranscriptionAgreement = 'full' | 'close';

/** A romanised name (its tokens) and a Latin spelling agree as transcriptions of one name, fully or closely. */
export function transcriptionAgrees(
  readings: readonly Unit[][],
  latin: readonly Unit[],
  script: TranscribedScript,
): boolean {
  return transcriptionAgreement(readings, latin, script) !== undefined;
}
