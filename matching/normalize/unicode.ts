/**
 * Unicode folding for Latin text: compatibility forms, case and diacritics. Transliteration of other
 * scripts happens before this step, because stripping combining marks from an abugida (Thai, Khmer,
 * Devanagari) would delete its vowels.
 */

/**
 * Letters that NFD does not decompose into a base letter plus marks, so stripping marks would keep
 * them as they are. Vietnamese đ is the one that matters most in the region (Đặng -> dang).
 */
const SPECIAL_LATIN: Readonly<Record<string, string>> = {
  đ: 'd',
  ð: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
  ſ: 's',
  ƒ: 'f',
  ə: 'e',
  ɨ: 'i',
  ʉ: 'u',
  ɔ: 'o',
  ɛ: 'e',
  ʼ: "'",
  ʻ: "'",
  ʿ: "'",
  ʾ: "'",
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL_LATIN).join('')}]`, 'gu');
const COMBINING_MARKS = /\p{M}+/gu;

export function nfkc(text: string): string {
  return text.normalize('NFKC');
}

/** Lower case; ẞ/ß fold with the special letters below. */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

/** Removes diacritics from (already lower-cased) Latin text: Nguyễn -> nguyen, Đặng -> dang. */
export function stripDiacritics(text: string): string {
  // Marks first: ǣ is æ with a macron, and æ then becomes ae.
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(SPECIAL_RE, (ch) => SPECIAL_LATIN[ch] ?? ch)
    .normalize('NFC');
}
