/**
 * Khmer to Latin, close to the UNGEGN system. Each consonant belongs to one of two series, which
 * changes how the following vowel is read (ហ៊ុន hun, សុខ sok); the musĭkâtônd (៉) and trĕisâpt (៊)
 * marks move a consonant to the other series. A consonant with no vowel sign takes the series'
 * inherent vowel, and a bare consonant after it closes the syllable (ពត -> pot).
 */

/** consonant -> [romanisation, series (1 = a-series, 2 = o-series)] */
const CONSONANTS: Readonly<Record<string, readonly [string, 1 | 2]>> = {
  ក: ['k', 1],
  ខ: ['kh', 1],
  គ: ['k', 2],
  ឃ: ['kh', 2],
  ង: ['ng', 2],
  ច: ['ch', 1],
  ឆ: ['chh', 1],
  ជ: ['ch', 2],
  ឈ: ['chh', 2],
  ញ: ['nh', 2],
  ដ: ['d', 1],
  ឋ: ['th', 1],
  ឌ: ['d', 2],
  ឍ: ['th', 2],
  ណ: ['n', 1],
  ត: ['t', 1],
  ថ: ['th', 1],
  ទ: ['t', 2],
  ធ: ['th', 2],
  ន: ['n', 2],
  ប: ['b', 1],
  ផ: ['ph', 1],
  ព: ['p', 2],
  ភ: ['ph', 2],
  ម: ['m', 2],
  យ: ['y', 2],
  រ: ['r', 2],
  ល: ['l', 2],
  វ: ['v', 2],
  ឝ: ['sh', 1],
  ឞ: ['ss', 1],
  ស: ['s', 1],
  ហ: ['h', 1],
  ឡ: ['l', 1],
  អ: ['', 1],
};

/** dependent vowel -> [after an a-series consonant, after an o-series consonant] */
const VOWELS: Readonly<Record<string, readonly [string, string]>> = {
  'ា': ['a', 'ea'],
  'ិ': ['e', 'i'],
  'ី': ['ei', 'i'],
  'ឹ': ['oe', 'ue'],
  'ឺ': ['eu', 'eu'],
  'ុ': ['o', 'u'],
  'ូ': ['ou', 'u'],
  'ួ': ['uo', 'uo'],
  'ើ': ['aeu', 'eu'],
  'ឿ': ['oea', 'oea'],
  'ៀ': ['ie', 'ie'],
  'េ': ['e', 'e'],
  'ែ': ['ae', 'e'],
  'ៃ': ['ai', 'ey'],
  'ោ': ['ao', 'o'],
  'ៅ': ['au', 'ou'],
};

const INDEPENDENT_VOWELS: Readonly<Record<string, string>> = {
  ឥ: 'e',
  ឦ: 'ei',
  ឧ: 'o',
  ឩ: 'ou',
  ឪ: 'ov',
  ឫ: 'rue',
  ឬ: 'rueu',
  ឭ: 'lue',
  ឮ: 'lueu',
  ឯ: 'ae',
  ឰ: 'ai',
  ឱ: 'ao',
  ឲ: 'ao',
  ឳ: 'au',
};

const COENG = '\u17d2';
const TO_FIRST_SERIES = '\u17c9';
const TO_SECOND_SERIES = '\u17ca';
const NIKAHIT = '\u17c6';
const REAHMUK = '\u17c7';
/** Signs that only shorten a vowel or mark a silent letter. */
const IGNORED = new Set([
  '\u17cb',
  '\u17cc',
  '\u17cd',
  '\u17ce',
  '\u17cf',
  '\u17d0',
  '\u17d1',
  '\u17c8',
  '\u17d3',
  '\u17dd',
]);
/** o-series sonorants that pull a subscript cluster into their series (ស្រី -> srey). */
const SERIES_SETTING_SUBSCRIPTS = new Set(['ង', 'ញ', 'ម', 'យ', 'រ', 'វ']);

/** Aspirated letters lose their aspiration at the end of a syllable (សុខ -> sok). */
const FINAL_FORM: Readonly<Record<string, string>> = { kh: 'k', chh: 'ch', th: 't', ph: 'p' };

const isConsonant = (ch: string | undefined): boolean => ch !== undefined && ch in CONSONANTS;

function romanizeWord(word: string): string {
  const chars = [...word].filter((ch) => !IGNORED.has(ch));
  const vowelAt = (i: number): boolean =>
    chars[i] !== undefined && (chars[i]! in VOWELS || chars[i] === NIKAHIT || chars[i] === REAHMUK);
  /** A consonant that starts a syllable: it carries a vowel, a series mark or a subscript. */
  const startsSyllable = (i: number): boolean =>
    vowelAt(i + 1) || chars[i + 1] === COENG || chars[i + 1] === TO_FIRST_SERIES || chars[i + 1] === TO_SECOND_SERIES;
  let out = '';
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (ch in INDEPENDENT_VOWELS) {
      out += INDEPENDENT_VOWELS[ch];
      i += 1;
      continue;
    }
    if (!isConsonant(ch)) {
      const digit = ch.codePointAt(0)! - 0x17e0;
      out += digit >= 0 && digit <= 9 ? String(digit) : ch;
      i += 1;
      continue;
    }
    let [onset, series] = CONSONANTS[ch]!;
    i += 1;
    while (chars[i] === COENG && isConsonant(chars[i + 1])) {
      const sub = chars[i + 1]!;
      onset += CONSONANTS[sub]![0];
      if (SERIES_SETTING_SUBSCRIPTS.has(sub)) series = 2;
      i += 2;
    }
    if (chars[i] === TO_FIRST_SERIES) {
      if (ch === 'ប') onset = 'p';
      series = 1;
      i += 1;
    } else if (chars[i] === TO_SECOND_SERIES) {
      series = 2;
      i += 1;
    }
    let vowel = '';
    let written = false;
    while (chars[i] !== undefined && chars[i]! in VOWELS) {
      vowel += VOWELS[chars[i]!]![series - 1];
      written = true;
      i += 1;
    }
    if (chars[i] === NIKAHIT) {
      vowel = written ? `${vowel}m` : series === 1 ? 'am' : 'um';
      written = true;
      i += 1;
    }
    if (chars[i] === REAHMUK) {
      vowel = `${written ? vowel : series === 1 ? 'a' : 'ea'}h`;
      written = true;
      i += 1;
    }
    let final = '';
    if (isConsonant(chars[i]) && !startsSyllable(i)) {
      const letter = CONSONANTS[chars[i]!]![0];
      final = FINAL_FORM[letter] ?? letter;
      i += 1;
    }
    if (!written) vowel = series === 1 ? 'a' : 'o';
    out += onset + vowel + final;
  }
  return out;
}

export function transliterateKhmer(text: string): string {
  return text
    .replace(/\u200b/gu, ' ')
    .split(/(\s+)/u)
    .map((part) => (/\s/u.test(part) ? part : romanizeWord(part)))
    .join('');
}
