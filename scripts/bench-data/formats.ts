/**
 * Column mappings from the public labelled benchmark sets (../shared/benchmarks) to Lantern's
 * `eval clusters` JSONL. The sets are read for measuring only and never copied into the project.
 * The truth column only becomes `cluster`; it is never a property the matcher sees.
 */
import { parse } from 'csv-parse/sync';
import type { LabelledRecord } from '../../matching/cluster/evaluate';

type Row = Record<string, string>;

export interface BenchFormat {
  /** Where the set sits under ../shared/benchmarks. */
  file: string;
  /** The true cluster of a row. */
  cluster(row: Row): string;
  id(row: Row): string;
  properties(row: Row): Record<string, string[]>;
  defaultCountry?: string;
}

/** Drops empty values so that a missing field is absent, not an empty string the comparators would read. */
function props(entries: Record<string, Array<string | undefined>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(entries)) {
    const kept = values.map((v) => v?.trim() ?? '').filter((v) => v.length > 0);
    if (kept.length > 0) out[key] = kept;
  }
  return out;
}

const joinName = (...parts: Array<string | undefined>): string =>
  parts
    .map((p) => p?.trim() ?? '')
    .filter(Boolean)
    .join(' ');

/** febrl writes dates as YYYYMMDD; FtM wants ISO dates. Anything else is passed on as written. */
const isoDate = (raw: string | undefined): string | undefined =>
  raw && /^\d{8}$/u.test(raw) ? `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}` : raw;

export const FORMATS: Readonly<Record<string, BenchFormat>> = {
  'splink-fake': {
    file: 'splink/fake_1000.csv',
    id: (r) => `${r.unique_id}`,
    cluster: (r) => `${r.cluster}`,
    properties: (r) =>
      props({
        name: [joinName(r.first_name, r.surname)],
        firstName: [r.first_name],
        lastName: [r.surname],
        birthDate: [r.dob],
        address: [r.city],
        email: [r.email],
      }),
  },
  'splink-historical': {
    file: 'splink/historical_50k.csv',
    id: (r) => `${r.unique_id}`,
    cluster: (r) => `${r.cluster}`,
    properties: (r) =>
      props({
        name: [r.full_name],
        firstName: [r.first_name],
        lastName: [r.surname],
        birthDate: [r.dob],
        birthPlace: [r.birth_place],
        address: [r.postcode_fake],
        gender: [r.gender],
        position: [r.occupation],
      }),
  },
  febrl: {
    file: 'febrl/dataset3.csv',
    id: (r) => `${r.rec_id}`,
    cluster: (r) => `${r.rec_id}`.split('-')[1] ?? `${r.rec_id}`,
    defaultCountry: 'AU',
    properties: (r) =>
      props({
        name: [joinName(r.given_name, r.surname)],
        firstName: [r.given_name],
        lastName: [r.surname],
        address: [joinName(r.street_number, r.address_1, r.address_2, r.suburb, r.postcode, r.state)],
        birthDate: [isoDate(r.date_of_birth)],
        idNumber: [r.soc_sec_id],
      }),
  },
};

/** Reads one benchmark CSV (febrl's ", " separators included) into labelled Person records. */
export function convertCsv(format: BenchFormat, csvText: string): LabelledRecord[] {
  const rows = parse(csvText, { columns: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as Row[];
  return rows.map((row) => ({
    id: format.id(row),
    cluster: format.cluster(row),
    schema: 'Person',
    properties: format.properties(row),
    ...(format.defaultCountry ? { defaultCountry: format.defaultCountry } : {}),
  }));
}
