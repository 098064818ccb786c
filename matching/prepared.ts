/**
 * Records prepared once for many comparisons: names normalised and tokenised with their phonetic
 * keys, dates parsed, countries and identifiers normalised. The resolver scores one mention against
 * many candidates, so this work must not be repeated per pair.
 */
import type { Identifier } from './identifiers';
import type { NameKind, NormalizedName } from './normalize/name';
import type { Script } from './normalize/script';
import type { VowelSource } from './normalize/transliterate';
import type { MatchRecord } from './types';

/** The id of a token prepared past the capacity of the token table (matching/prepare.ts). */
export const UNNUMBERED_TOKEN = -1;

/** Shared between every name that holds the token: never modified once prepared. */
export interface PreparedToken {
  /** Number of the distinct token (text, vowels, syllabic), or UNNUMBERED_TOKEN. */
  readonly id: number;
  text: string;
  /** Double Metaphone primary and alternate codes. */
  metaphone: readonly [string, string];
  /** South-East Asian romanisation key (phonetic/seaKey.ts). */
  sea: string;
  /** Name sound key (phonetic/seaKey.ts): one sound class of romanisations. */
  soundKey: string;
  /** Consonants only: compared when the vowels of a romanisation are unreliable. */
  skeleton: string;
  /** How reliably the token's romanisation renders vowels (see normalize/transliterate). */
  vowels: VowelSource;
  /** A single letter: an initial. */
  initial: boolean;
  /**
   * One syllable of a name written in Chinese characters or Hangul, romanised. Two such syllables
   * agree only when identical: in the native script, 종 and 정 are different names even though
   * their romanisations (jong, jeong) are variants of each other.
   */
  syllabic: boolean;
  /** Built-in prior share of names containing the token. */
  prior: number;
}

/**
 * The part of a person's name a value covers: a whole name, or only the given name (firstName
 * without lastName) or only the family name. Parts that differ cannot conflict.
 */
export type NamePart = 'full' | 'given' | 'family';

export interface PreparedName {
  normalized: NormalizedName;
  part: NamePart;
  /** Tokens that identify (not particles such as "bin", nor nickname particles such as "Boss"). */
  tokens: PreparedToken[];
  /**
   * For a name written wholly in Chinese characters or Hangul: one token per character, compared
   * with another name in the same script instead of `tokens`.
   */
  syllables?: { script: Script; tokens: PreparedToken[] };
}

export interface BirthDate {
  year: number;
  month?: number;
  day?: number;
  text: string;
}

/** What kind of thing a schema describes, which decides which features apply. */
export type SchemaGroup = 'person' | 'organization' | 'account' | 'address' | 'other';

export interface PreparedRecord {
  record: MatchRecord;
  schema: string;
  group: SchemaGroup;
  nameKind: NameKind;
  names: PreparedName[];
  birthDates: BirthDate[];
  /** ISO 3166-1 alpha-2 codes from nationality, country, jurisdiction. */
  countries: string[];
  /** Addresses as normalised tokens (words and numbers). */
  addresses: string[][];
  /** The value key of each address (`blocking/valueKeys`), in the order of `addresses`. */
  addressKeys?: string[];
  /** Places of birth as normalised tokens (optional: records prepared before lantern-match-2 lack it). */
  birthPlaces?: string[][];
  /** Occupations or positions held (FtM `position`), as normalised tokens (optional: added in lantern-match-3). */
  positions?: string[][];
  identifiers: Identifier[];
  /** Strong identifiers of the subjects the record is reported in relation with (optional: lantern-match-5). */
  relatedIdentifiers?: Identifier[];
  /**
   * Normalised tokens of the family name when the record states it apart (lastName, familyName;
   * optional: added in lantern-match-4). Tells which token of a full name is the family name.
   */
  familyTokens?: string[];
  /** Canonical text of everything compared: equal fingerprints mean identical records. */
  fingerprint: string;
}
