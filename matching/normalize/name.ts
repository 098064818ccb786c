/**
 * A name, normalised for comparison: scripts transliterated, case and diacritics folded, legal forms
 * and titles taken out (and kept as facts of their own), tokens classified, numbers kept as numbers.
 * `text` is canonical: normalising it again gives the same text.
 */
import { basicTokens, joinLetterRuns, type NameKind } from './basic';
import { translateCompanyWords } from './companyWords';
import { type Gender, separateThaiTitle, stripHonorifics, type TokenRole } from './honorifics';
import { extractLegalForms, type LegalFormMatch, segmentUnspacedLegalForms } from './legalForms';
import type { Script } from './script';
import { isNumber } from './tokens';
import type { VowelSource } from './transliterate';
import { nfkc } from './unicode';

export type { NameKind } from './basic';
export type { Gender, TokenRole } from './honorifics';

export interface NormalizedName {
  kind: NameKind;
  /** Canonical form: words and numbers in written order, then legal-form codes. */
  text: string;
  /** Word tokens in written order, numbers excluded. */
  tokens: string[];
  roles: TokenRole[];
  /** Numbers in the name ("Golden Star 2" -> ["2"]). */
  numbers: string[];
  legalForms: LegalFormMatch[];
  /** Titles and honorifics that were removed. */
  honorifics: string[];
  burmeseHonorific: boolean;
  gender?: Gender;
  scripts: Script[];
  /** How reliably the tokens render vowels (unwritten in Arabic script, implicit in Thai). */
  vowels: VowelSource;
}

/** Function words that carry nothing in organisation names. */
const ORGANIZATION_STOPWORDS = new Set([
  'the',
  'of',
  'and',
  'for',
  'de',
  'des',
  'du',
  'la',
  'les',
  'los',
  'las',
  'el',
  'der',
  'die',
  'das',
  'fur',
  'und',
  'et',
  'y',
  'e',
  'di',
  'da',
  'do',
  'dos',
  'an',
  'a',
  'in',
]);

/**
 * Dutch and German family-name particles: after "van" or "von", "der", "den" and "de" are part of a
 * family name ("Van der Bilt Corp" is "Vanderbilt Corp"), not articles of the organisation's name.
 */
const PARTICLE_STARTS = new Set(['van', 'von']);
const PARTICLE_ARTICLES = new Set(['der', 'den', 'de']);

function isStopword(tokens: readonly string[], i: number): boolean {
  const token = tokens[i]!;
  if (PARTICLE_ARTICLES.has(token) && i > 0 && PARTICLE_STARTS.has(tokens[i - 1]!)) return false;
  return ORGANIZATION_STOPWORDS.has(token);
}

/** "Smith, John" and "AL BEN ALI, Isa Ben Tarif" put the family name first: restore reading order. */
function uninvert(text: string): string {
  const parts = text.split(',');
  if (parts.length !== 2) return text;
  const [family, given] = parts.map((p) => p.trim()) as [string, string];
  const words = (s: string): number => s.split(/\s+/u).filter(Boolean).length;
  return words(family) >= 1 && words(family) <= 3 && words(given) >= 1 ? `${given} ${family}` : text;
}

/** A name before its text is assembled: all tokens in written order, words and numbers. */
type Parts = NormalizedName & { sequence: string[] };

function organization(raw: string): Parts {
  const basic = basicTokens(segmentUnspacedLegalForms(raw), 'organization');
  const first = extractLegalForms(basic.folded, 'organization');
  // Removing stopwords can bring single letters together ("L & H"): they are one acronym too,
  // unless that acronym is itself a stopword; and stopwords can hide a form ("Goldman Sachs & Co.").
  const withoutStopwords = joinLetterRuns(
    first.tokens.filter((_, i, all) => !isStopword(all, i)).map((t) => [t, t] as const),
  )
    .map(([, t]) => t)
    .filter((_, i, all) => !isStopword(all, i));
  const second = extractLegalForms(withoutStopwords.length > 0 ? withoutStopwords : first.tokens, 'organization');
  const sequence = translateCompanyWords(second.tokens);
  const forms = [...new Map([...first.forms, ...second.forms].map((f) => [f.code, f])).values()]
    .filter((f, _, all) => f.family !== 'generic' || all.every((o) => o.family === 'generic'))
    .sort((a, b) => a.code.localeCompare(b.code));
  // A word repeated within an organisation's name ("Christopher House - Christopher House - Uptown",
  // an agency's name before its site's) says nothing more the second time.
  const words = [...new Set(sequence.filter((t) => !isNumber(t)))];
  return {
    kind: 'organization',
    sequence,
    tokens: words,
    roles: words.map(() => 'name'),
    numbers: sequence.filter(isNumber),
    legalForms: forms,
    honorifics: [],
    burmeseHonorific: false,
    scripts: basic.scripts,
    vowels: basic.vowels,
    text: '',
  };
}

function person(raw: string): Parts {
  const basic = basicTokens(separateThaiTitle(uninvert(raw)), 'person');
  const stripped = stripHonorifics(basic.folded, basic.original, basic.scripts.includes('Myanmar'));
  // Legal forms come off the end, after titles, so that "Somchai Bhd Mr." settles in one pass.
  const split = extractLegalForms(stripped.tokens, 'person');
  const sequence = stripped.tokens.slice(0, split.tokens.length);
  const roles = stripped.roles.slice(0, split.tokens.length);
  const keep = sequence.map((t) => !isNumber(t));
  return {
    kind: 'person',
    sequence,
    tokens: sequence.filter((_, i) => keep[i]),
    roles: roles.filter((_, i) => keep[i]),
    numbers: sequence.filter(isNumber),
    legalForms: split.forms,
    honorifics: stripped.removed,
    burmeseHonorific: stripped.burmeseHonorific,
    gender: stripped.gender,
    scripts: basic.scripts,
    vowels: basic.vowels,
    text: '',
  };
}

export function normalizeName(raw: string, kind: NameKind): NormalizedName {
  const text = nfkc(raw).trim();
  const { sequence, ...name } = kind === 'person' ? person(text) : organization(text);
  // Numbers stay where they were written, so that a second pass sees the same token positions.
  name.text = [...sequence, ...name.legalForms.map((f) => f.code)].join(' ');
  return name;
}
