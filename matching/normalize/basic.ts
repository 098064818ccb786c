/**
 * The script- and punctuation-level part of name normalisation, shared by the name pipeline and by
 * the phrase tables (legal forms, titles), which are written in their own scripts ("有限公司",
 * "บริษัท", "ООО") and compiled through these same steps so that they always meet names in the same
 * form.
 */
import { detectScripts, type Script } from './script';
import { numbersToDigits, splitLettersAndDigits, tokenize, unleet } from './tokens';
import { transliterate, type VowelSource, vowelSource } from './transliterate';
import { transliterateFallback } from './transliterate/fallback';
import { foldCase, nfkc, stripDiacritics } from './unicode';

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
  /** How reliably the romanised tokens render vowels. */
  vowels: VowelSource;
}

/** Upper-case consonant clusters a person's name uses as initials: "JC Juncker". */
const INITIALS_TOKEN = /^[BCDFGHJKLMNPQRSTVWXZ]{2}$/u;
const NOT_INITIALS = new Set(['NG']);

function personTokens(tokens: string[]): string[] {
  return tokens.flatMap((token) => (INITIALS_TOKEN.test(token) && !NOT_INITIALS.has(token) ? [...token] : [token]));
}

export type TypedToken = readonly [typed: string, folded: string];

/** "A.B.C. Company" = "ABC Company": runs of single letters in an organisation's name are one acronym. */
export function joinLetterRuns(tokens: readonly TypedToken[]): TypedToken[] {
  const out: TypedToken[] = [];
  let run: [string, string] | undefined;
  for (const [typed, folded] of tokens) {
    if (/^[a-z]$/u.test(folded)) {
      run = run ? [run[0] + typed, run[1] + folded] : [typed, folded];
      continue;
    }
    if (run) out.push(run);
    run = undefined;
    out.push([typed, folded]);
  }
  if (run) out.push(run);
  return out;
}

const typedTokens = (tokens: readonly string[]): TypedToken[] =>
  tokens.map((token) => [token, foldToken(token)] as const).filter(([, folded]) => folded.length > 0);

/**
 * Folds one token to lower-case ASCII letters and digits: case, diacritics (Vietnamese đ included),
 * and any letter still outside ASCII through the fallback transliterator. A closed alphabet is what
 * makes normalisation idempotent.
 */
export function foldToken(token: string): string {
  const folded = stripDiacritics(foldCase(token));
  const ascii = /^[a-z0-9]*$/u.test(folded)
    ? folded
    : // biome-ignore lint/suspicious/noControlCharactersInRegex: [^\x00-\x7f] is any character outside ASCII
      folded.replace(/[^\x00-\x7f]/gu, (ch) => transliterateFallback(ch).toLowerCase());
  return ascii.replace(/[^a-z0-9]+/gu, '');
}

export function basicTokens(raw: string, kind: NameKind): BasicTokens {
  const text = nfkc(raw);
  const scripts = detectScripts(text);
  const latin = transliterate(text, { person: kind === 'person' });
  const vowels = vowelSource(scripts);
  if (kind === 'person') {
    const tokens = typedTokens(personTokens(tokenize(latin)));
    // Look-alike digits are read after folding, when the token is plain ASCII.
    return { folded: tokens.map(([, f]) => unleet(f)), original: tokens.map(([t]) => t), scripts, vowels };
  }
  // Letters and digits are split after folding, when every digit is an ASCII digit (❶ -> 1).
  const split = typedTokens(tokenize(latin)).flatMap(([typed, folded]): TypedToken[] => {
    const parts = splitLettersAndDigits(folded);
    return parts.length === 1 ? [[typed, folded]] : parts.map((p) => [p, p] as const);
  });
  const tokens = joinLetterRuns(split);
  const folded = numbersToDigits(
    tokens.map(([, f]) => f),
    tokens.map(([t]) => t),
  );
  return { folded, original: folded, scripts, vowels };
}
