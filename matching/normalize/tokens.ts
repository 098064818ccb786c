/**
 * Splitting a (transliterated) name into tokens: punctuation folded, glued words split, numbers
 * recognised. Tokens keep their case and diacritics here, because honorific detection needs them
 * (Vietnamese "Ông" is a title, "Ong" a family name); folding happens afterwards.
 */

/** Kinship abbreviations in Malaysian and Singaporean names ("Raju s/o Muthu"), read as "son of". */
const KINSHIP_ABBREVIATIONS = /(?<=^|\s)(?:s|d|w|a)\s*\/\s*(?:o|l|p)(?=\s|$)/giu;
const APOSTROPHES = /['’ʼ`´‘ʻʿʾ]/gu;
/** Everything that is not a letter, mark or digit separates tokens. */
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/gu;
/** "RamiMakhlouf", "SiemensAG", "JPMorgan": a lower-to-upper change inside a word starts a new word. */
const CAMEL_LOWER_UPPER = /(\p{Ll}{2,})(?=\p{Lu})/gu;
const CAMEL_ACRONYM = /(\p{Lu}{2,})(?=\p{Lu}\p{Ll}{2,})/gu;

export function tokenize(text: string): string[] {
  return text
    .replace(/&/gu, ' and ')
    .replace(KINSHIP_ABBREVIATIONS, ' bin ')
    .replace(APOSTROPHES, '')
    .replace(CAMEL_LOWER_UPPER, '$1 ')
    .replace(CAMEL_ACRONYM, '$1 ')
    .split(SEPARATORS)
    .filter((token) => token.length > 0);
}

/** Digits typed as look-alike letters in person names: Ig0r Sech1n. */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

export function unleet(token: string): string {
  // An ordinal (1st, 2nd) is a number, not a name typed with look-alike digits.
  if (ORDINAL_SUFFIX.test(token)) return token;
  return /\p{L}/u.test(token) && /\d/u.test(token) ? token.replace(/\d/gu, (d) => LEET[d] ?? d) : token;
}

const ORDINAL_SUFFIX = /^(\d+)(?:st|nd|rd|th)$/u;

/** "AHL1" -> ["AHL", "1"]: the number in a company name is evidence of its own. */
export function splitLettersAndDigits(token: string): string[] {
  return ORDINAL_SUFFIX.test(token.toLowerCase()) ? [token] : token.split(/(?<=\p{L})(?=\d)|(?<=\d)(?=\p{L})/u);
}

const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const ORDINAL_UNITS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
];
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
};
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...UNITS.map((w, i) => [w, i] as const),
  ...ORDINAL_UNITS.map((w, i) => [w, i] as const).filter(([w]) => w !== ''),
]);

/** Roman numerals made of I, V and X only: the ones used for fund and vessel series. */
const ROMAN = /^(x{0,3})(ix|iv|v?i{0,3})$/u;
const ROMAN_VALUE: Readonly<Record<string, number>> = { i: 1, v: 5, x: 10 };

function romanValue(token: string): number | undefined {
  if (!ROMAN.test(token)) return undefined;
  let total = 0;
  for (let i = 0; i < token.length; i += 1) {
    const value = ROMAN_VALUE[token[i]!]!;
    const next = ROMAN_VALUE[token[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * Number words, ordinals and roman numerals in (folded, lower-case) organisation-name tokens become
 * digits: "Brigade Forty-Four" = "Brigade 44", "1st Bank" = "First Bank", "Fund IV" = "Fund 4".
 * Roman numerals count only as typed in capitals (so that the syllable "xi" of a Chinese name, or a
 * normalised lower-case name, is left alone), never start a name, and a lone I, V or X only ends one,
 * where a series number stands. `typed` holds the tokens as typed, index for index.
 */
export function numbersToDigits(tokens: readonly string[], typed: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const tens = TENS[token];
    const next = tokens[i + 1] ?? '';
    const unit = NUMBER_WORDS.get(next) ?? (/^\d$/u.test(next) ? Number(next) : undefined);
    if (tens !== undefined && unit !== undefined && unit > 0 && unit < 10) {
      out.push(String(tens + unit));
      i += 1;
      continue;
    }
    const ordinal = ORDINAL_SUFFIX.exec(token);
    const capitals = typed[i] === typed[i]?.toUpperCase();
    const roman = capitals && i > 0 && (token.length > 1 || i === tokens.length - 1) ? romanValue(token) : undefined;
    const value = tens ?? NUMBER_WORDS.get(token) ?? (ordinal ? Number(ordinal[1]) : undefined) ?? roman;
    out.push(value !== undefined && value > 0 ? String(value) : token);
  }
  return out;
}

export const isNumber = (token: string): boolean => /^\d+$/u.test(token);
