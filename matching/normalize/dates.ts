/**
 * Birth dates as caseworkers type them: ISO (1979-03-02, 1979-03, 1979), day first with any
 * separator (02/03/1979, 2.3.1979: the region writes day before month), or a compact 19790302.
 * Unreadable dates are ignored rather than guessed; an impossible month or day is dropped (see
 * build). Any year from 1000 on is accepted: a date is evidence whatever the century (historical and
 * archival records name people born in the 1500s). The upper bound is fixed rather than read from a
 * clock, since matching is pure.
 */
import type { BirthDate } from '../prepared';

const MIN_YEAR = 1000;
const MAX_YEAR = 2100;

const ISO = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?(?:T.*)?$/u;
const DAY_FIRST = /^(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})$/u;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/u;

/**
 * A date with an impossible month or day (1828-02-42, 1856-86-18: a slip of the keyboard) keeps the
 * fields before the impossible one, read at that precision (1828-02, 1856), rather than being lost.
 */
function build(year: number, month?: number, day?: number): BirthDate | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
  if (month !== undefined && (month < 1 || month > 12)) return build(year);
  if (day !== undefined && month === undefined) return undefined;
  if (day !== undefined && (day < 1 || day > 31)) return build(year, month);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const text = [String(year), month && pad(month), day && pad(day)].filter(Boolean).join('-');
  return { year, month, day, text };
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));

export function parseBirthDate(raw: string): BirthDate | undefined {
  const text = raw.trim();
  const iso = ISO.exec(text) ?? COMPACT.exec(text);
  if (iso) return build(Number(iso[1]), num(iso[2]), num(iso[3]));
  const dayFirst = DAY_FIRST.exec(text);
  if (!dayFirst) return undefined;
  const [day, month, year] = [Number(dayFirst[1]), Number(dayFirst[2]), Number(dayFirst[3])];
  // 03/25/1980 can only be month first.
  return month > 12 && day <= 12 ? build(year, day, month) : build(year, month, day);
}
