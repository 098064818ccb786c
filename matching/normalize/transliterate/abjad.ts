/**
 * Arabic (with Persian and Urdu letters) and Hebrew to Latin. Both scripts usually omit short vowels,
 * so the output is close to a consonant skeleton ("محمد" -> "mhmd"); the comparators know this and
 * compare such tokens by their consonants (see compare/tokens.ts). Written vowel points are kept when
 * present.
 */

const ARABIC: Readonly<Record<string, string>> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: '',
  ؤ: 'u',
  ئ: 'i',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: '',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  و: 'w',
  ي: 'y',
  ى: 'a',
  ـ: '',
  // Persian, Urdu, Pashto
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ک: 'k',
  ی: 'y',
  ٹ: 't',
  ڈ: 'd',
  ڑ: 'r',
  ں: 'n',
  ہ: 'h',
  ھ: 'h',
  ے: 'e',
  ۀ: 'h',
  ۃ: 'a',
  // vowel points and shadda (doubling is irrelevant for matching)
  '\u064e': 'a',
  '\u0650': 'i',
  '\u064f': 'u',
  '\u064b': 'an',
  '\u064d': 'in',
  '\u064c': 'un',
  '\u0651': '',
  '\u0652': '',
  '\u0670': 'a',
  '\u200c': '',
  '\u200d': '',
};

const HEBREW: Readonly<Record<string, string>> = {
  א: '',
  ב: 'b',
  ג: 'g',
  ד: 'd',
  ה: 'h',
  ו: 'v',
  ז: 'z',
  ח: 'kh',
  ט: 't',
  י: 'y',
  כ: 'k',
  ך: 'k',
  ל: 'l',
  מ: 'm',
  ם: 'm',
  נ: 'n',
  ן: 'n',
  ס: 's',
  ע: '',
  פ: 'p',
  ף: 'f',
  צ: 'ts',
  ץ: 'ts',
  ק: 'k',
  ר: 'r',
  ש: 'sh',
  ת: 't',
  '\u05b4': 'i',
  '\u05b5': 'e',
  '\u05b6': 'e',
  '\u05b7': 'a',
  '\u05b8': 'a',
  '\u05b9': 'o',
  '\u05bb': 'u',
  '\u05bc': '',
  '\u05b0': 'e',
  '\u05c1': '',
  '\u05c2': '',
};

const LETTER = /\p{L}/u;

/** و and ي between letters are usually the long vowels u and i; at a word start they are w and y. */
function arabicLetter(ch: string, prev: string | undefined): string {
  const atStart = prev === undefined || !LETTER.test(prev);
  if (ch === 'و') return atStart ? 'w' : 'u';
  if (ch === 'ي' || ch === 'ی') return atStart ? 'y' : 'i';
  return ARABIC[ch] ?? ch;
}

/** The definite article is a separate particle: "السيسي" -> "al sisi". */
function splitArticle(word: string): string {
  return word.length > 3 && word.startsWith('ال') ? `ال ${word.slice(2)}` : word;
}

export function transliterateArabic(text: string): string {
  const spaced = text.split(/(\s+)/u).map(splitArticle).join('');
  let out = '';
  let prev: string | undefined;
  for (const ch of spaced) {
    out += arabicLetter(ch, prev);
    prev = ch;
  }
  return out;
}

export function transliterateHebrew(text: string): string {
  let out = '';
  for (const ch of text) out += HEBREW[ch] ?? ch;
  return out;
}
