/**
 * Comparators for the facts around a name: legal forms, numbers in names, gender, birth dates,
 * countries. Each returns a level (what an analyst reads) with a similarity in [0, 1], or undefined
 * when one side lacks the fact.
 */
import type { Gender } from '../normalize/honorifics';
import type { LegalFormMatch } from '../normalize/legalForms';
import type { BirthDate } from '../prepared';
import { typingDistance } from './strings';

export interface Compared<L extends string> {
  level: L;
  value: number;
  /** Human-readable values behind the level, for explanations. */
  detail: string;
}

export type LegalFormLevel = 'same' | 'compatible' | 'conflict';

/** Families that can describe any company ("Company", "Corp") never conflict. */
const OPEN_FAMILIES = new Set(['generic', 'corporation']);

export function compareLegalForms(
  a: readonly LegalFormMatch[],
  b: readonly LegalFormMatch[],
): Compared<LegalFormLevel> | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const detail = `${a.map((f) => f.label).join(', ')} / ${b.map((f) => f.label).join(', ')}`;
  if (a.some((x) => b.some((y) => x.code === y.code))) return { level: 'same', value: 1, detail };
  const compatible = a.some((x) =>
    b.some((y) => x.family === y.family || OPEN_FAMILIES.has(x.family) || OPEN_FAMILIES.has(y.family)),
  );
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

/**
 * different_names_agree: the genders differ although the names agree beyond the family name (the
 * given names too). Different people who share a given name are nearly always of one gender, so there
 * the contradiction is most likely a recording slip; with only a family name or initials in common it
 * tells two relatives apart (Mr and Mrs J. Smith).
 */
export type GenderLevel = 'same' | 'different' | 'different_names_agree';

export function compareGender(
  a: Gender | undefined,
  b: Gender | undefined,
  givenNamesAgree = false,
): Compared<GenderLevel> | undefined {
  if (!a || !b) return undefined;
  if (a === b) return { level: 'same', value: 1, detail: a };
  return { level: givenNamesAgree ? 'different_names_agree' : 'different', value: 0, detail: `${a} / ${b}` };
}

export type BirthDateLevel =
  | 'exact'
  | 'swapped'
  | 'month'
  | 'year'
  | 'typo'
  | 'different_day'
  | 'different_month'
  | 'within_year'
  | 'year_slip'
  | 'years_apart'
  | 'different';

const BIRTH_DATE_VALUE: Readonly<Record<BirthDateLevel, number>> = {
  exact: 1,
  swapped: 0.8,
  month: 0.8,
  year: 0.6,
  typo: 0.6,
  different_day: 0.4,
  different_month: 0.1,
  within_year: 0.05,
  year_slip: 0.05,
  years_apart: 0.02,
  different: 0,
};

/** Ranked best first, so that the best agreement among several recorded dates wins. */
const BIRTH_DATE_RANK: readonly BirthDateLevel[] = [
  'exact',
  'swapped',
  'month',
  'typo',
  'year',
  'different_day',
  'different_month',
  'within_year',
  'year_slip',
  'years_apart',
  'different',
];

/** Days between two full dates, by a fixed 365.25-day year and 30.44-day month (only its size matters). */
const approxDays = (d: BirthDate): number => d.year * 365.25 + (d.month! - 1) * 30.44 + d.day!;

/** Days between the days of the year of two full dates (their month and day), ignoring the year. */
const dayOfYearGap = (a: BirthDate, b: BirthDate): number =>
  Math.abs((a.month! - b.month!) * 30.44 + (a.day! - b.day!));

/** One mistyped digit, or two adjacent digits swapped, in strings of one length (YYYYMMDD, YYYY). */
function oneSlip(a: string, b: string): boolean {
  const diff: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
  if (diff.length === 1) return true;
  const [i, j] = diff;
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j!] && a[j!] === b[i!];
}

const digits = (d: BirthDate): string =>
  `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;

/** 1 January stands in for an unknown date on many documents of the region (and in Afghanistan). */
const isPlaceholder = (d: BirthDate): boolean => d.month === 1 && d.day === 1;

/** A placeholder date says only its year. */
const informative = (d: BirthDate): BirthDate => (isPlaceholder(d) ? { year: d.year, text: d.text } : d);

/**
 * Years a typist's slip apart or a decade apart are told from dates that are simply far apart: a
 * date whose year is one digit off (1986 / 1976) while the day of the year is within a month is two
 * slips of one date; dates up to ten years apart are what a caseworker's estimate of an age or a
 * misread year produce; further apart they are different people (a father and son of one name).
 */
const YEARS_APART_MAX = 10;

function compareDates(x: BirthDate, y: BirthDate): BirthDateLevel {
  const full = x.day !== undefined && y.day !== undefined;
  if (full && digits(x) === digits(y)) return isPlaceholder(x) ? 'year' : 'exact';
  if (full && x.year === y.year && x.month === y.day && x.day === y.month) return 'swapped';
  // A placeholder's digits are not what was typed: 1871-01-01 / 1873-01-01 are two years, not a slip.
  if (full && !isPlaceholder(x) && !isPlaceholder(y) && oneSlip(digits(x), digits(y))) return 'typo';
  const a = informative(x);
  const b = informative(y);
  const years = Math.abs(a.year - b.year);
  if (a.day !== undefined && b.day !== undefined) {
    const days = Math.abs(approxDays(a) - approxDays(b));
    // Within a month, whether or not the month changes (1991-04-30 / 1991-05-02).
    if (days <= 31) return 'different_day';
    if (a.year === b.year) return 'different_month';
    if (days <= 366) return 'within_year';
    if (oneSlip(String(a.year), String(b.year)) && dayOfYearGap(a, b) <= 31) return 'year_slip';
  } else if (a.year === b.year) {
    if (a.month === undefined || b.month === undefined) return 'year';
    return a.month === b.month ? 'month' : 'different_month';
  } else if (years <= 1) {
    return 'within_year';
  }
  return years <= YEARS_APART_MAX ? 'years_apart' : 'different';
}

export function compareBirthDates(
  a: readonly BirthDate[],
  b: readonly BirthDate[],
): Compared<BirthDateLevel> | undefined {
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

export type AddressLevel = 'same' | 'similar' | 'different' | 'different_site' | 'same_site';

/**
 * Two words of an address that are one place typed twice: equal, or (words of four letters or more
 * with the same first letter) one slip apart, two in words of seven letters or more (Chaing Mai / Chiang
 * Mai, Kuala Lumpr / Kuala Lumpur). Numbers (house numbers, postcodes) must agree exactly.
 */
function sameAddressWord(x: string, y: string): boolean {
  if (x === y) return true;
  if (x[0] !== y[0] || /\d/u.test(x) || /\d/u.test(y)) return false;
  const shorter = Math.min(x.length, y.length);
  if (shorter < 4 || Math.abs(x.length - y.length) > 2) return false;
  const d = typingDistance(x, y);
  return d <= 1 || (d === 2 && shorter >= 7);
}

/**
 * Jaccard overlap of two addresses' words, words one slip apart counting as shared (each used once).
 * The pairing is greedy, so it is taken both ways and the better kept: the result is symmetric.
 */
export function addressOverlap(x: readonly string[], y: readonly string[]): number {
  return Math.max(greedyOverlap(x, y), greedyOverlap(y, x));
}

function greedyOverlap(x: readonly string[], y: readonly string[]): number {
  const left = [...new Set(x)];
  const right = [...new Set(y)];
  if (left.length === 0 && right.length === 0) return 1;
  const used = new Set<number>();
  let shared = 0;
  for (const word of left) {
    let k = right.indexOf(word);
    if (k >= 0 && used.has(k)) k = -1;
    if (k < 0) k = right.findIndex((other, j) => !used.has(j) && sameAddressWord(word, other));
    if (k >= 0) {
      used.add(k);
      shared += 1;
    }
  }
  return shared / (left.length + right.length - shared);
}

/** The house number: the number an address starts with ("1001 w roosevelt rd"), if it does. */
const houseNumber = (words: readonly string[]): string | undefined =>
  words[0] !== undefined && /^\d+$/u.test(words[0]) ? words[0] : undefined;

function sameHouseNumber(x: readonly string[], y: readonly string[]): boolean {
  const hx = houseNumber(x);
  return hx !== undefined && hx === houseNumber(y);
}

/**
 * Two addresses that start with different house numbers and are not the same address otherwise: for
 * an organisation, another house number is another site of the group (its schools, clinics,
 * branches). Postcodes and street numbers ("47th") are shared by neighbours and do not count.
 */
function otherNumbers(x: readonly string[], y: readonly string[]): boolean {
  const hx = houseNumber(x);
  const hy = houseNumber(y);
  return hx !== undefined && hy !== undefined && hx !== hy;
}

/**
 * Addresses as word sets (street words, numbers, places): the best-agreeing pair of addresses, words
 * a typing slip apart counting as the same word. Only long addresses can be called different; a short
 * one may just be less precise.
 *
 * @param sites organisations: addresses with different house numbers are different sites
 *   (`different_site`), whatever else they share; the same house number on the same street is the
 *   same site (`same_site`).
 */
export function compareAddresses(
  a: readonly (readonly string[])[],
  b: readonly (readonly string[])[],
  sites = false,
): Compared<AddressLevel> | undefined {
  let best: { overlap: number; x: readonly string[]; y: readonly string[] } | undefined;
  for (const x of a) {
    for (const y of b) {
      const overlap = addressOverlap(x, y);
      if (!best || overlap > best.overlap) best = { overlap, x, y };
    }
  }
  if (!best) return undefined;
  const detail = `${best.x.join(' ')} / ${best.y.join(' ')}`;
  if (sites && best.overlap < 0.7 && otherNumbers(best.x, best.y))
    return { level: 'different_site', value: best.overlap, detail };
  if (sites && best.overlap >= 0.4 && sameHouseNumber(best.x, best.y))
    return { level: 'same_site', value: best.overlap, detail };
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
export function compareBirthPlaces(
  a: readonly (readonly string[])[],
  b: readonly (readonly string[])[],
): Compared<BirthPlaceLevel> | undefined {
  for (const x of a) {
    for (const y of b) {
      const shared = x.filter((t) => y.includes(t)).length;
      if (shared > 0 && shared >= Math.min(x.length, y.length))
        return { level: 'same', value: 1, detail: `${x.join(' ')} / ${y.join(' ')}` };
    }
  }
  return undefined;
}

export type PositionLevel = 'same';

/**
 * Occupations or positions as word sets: the same occupation (one contained in the other: "painter" /
 * "portrait painter"). People change jobs and describe one job many ways, so a difference says nothing.
 */
export function comparePositions(
  a: readonly (readonly string[])[],
  b: readonly (readonly string[])[],
): Compared<PositionLevel> | undefined {
  const same = compareBirthPlaces(a, b);
  return same && { level: 'same', value: 1, detail: same.detail };
}

export type CountryLevel = 'same' | 'different';

export function compareCountries(a: readonly string[], b: readonly string[]): Compared<CountryLevel> | undefined {
  if (a.length === 0 || b.length === 0) return undefined;
  const detail = `${a.join(', ')} / ${b.join(', ')}`;
  return a.some((c) => b.includes(c)) ? { level: 'same', value: 1, detail } : { level: 'different', value: 0, detail };
}
