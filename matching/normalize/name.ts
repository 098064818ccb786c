/**
 * A name, normalised for comparison: scripts transliterated, case and diacritics folded, legal forms
 * and titles taken out (and kept as facts of their own), tokens classified, numbers kept as numbers.
 * `text` is canonical: normalising it again gives the same text.
 */
import { basicTokens, type NameKind } from './basic';
import { separateThaiTitle, stripHonorifics, type Gender, type TokenRole } from './honorifics';
import { extractLegalForms, segmentUnspacedLegalForms, type LegalFormMatch } from './legalForms';
import type { Script } from './script';
import { isNumber } from './tokens';
import { nfkc } from './unicode';

export type { NameKind } from './basic';
export type { Gender, TokenRole } from './honorifics';

export interface NormalizedName {
  kind: NameKind;
  /** Canonical form: tokens, then numbers, then legal-form codes. */
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
  /** Written in Arabic or Hebrew script: short vowels are missing from the tokens. */
  abjad: boolean;
}

/** Function words that carry nothing in organisation names. */
const ORGANIZATION_STOPWORDS = new Set([
  'the', 'of', 'and', 'for', 'de', 'des', 'du', 'la', 'les', 'los', 'las', 'el', 'der', 'die', 'das', 'fur',
  'und', 'et', 'y', 'e', 'di', 'da', 'do', 'dos', 'an', 'a', 'in',
]);

/** "Smith, John" and "AL BEN ALI, Isa Ben Tarif" put the family name first: restore reading order. */
function uninvert(text: string): string {
  const parts = text.split(',');
  if (parts.length !== 2) return text;
  const [family, given] = parts.map((p) => p.trim()) as [string, string];
  const words = (s: string): number => s.split(/\s+/u).filter(Boolean).length;
  return words(family) >= 1 && words(family) <= 3 && words(given) >= 1 ? `${given} ${family}` : text;
}

function organization(raw: string): NormalizedName {
  const basic = basicTokens(segmentUnspacedLegalForms(raw), 'organization');
  const first = extractLegalForms(basic.folded, 'organization');
  const withoutStopwords = first.tokens.filter((t) => !ORGANIZATION_STOPWORDS.has(t));
  // Stopwords can hide a form ("Goldman Sachs & Co."); a second pass takes it.
  const second = extractLegalForms(withoutStopwords.length > 0 ? withoutStopwords : first.tokens, 'organization');
  const forms = [...new Map([...first.forms, ...second.forms].map((f) => [f.code, f])).values()]
    .filter((f, _, all) => f.family !== 'generic' || all.every((o) => o.family === 'generic'))
    .sort((a, b) => a.code.localeCompare(b.code));
  const words = second.tokens.filter((t) => !isNumber(t));
  return {
    kind: 'organization',
    tokens: words,
    roles: words.map(() => 'name'),
    numbers: second.tokens.filter(isNumber),
    legalForms: forms,
    honorifics: [],
    burmeseHonorific: false,
    scripts: basic.scripts,
    abjad: basic.abjad,
    text: '',
  };
}

function person(raw: string): NormalizedName {
  const basic = basicTokens(separateThaiTitle(uninvert(raw)), 'person');
  const split = extractLegalForms(basic.folded, 'person');
  const stripped = stripHonorifics(split.tokens, basic.original.slice(0, split.tokens.length), basic.scripts.includes('Myanmar'));
  const keep = stripped.tokens.map((t) => !isNumber(t));
  return {
    kind: 'person',
    tokens: stripped.tokens.filter((_, i) => keep[i]),
    roles: stripped.roles.filter((_, i) => keep[i]),
    numbers: stripped.tokens.filter(isNumber),
    legalForms: split.forms,
    honorifics: stripped.removed,
    burmeseHonorific: stripped.burmeseHonorific,
    gender: stripped.gender,
    scripts: basic.scripts,
    abjad: basic.abjad,
    text: '',
  };
}

export function normalizeName(raw: string, kind: NameKind): NormalizedName {
  const text = nfkc(raw).trim();
  const name = kind === 'person' ? person(text) : organization(text);
  name.text = [...name.tokens, ...name.numbers, ...name.legalForms.map((f) => f.code)].join(' ');
  return name;
}
