/**
 * The script- and punctuation-level part of name normalisation, shared by the name pipeline and by
 * the phrase tables (legal forms, titles), which are written in their own scripts ("有限公司",
 * "บริษัท", "ООО") and compiled through these same steps so that they always meet names in the same
 * form.
 */
import { detectScripts, type Script } from './script';
import { ABJAD_SCRIPTS, transliterate } from './transliterate';
import { foldCase, nfkc, stripDiacritics } from './unicode';
import { numbersToDigits, splitLettersAndDigits, tokenize, unleet } from './tokens';

export type NameKind = 'person' | 'organization';

export interface BasicTokens {
  /** Lower-cased, diacritics folded, ASCII where a transliteration exists. */
  folded: string[];
  /**
   * For person names, the same tokens before folding (case and diacritics kept), index for index:
   * titles are recognised on them. For organisations, the folded tokens again.
   */
  original: string[];
  scripts: Script[];
  /** Written in a script without short vowels (Arabic, Hebrew). */
  abjad: boolean;
}

/** Upper-case consonant clusters a person's name uses as initials: "JC Juncker". */
const INITIALS_TOKEN = /^[BCDFGHJKLMNPQRSTVWXZ]{2}$/u;
const NOT_INITIALS = new Set(['NG']);

function personTokens(tokens: string[]): string[] {
  return tokens.flatMap((token) => (INITIALS_TOKEN.test(token) && !NOT_INITIALS.has(token) ? [...token] : [unleet(token)]));
}

/** "A.B.C. Company" = "ABC Company": runs of single letters in an organisation's name are one acronym. */
function joinLetterRuns(original: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const token of original) {
    if (token.length === 1 && /\p{L}/u.test(token)) {
      run += token;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(token);
  }
  if (run) out.push(run);
  return out;
}

/** Folds one token; Vietnamese đ and other letters without decomposition included. */
export const foldToken = (token: string): string => stripDiacritics(foldCase(token));

export function basicTokens(raw: string, kind: NameKind): BasicTokens {
  const text = nfkc(raw);
  const scripts = detectScripts(text);
  const latin = transliterate(text, { person: kind === 'person' });
  const abjad = scripts.some((s) => ABJAD_SCRIPTS.has(s));
  if (kind === 'person') {
    const original = personTokens(tokenize(latin));
    return { folded: original.map(foldToken), original, scripts, abjad };
  }
  const latinScript = scripts.every((s) => s === 'Latin');
  const folded = numbersToDigits(joinLetterRuns(tokenize(latin).flatMap(splitLettersAndDigits)).map(foldToken), latinScript);
  return { folded, original: folded, scripts, abjad };
}
