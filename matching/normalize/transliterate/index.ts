/**
 * Transliteration of any script to lower-case Latin letters, one script run at a time, so that a
 * name written in Thai, Khmer, Burmese, Chinese, Cyrillic or Arabic can be compared with its
 * romanised forms. Latin text passes through unchanged (diacritics are folded later).
 */
import { type Script, scriptOf, splitByScript } from '../script';
import { transliterateArabic, transliterateHebrew } from './abjad';
import { transliterateArmenian, transliterateGeorgian } from './alphabets';
import { transliterateBurmese } from './burmese';
import { transliterateChinese } from './chinese';
import { transliterateCyrillic } from './cyrillic';
import { transliterateFallback } from './fallback';
import { transliterateGreek } from './greek';
import { transliterateHangul } from './hangul';
import { transliterateIndic } from './indic';
import { transliterateKana } from './kana';
import { transliterateKhmer } from './khmer';
import { transliterateThai } from './thai';

export interface TransliterationOptions {
  /** Person names follow personal-name conventions (Chinese given name joined, Korean family names). */
  person: boolean;
}

type Transliterator = (text: string, opts: TransliterationOptions) => string;

const BY_SCRIPT: Readonly<Partial<Record<Script, Transliterator>>> = {
  Cyrillic: transliterateCyrillic,
  Greek: transliterateGreek,
  Arabic: transliterateArabic,
  Hebrew: transliterateHebrew,
  Armenian: transliterateArmenian,
  Georgian: transliterateGeorgian,
  Indic: transliterateIndic,
  Thai: transliterateThai,
  Khmer: transliterateKhmer,
  Myanmar: transliterateBurmese,
  Han: transliterateChinese,
  Hangul: transliterateHangul,
  Kana: transliterateKana,
};

/**
 * How reliably a script's romanisation renders vowels. Arabic and Hebrew leave short vowels
 * unwritten (محمد -> mhmd); Thai, Lao, Khmer and the Indic scripts write them, but leave some
 * implicit, and where they fall is guessed without a dictionary (สยาม: sayam or siam).
 */
export type VowelSource = 'written' | 'implicit' | 'unwritten';

const UNWRITTEN: ReadonlySet<Script> = new Set(['Arabic', 'Hebrew']);
const IMPLICIT: ReadonlySet<Script> = new Set(['Thai', 'Lao', 'Khmer', 'Indic']);

export function vowelSource(scripts: readonly Script[]): VowelSource {
  if (scripts.some((s) => UNWRITTEN.has(s))) return 'unwritten';
  return scripts.some((s) => IMPLICIT.has(s)) ? 'implicit' : 'written';
}

const isLatinOrCommon = (script: Script): boolean => script === 'Latin' || script === 'Common';

/**
 * Letters a script's table does not know (a rare Cyrillic letter, a Thai sign out of place) go to
 * the fallback, so that no non-Latin letter survives and normalising twice changes nothing.
 */
function latinOnly(text: string): string {
  let out = '';
  for (const ch of text) out += isLatinOrCommon(scriptOf(ch.codePointAt(0)!)) ? ch : transliterateFallback(ch);
  return out;
}

export function transliterate(text: string, opts: TransliterationOptions): string {
  const runs = splitByScript(text);
  if (runs.every((run) => isLatinOrCommon(run.script))) return text;
  return runs
    .map((run) => {
      if (isLatinOrCommon(run.script)) return run.text;
      const fn = BY_SCRIPT[run.script] ?? transliterateFallback;
      return ` ${latinOnly(fn(run.text, opts))} `;
    })
    .join('');
}
