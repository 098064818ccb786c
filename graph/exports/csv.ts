import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { FtmEntity } from '../../src/domain/ftm';
import {
  IDENTIFIER_WORDS,
  LEADS_CSV_COLUMNS,
  type LeadsCsvRow,
  type SubjectCsvRow,
  type SubjectEvaluation,
} from '../../src/domain/leads';
import type { TypologyMatch } from '../../src/domain/typologies';
import { stripUnsafeText } from '../../src/domain/validation/text';

/**
 * What makes a spreadsheet read a cell as a formula: = + - @ (OWASP's list), their full-width forms,
 * which East Asian editions of Excel take as the same, and a tab, carriage return or line feed; each
 * also after leading spaces, which spreadsheets skip before looking.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/**
 * A cell a spreadsheet would run as a formula is prefixed with an apostrophe, the OWASP advice against
 * CSV injection. E.164 phones start with + and are prefixed too: the apostrophe is the price of
 * opening the file safely.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const GOAML_HINT: Readonly<Record<string, string>> = {
  Person: 't_person',
  Company: 't_entity',
  Organization: 't_entity',
  BankAccount: 't_account',
  UserAccount: 't_person or t_entity (contact of the owner)',
  Address: 't_address',
};

/**
 * Analysts appear in bundles only as a stable pseudonym of the person (never of a key, a name or an
 * e-mail): a recipient can see that two different people approved, and learns nothing about the hub's
 * staff. A key made before keys had people is its own person, so its old pseudonym stays what it was.
 */
const analystPseudonym = (person: string) =>
  `analyst-${createHash('sha256').update(person).digest('hex').slice(0, 10)}`;

const join = (values: readonly string[] | undefined) => (values ?? []).join('; ');

/** What a row is called: the entity's caption in FtM terms. */
function caption(entity: FtmEntity): string[] {
  const p = entity.properties;
  return [
    ...(p.name ?? []),
    ...(p.iban ?? []),
    ...(p.accountNumber ?? []),
    ...(p.username ?? []),
    ...(p.full ?? []),
    ...(p.street ?? []),
  ];
}

export function subjectRow(
  lead: { id: string; score: number; approvedBy: readonly string[]; approvedAt: string },
  subject: SubjectEvaluation,
  entity: FtmEntity,
): SubjectCsvRow {
  const p = entity.properties;
  const [name = entity.id, ...others] = caption(entity);
  return {
    lead_id: lead.id,
    ftm_id: entity.id,
    schema: entity.schema,
    name,
    aliases: join([...new Set([...others, ...(p.alias ?? [])])].filter((a) => a !== name)),
    countries: join(
      [...new Set([...(p.nationality ?? []), ...(p.country ?? []), ...(p.jurisdiction ?? [])])].map((c) =>
        c.toUpperCase(),
      ),
    ),
    phones: join([...(p.phone ?? []), ...(p.number ?? [])]),
    emails: join(p.email),
    account_numbers: join(p.accountNumber),
    ibans: join(p.iban),
    bank: join([...(p.bankName ?? []), ...(p.bic ?? [])]),
    registration_numbers: join([...(p.registrationNumber ?? []), ...(p.idNumber ?? [])]),
    roles: join(subject.roles),
    independent_reports: String(subject.independentReports),
    distinct_organisations: String(subject.organisations),
    strongest_identifier: subject.strongestIdentifier
      ? (IDENTIFIER_WORDS[subject.strongestIdentifier] ?? subject.strongestIdentifier)
      : 'name only',
    score: String(lead.score),
    approved_by: join(lead.approvedBy.map(analystPseudonym)),
    approved_at: lead.approvedAt,
    goaml_hint: GOAML_HINT[entity.schema] ?? '',
  };
}

/** A subject's row in leads.csv: its own cells, then its lead's typologies by id. */
export const leadsCsvRow = (row: SubjectCsvRow, typologies: readonly TypologyMatch[]): LeadsCsvRow => ({
  ...row,
  typologies: join(typologies.map((t) => t.id)),
});

/**
 * Control and bidirectional-override characters are taken out before the formula check: reports stored
 * before input was validated may hold them, and a bank's screening tool must not receive them.
 */
export function leadsCsv(rows: readonly LeadsCsvRow[]): string {
  return stringify(
    rows.map((row) => LEADS_CSV_COLUMNS.map((column) => neutraliseCell(stripUnsafeText(row[column])))),
    { header: true, columns: [...LEADS_CSV_COLUMNS] },
  );
}
