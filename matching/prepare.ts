/**
 * prepareRecord: everything about one record that does not depend on the record it is compared with,
 * computed once. Callers that compare one record many times (the resolver, clustering, blocking)
 * should prepare it once and pass the prepared form to scorePrepared.
 */
import { addressValueKey, foldAddress } from './blocking/valueKeys';
import { normalizeIdentifiers } from './identifiers';
import { basicTokens, foldToken } from './normalize/basic';
import { normalizeCountry } from './normalize/countries';
import { parseBirthDate } from './normalize/dates';
import { type NameKind, normalizeName } from './normalize/name';
import { detectScripts, type Script, scriptOf } from './normalize/script';
import { transliterate, type VowelSource } from './normalize/transliterate';
import { consonantSkeleton, doubleMetaphone, nameSoundKey, seaKey } from './phonetic';
import {
  type BirthDate,
  type NamePart,
  type PreparedName,
  type PreparedRecord,
  type PreparedToken,
  type SchemaGroup,
  UNNUMBERED_TOKEN,
} from './prepared';
import { priorShare } from './score/frequencies';
import type { MatchRecord } from './types';

export type { BirthDate, NamePart, PreparedName, PreparedRecord, PreparedToken, SchemaGroup } from './prepared';

const GROUPS: Readonly<Record<string, SchemaGroup>> = {
  Person: 'person',
  Company: 'organization',
  Organization: 'organization',
  BankAccount: 'account',
  UserAccount: 'account',
  Address: 'address',
};

export function schemaGroup(schema: string): SchemaGroup {
  return GROUPS[schema] ?? 'other';
}

/** Properties whose values are names of the thing. */
const NAME_PROPERTIES = ['name', 'alias', 'previousName', 'weakAlias'];
const COUNTRY_PROPERTIES = ['nationality', 'citizenship', 'country', 'jurisdiction'];

/** Names of the record with the part of a person's name each one covers. */
function nameValues(record: MatchRecord, group: SchemaGroup): Array<readonly [string, NamePart]> {
  const props = record.properties;
  const values: Array<readonly [string, NamePart]> = NAME_PROPERTIES.flatMap((p) => props[p] ?? []).map(
    (v) => [v, 'full'] as const,
  );
  if (group === 'person') {
    const first = [...(props.firstName ?? []), ...(props.givenName ?? [])];
    const last = [...(props.lastName ?? []), ...(props.familyName ?? [])];
    const middle = (props.middleName ?? []).join(' ');
    const part: NamePart = first.length > 0 && last.length > 0 ? 'full' : first.length > 0 ? 'given' : 'family';
    for (const f of first.length > 0 ? first : ['']) {
      for (const l of last.length > 0 ? last : ['']) {
        const full = [f, middle, l].filter(Boolean).join(' ');
        if (full) values.push([full, part]);
      }
    }
  }
  if (group === 'address') values.push(...(props.full ?? []).map((v) => [v, 'full'] as const));
  // A name that is also written as a lone firstName or lastName is only that part of the name.
  const unique = new Map<string, NamePart>();
  for (const [value, part] of values) {
    const key = value.trim();
    if (key && (!unique.has(key) || part !== 'full')) unique.set(key, part);
  }
  return [...unique.entries()];
}

/**
 * Names come from a limited stock, so the same token recurs in thousands of names: each distinct token
 * is prepared once and numbered, and comparisons cache their results by those numbers
 * (compare/tokens.ts). Past the capacity, tokens are prepared afresh and left unnumbered, which
 * changes no result, only how often the work is repeated.
 */
const TOKENS = new Map<string, PreparedToken>();
const TOKENS_CAPACITY = 2_000_000;

/** A token with its phonetic keys and prior share, computed once. */
export function prepareToken(text: string, vowels: VowelSource, syllabic = false): PreparedToken {
  const key = `${text}\u0000${vowels}\u0000${syllabic ? 1 : 0}`;
  const known = TOKENS.get(key);
  if (known) return known;
  const numbered = TOKENS.size < TOKENS_CAPACITY;
  const token: PreparedToken = {
    id: numbered ? TOKENS.size : UNNUMBERED_TOKEN,
    text,
    metaphone: doubleMetaphone(text),
    sea: seaKey(text),
    soundKey: nameSoundKey(text),
    skeleton: consonantSkeleton(text),
    vowels,
    initial: text.length === 1,
    syllabic,
    prior: priorShare(text),
  };
  if (numbered) TOKENS.set(key, token);
  return token;
}

/** Scripts whose characters are whole syllables of a name. */
const SYLLABIC_SCRIPTS: ReadonlySet<Script> = new Set(['Han', 'Hangul']);

function syllables(raw: string, kind: NameKind): PreparedName['syllables'] {
  const scripts = detectScripts(raw);
  const script = scripts[0];
  if (scripts.length !== 1 || !script || !SYLLABIC_SCRIPTS.has(script)) return undefined;
  const chars = [...raw].filter((ch) => scriptOf(ch.codePointAt(0)!) === script);
  const person = kind === 'person';
  const tokens = chars.map((ch, i) => {
    // The first character of a person's name is the family name and is read as one (单 shan, 김 kim).
    const latin = foldToken(transliterate(ch, { person: person && i === 0 }).trim());
    return prepareToken(latin, 'written', true);
  });
  return { script, tokens };
}

export function prepareName(raw: string, kind: NameKind, part: NamePart = 'full'): PreparedName {
  const normalized = normalizeName(raw, kind);
  const tokens = normalized.tokens
    .filter((_, i) => normalized.roles[i] === 'name')
    .map((t) => prepareToken(t, normalized.vowels));
  return { normalized, tokens, part, syllables: syllables(raw, kind) };
}

export function prepareRecord(record: MatchRecord): PreparedRecord {
  const group = schemaGroup(record.schema);
  const nameKind: NameKind = group === 'person' ? 'person' : 'organization';
  const names = nameValues(record, group)
    .map(([value, part]) => prepareName(value, nameKind, part))
    .filter((name) => name.tokens.length > 0 || name.normalized.numbers.length > 0);
  const birthDates = (record.properties.birthDate ?? [])
    .map(parseBirthDate)
    .filter((d): d is BirthDate => d !== undefined);
  const countries = [
    ...new Set(
      COUNTRY_PROPERTIES.flatMap((p) => record.properties[p] ?? [])
        .map(normalizeCountry)
        .filter((c): c is string => c !== undefined),
    ),
  ];
  const addressValues = (group === 'address' ? [] : (record.properties.address ?? []))
    .map((a) => ({ tokens: basicTokens(a, 'organization').folded, key: addressValueKey(foldAddress(a)) }))
    .filter((a) => a.tokens.length > 0);
  const addresses = addressValues.map((a) => a.tokens);
  const addressKeys = addressValues.map((a) => a.key);
  const identifiers = normalizeIdentifiers(record);
  const relatedIdentifiers = (record.related ?? [])
    .flatMap((r) => normalizeIdentifiers({ ...r, defaultCountry: record.defaultCountry }))
    .filter((id) => id.strength === 'strong');
  const fingerprint = JSON.stringify([
    group,
    [...new Set(names.map((n) => n.normalized.text))].sort(),
    birthDates.map((d) => d.text).sort(),
    [...countries].sort(),
    addresses.map((a) => a.join(' ')).sort(),
    identifiers.map((id) => `${id.kind}|${id.service ?? ''}|${id.value}|${id.strength}`).sort(),
  ]);
  const words = (values: readonly string[] | undefined): string[][] =>
    group === 'person'
      ? (values ?? []).map((p) => basicTokens(p, 'organization').folded).filter((t) => t.length > 0)
      : [];
  const birthPlaces = words(record.properties.birthPlace);
  const positions = words(record.properties.position);
  const familyTokens =
    group === 'person'
      ? [
          ...new Set(
            [...(record.properties.lastName ?? []), ...(record.properties.familyName ?? [])].flatMap((v) =>
              prepareName(v, nameKind, 'family').tokens.map((t) => t.text),
            ),
          ),
        ]
      : [];
  return {
    record,
    schema: record.schema,
    group,
    nameKind,
    names,
    birthDates,
    countries,
    addresses,
    addressKeys,
    birthPlaces,
    positions,
    identifiers,
    relatedIdentifiers,
    familyTokens,
    fingerprint,
  };
}

/** The normalised name tokens of a prepared record, for counting term frequencies. */
export function nameTokens(prepared: PreparedRecord): string[][] {
  return prepared.names.map((name) => name.tokens.map((t) => t.text));
}
