/**
 * Subjects as FollowTheMoney entities: every property value an array of strings, only properties the
 * schema defines, identifiers normalised (phones in E.164), topic `poi`. Lead metadata is not valid FtM
 * and goes to leads.csv and the manifest instead. Pure.
 */
import { createHash } from 'node:crypto';
import { normalizeIdentifiers } from '../../matching/identifiers';
import { normalizeCountry } from '../../matching/normalize/countries';
import type { MatchRecord } from '../../matching/types';
import {
  type FtmEntity,
  LINK_ENDS,
  type LinkTypeName,
  SUBJECT_SCHEMAS,
  type SubjectSchemaName,
} from '../../src/domain/ftm';
import { stripUnsafeText } from '../../src/domain/validation/text';

/** Properties taken as typed, per schema (identifiers are normalised separately below). */
const TEXT_PROPERTIES: Readonly<Record<SubjectSchemaName, readonly string[]>> = {
  Person: ['name', 'alias', 'firstName', 'lastName', 'birthDate', 'address'],
  Company: ['name', 'alias', 'website', 'address'],
  Organization: ['name', 'alias', 'website', 'address'],
  BankAccount: ['bankName'],
  UserAccount: ['service'],
  Address: ['full', 'street', 'city', 'postalCode', 'region'],
};

/** FtM country-typed properties: lower-case ISO codes. */
const COUNTRY_PROPERTIES: Readonly<Record<SubjectSchemaName, readonly string[]>> = {
  Person: ['nationality', 'country'],
  Company: ['jurisdiction', 'country'],
  Organization: ['jurisdiction', 'country'],
  BankAccount: ['country'],
  UserAccount: [],
  Address: ['country'],
};

/** Where each identifier kind goes in each schema; kinds a schema has no property for are left out. */
const IDENTIFIER_PROPERTY: Readonly<Record<SubjectSchemaName, Readonly<Record<string, string>>>> = {
  Person: { phone: 'phone', email: 'email', idNumber: 'idNumber' },
  Company: { phone: 'phone', email: 'email', registration: 'registrationNumber' },
  Organization: { phone: 'phone', email: 'email', registration: 'registrationNumber' },
  BankAccount: { account: 'accountNumber', iban: 'iban', bic: 'bic' },
  UserAccount: { phone: 'number', email: 'email', username: 'username' },
  Address: {},
};

/** Values stored before input was validated may hold control or bidi characters; a bundle never does. */
const add = (props: Map<string, Set<string>>, prop: string, value: string) => {
  const v = stripUnsafeText(value).trim();
  if (v) props.set(prop, (props.get(prop) ?? new Set()).add(v));
};

/** One subject, from the records of the mentions it is made of. */
export function subjectEntity(id: string, schema: SubjectSchemaName, records: readonly MatchRecord[]): FtmEntity {
  const props = new Map<string, Set<string>>();
  for (const record of records) {
    const p = record.properties;
    for (const prop of TEXT_PROPERTIES[schema]) for (const v of p[prop] ?? []) add(props, prop, v);
    if (schema === 'Person' && !p.name?.length && (p.firstName?.length || p.lastName?.length)) {
      add(props, 'name', [...(p.firstName ?? []), ...(p.lastName ?? [])].join(' '));
    }
    for (const prop of COUNTRY_PROPERTIES[schema]) {
      for (const v of p[prop] ?? []) {
        const code = normalizeCountry(v);
        if (code) add(props, prop, code.toLowerCase());
      }
    }
    // Masked or invalid numbers are partial: supporting evidence for analysts, nothing to screen on.
    for (const identifier of normalizeIdentifiers(record)) {
      const prop = IDENTIFIER_PROPERTY[schema][identifier.kind];
      if (prop && (identifier.strength === 'strong' || identifier.kind === 'bic')) add(props, prop, identifier.value);
    }
  }
  // FtM requires a username; for handles that are phone numbers (WhatsApp, Viber) the number is the handle.
  if (schema === 'UserAccount' && !props.has('username'))
    for (const n of props.get('number') ?? []) add(props, 'username', n);
  const properties: Record<string, string[]> = Object.fromEntries(
    [...props].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, [...v].sort()]),
  );
  properties.topics = ['poi'];
  return { id, schema, properties };
}

/** Which schemas FtM accepts at each end of a link; a reported link that does not fit is an UnknownLink. */
const LINK_RANGES: Readonly<Record<LinkTypeName, { from: readonly string[]; to: readonly string[] }>> = {
  Ownership: { from: ['Person', 'Company', 'Organization'], to: ['Company', 'BankAccount'] },
  Directorship: { from: ['Person', 'Company', 'Organization'], to: ['Company', 'Organization'] },
  Employment: { from: ['Company', 'Organization'], to: ['Person'] },
  Associate: { from: ['Person'], to: ['Person'] },
  UnknownLink: { from: SUBJECT_SCHEMAS, to: SUBJECT_SCHEMAS },
};

export function linkEntity(
  type: LinkTypeName,
  from: { id: string; schema: string },
  to: { id: string; schema: string },
): FtmEntity {
  const fits = LINK_RANGES[type].from.includes(from.schema) && LINK_RANGES[type].to.includes(to.schema);
  const schema: LinkTypeName = fits ? type : 'UnknownLink';
  const ends = LINK_ENDS[schema];
  const id = `lnk_${createHash('sha256').update(`${schema}|${from.id}|${to.id}`).digest('hex').slice(0, 32)}`;
  return { id, schema, properties: { [ends.from]: [from.id], [ends.to]: [to.id] } };
}
