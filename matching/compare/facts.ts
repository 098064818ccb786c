/**
 * Comparators for the facts around a name: legal forms, numbers in names, gender, birth dates,
 * countries. Each returns a level (what an analyst reads) with a similarity in [0, 1], or undefined
 * when one side lacks the fact.
 */
import type { Gender } from '../normalize/honorifics';
import type { LegalFormMatch } from '../normalize/legalForms';
import type { BirthDate } from '../prepared';
import { tokenSetOverlap } from './strings';

export interface Compared<L extends string> {
  level: L;
  value: number;
  /** Human-readable values behind the level, for explanations. */
  detail: string;
}

export type LegalFormLevel = 'same' | 'compatible' | 'conflict';

/** Families that can describe any company ("Company", "Corp") never conflict. */
const OPEN_FAMILIES = new Set(['generic', 'corporation']);

export function compareLegalForms(a: readonly LegalFormMatch[], b: readonly LegalFormMatch[]): Compared<LegalFormLevel> | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const detail = `${a.map((f) => f.label).join(', ')} / ${b.map((f) => f.label).join(', ')}`;
  if (a.some((x) => b.some((y) => x.code === y.code))) return { level: 'same', value: 1, detail };
  const compatible = a.some((x) => b.some((y) => x.family === y.family || OPEN_FAMILIES.has(x.family) || OPEN_FAMILIES.has(y.family)));
  return compatible ? { level: 'compatible', value: 0.7, detail } : { level: 'conflict', value: 0, detail };
}

export type NumberLevel = 'same' | 'one_sided' | 'different';

/** Numbers in names: Golden Star 1 is not Golden Star 2. */
export function compareNumbers(a: readonly string[], b: readonly string[]): Compared<NumberLevel> | undefined {
  if (a.length === 0 && b.length === 0) return undefined;
  const detail = `${a.join(' ') || '(none)'} / ${b.join(' ') || '(none)'}`;
  if (a.length === 0 || b.length === 0) return { level: 'one_sided', value: 0.5, detail };
  const left = new Set(a);
  const right = new Set(b);
  const same = left.size === right.size && [...right].every((n) => left.has(n));
  return same ? { level: 'same', value: 1, detail } : { level: 'different', value: 0, detail };
}

export type GenderLevel = 'same' | 'different';

export function compareGender(a: Gender | undefined, b: Gender | undefined): Compared<GenderLevel> | undefined {
  if (!a || !b) return undefined;
  return a === b ? { level: 'same', value: 1, detail: a } : { level: 'different', value: 0, detail: `${a} / ${b}` };
}

export type BirthDateLevel =
  'exact' | 'swapped' | 'month' | 'year' | 'typo' | 'different_day' | 'different_month' | 'within_year' | 'different';

const BIRTH_DATE_VALUE: Readonly<Record<BirthDateLevel, number>> = {
  exact: 1, swapped: 0.8, month: 0.8, year: 0.6, typo: 0.6, different_day: 0.2, different_month: 0.1, within_year: 0.05, different: 0,
};

/** Ranked best first, so that the best agreement among several recorded dates wins. */
const BIRTH_DATE_RANK: readonly BirthDateLevel[] = [
  'exact', 'swapped', 'month', 'typo', 'year', 'different_day', 'different_month', 'within_year', 'different',
];

/** Days between two full dates, by a fixed 365.25-day year and 30.44-day month (only its size matters). */
const approxDays = (d: BirthDate): number => d.year * 365.25 + (d.month! - 1) * 30.44 + d.day!;

/** One mistyped digit, or two adjacent digits swapped, in YYYYMMDD. */
function oneSlip(a: string, b: string): boolean {
  const diff: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  const [i, j] = diff;
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j!] && a[j!] === b[i!];
}

const digits = (d: BirthDate): string => `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;

/** 1 January stands in for an unknown date on many documents of the region (and in Afghanistan). */
const isPlaceholder = (d: BirthDate): boolean => d.month === 1 && d.day === 1;

function compareDates(a: BirthDate, b: BirthDate): BirthDateLevel {
  const full = a.day !== undefined && b.day !== undefined;
  if (full && digits(a) === digits(b)) return isPlaceholder(a) ? 'year' : 'exact';
  if (full && a.year === b.year && a.month === b.day && a.day === b.month) return 'swapped';
  if (full && oneSlip(digits(a), digits(b))) return 'typo';
  if (a.year !== b.year) return full && Math.abs(approxDays(a) - approxDays(b)) <= 366 ? 'within_year' : 'different';
  if (a.month === undefined || b.month === undefined) return 'year';
  if (a.month !== b.month) return 'different_month';
  return full ? 'different_day' : 'month';
}

export function compareBirthDates(a: readonly BirthDate[], b: readonly BirthDate[]): Compared<BirthDateLevel> | undefined {
  let best: Compared<BirthDateLevel> | undefined;
  for (const x of a) {
    for (const y of b) {
      const level = compareDates(x, y);
      if (!best || BIRTH_DATE_RANK.indexOf(level) < BIRTH_DATE_RANK.indexOf(best.level)) {
        best = { level, value: BIRTH_DATE_VALUE[level], detail: `${x.text} / ${y.text}` };
      }
    }
  }
  return best;
}

export type AddressLevel = 'same' | 'similar' | 'different';

/**
 * Addresses as token sets (street words, numbers, places): the best-agreeing pair of addresses.
 * Only long addresses can be called different; a short one may just be less precise.
 */
export function compareAddresses(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): Compared<AddressLevel> | undefined {
  let best: { overlap: number; x: readonly string[]; y: readonly string[] } | undefined;
  for (const x of a) {
    for (const y of b) {
      const overlap = tokenSetOverlap(x, y);
      if (!best || overlap > best.overlap) best = { overlap, x, y };
    }
  }
  if (!best) return undefined;
  const detail = `${best.x.join(' ')} / ${best.y.join(' ')}`;
  if (best.overlap >= 0.7) return { level: 'same', value: best.overlap, detail };
  if (best.overlap >= 0.4) return { level: 'similar', value: best.overlap, detail };
  const long = Math.min(best.x.length, best.y.length) >= 3;
  return long && best.overlap < 0.15 ? { level: 'different', value: best.overlap, detail } : undefined;
}

export type BirthPlaceLevel = 'same';

/**
 * Places of birth as token sets: the same place (most words shared: "bristol" / "bristol, city of").
 * Different spellings of one place are common (districts, old names), so a difference says nothing.
 */
export function compareBirthPlaces(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): Compared<BirthPlaceLevel> | undefined {
  for (const x of a) {
    for (const y of b) {
      const shared = x.filter((t) => y.includes(t)).length;
      if (shared > 0 && shared >= Math.min(x.length, y.length)) return { level: 'same', value: 1, detail: `${x.join(' ')} / ${y.join(' ')}` };
    }
  }
  return undefined;
}

export type CountryLevel = 'same' | 'different';

export function compareCountries(a: readonly string[], b: readonly string[]): Compared<CountryLevel> | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const detail = `${a.join(', ')} / ${b.join(', ')}`;
  return a.some((c) => b.includes(c)) ? { level: 'same', value: 1, detail } : { level: 'different', value: 0, detail };
}
