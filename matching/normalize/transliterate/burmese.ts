/**
 * Burmese (Myanmar script) to Latin in the conventional spelling of Burmese names (Aung, Kyaw, Thein,
 * Hlaing, Tun, Win), which follows sound rather than letters: a syllable is an onset with medials, and
 * a rhyme made of its vowel signs and its killed final consonant, looked up as a whole.
 */

const CONSONANTS: Readonly<Record<string, string>> = {
  က: 'k',
  ခ: 'kh',
  ဂ: 'g',
  ဃ: 'g',
  င: 'ng',
  စ: 's',
  ဆ: 's',
  ဇ: 'z',
  ဈ: 'z',
  ည: 'ny',
  ဉ: 'ny',
  ဋ: 't',
  ဌ: 'ht',
  ဍ: 'd',
  ဎ: 'd',
  ဏ: 'n',
  တ: 't',
  ထ: 'ht',
  ဒ: 'd',
  ဓ: 'd',
  န: 'n',
  ပ: 'p',
  ဖ: 'ph',
  ဗ: 'b',
  ဘ: 'b',
  မ: 'm',
  ယ: 'y',
  ရ: 'y',
  လ: 'l',
  ဝ: 'w',
  သ: 'th',
  ဟ: 'h',
  ဠ: 'l',
  အ: '',
  ဿ: 'th',
};

const INDEPENDENT_VOWELS: Readonly<Record<string, string>> = {
  ဣ: 'i',
  ဤ: 'i',
  ဥ: 'u',
  ဦ: 'u',
  ဧ: 'e',
  ဩ: 'aw',
  ဪ: 'aw',
};

/** Vowel signs, normalised to one letter each so that combinations can be looked up. */
const VOWEL_SIGNS: Readonly<Record<string, string>> = {
  'ါ': 'A',
  'ာ': 'A',
  'ိ': 'I',
  'ီ': 'I',
  'ု': 'U',
  'ူ': 'U',
  'ေ': 'E',
  'ဲ': 'Y',
  'ံ': 'N',
};

/**
 * (vowel signs, final consonant class) -> rhyme; an empty final means an open syllable. Signs are
 * written here in reading order (E A for ော) and sorted when the table is built, because the order
 * of stored signs varies between keyboards.
 */
const RHYMES_AS_WRITTEN: Readonly<Record<string, string>> = {
  '|': 'a',
  'A|': 'a',
  'I|': 'i',
  'U|': 'u',
  'E|': 'e',
  'Y|': 'e',
  'EA|': 'aw',
  'IU|': 'o',
  'N|': 'an',
  'UN|': 'on',
  'IN|': 'ein',
  'W|': 'wa',
  '|k': 'et',
  '|ng': 'in',
  '|s': 'it',
  '|ny': 'i',
  '|t': 'at',
  '|n': 'an',
  '|p': 'at',
  '|m': 'an',
  '|y': 'e',
  'I|t': 'eik',
  'I|n': 'ein',
  'I|p': 'eik',
  'I|m': 'ein',
  'U|t': 'ok',
  'U|n': 'on',
  'U|p': 'ok',
  'U|m': 'on',
  'IU|k': 'aik',
  'IU|ng': 'aing',
  'EA|k': 'auk',
  'EA|ng': 'aung',
  'W|t': 'ut',
  'W|n': 'un',
  'W|p': 'ut',
  'W|m': 'un',
  'W|ng': 'win',
};

const sortSigns = (signs: string): string => [...signs].sort().join('');

const RHYMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(RHYMES_AS_WRITTEN).map(([key, rhyme]) => {
    const [signs = '', final = ''] = key.split('|');
    return [`${signs === 'W' ? 'W' : sortSigns(signs)}|${final}`, rhyme];
  }),
);

/** Finals collapse to the classes the rhyme table knows. */
const FINAL_CLASS: Readonly<Record<string, string>> = {
  k: 'k',
  kh: 'k',
  g: 'k',
  ng: 'ng',
  s: 's',
  z: 's',
  ny: 'ny',
  t: 't',
  ht: 't',
  d: 't',
  n: 'n',
  p: 'p',
  ph: 'p',
  b: 'p',
  m: 'm',
  y: 'y',
};

const ASAT = '\u103a';
const VIRAMA = '\u1039';
const MEDIAL_Y = new Set(['\u103b', '\u103c']);
const MEDIAL_W = '\u103d';
const MEDIAL_H = '\u103e';
const TONES = new Set(['\u1037', '\u1038']);

const isConsonant = (ch: string | undefined): boolean => ch !== undefined && ch in CONSONANTS;

/** Romanises one written word as its syllables, space-separated: Burmese names are syllables. */
function romanizeWord(word: string): string {
  const chars = [...word].filter((ch) => !TONES.has(ch));
  const syllables: string[] = [];
  /** A consonant killed by asat or stacked with virama ends the syllable before it. */
  const killed = (i: number): boolean => chars[i + 1] === ASAT || chars[i + 1] === VIRAMA;
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (ch in INDEPENDENT_VOWELS) {
      syllables.push(INDEPENDENT_VOWELS[ch]!);
      i += chars[i + 1] === ASAT ? 2 : 1;
      continue;
    }
    if (!isConsonant(ch)) {
      const digit = ch.codePointAt(0)! - 0x1040;
      if (digit >= 0 && digit <= 9) syllables.push(String(digit));
      else if (ch !== ASAT && ch !== VIRAMA) syllables.push(ch);
      i += 1;
      continue;
    }
    let onset = CONSONANTS[ch]!;
    i += 1;
    let medialW = false;
    let medialH = false;
    for (; ; i += 1) {
      if (MEDIAL_Y.has(chars[i]!)) onset += onset === 'y' ? '' : 'y';
      else if (chars[i] === MEDIAL_W) medialW = true;
      else if (chars[i] === MEDIAL_H) medialH = true;
      else break;
    }
    if (medialH) onset = onset === 'y' ? 'sh' : `h${onset}`;
    let signs = '';
    while (chars[i] !== undefined && (chars[i]! in VOWEL_SIGNS || chars[i] === ASAT)) {
      if (chars[i] !== ASAT) signs += VOWEL_SIGNS[chars[i]!];
      i += 1;
    }
    signs = sortSigns(signs);
    let final = '';
    if (isConsonant(chars[i]) && killed(i)) {
      final = FINAL_CLASS[CONSONANTS[chars[i]!]!] ?? '';
      i += chars[i + 1] === ASAT ? 2 : 1;
    }
    const key = medialW && !signs ? `W|${final}` : `${signs}|${final}`;
    const rhyme = RHYMES[key] ?? RHYMES[`${signs}|`] ?? 'a';
    syllables.push(onset + (medialW && !key.startsWith('W') ? 'w' : '') + rhyme);
  }
  return syllables.join(' ');
}

export function transliterateBurmese(text: string): string {
  return text
    .replace(/\u200b/gu, ' ')
    .split(/(\s+)/u)
    .map((part) => (/\s/u.test(part) ? part : romanizeWord(part)))
    .join('');
}
