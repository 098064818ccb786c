/**
 * Dates as FollowTheMoney writes them: YYYY-MM-DD, or YYYY-MM and YYYY when only that much is known.
 * Each must be a real calendar date (no 1990-02-31) within a range that can be true. Pure: the caller
 * passes today's date.
 */
const FTM_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u;
/** Nobody reported today was born before this. */
export const EARLIEST_BIRTH_YEAR = 1900;
/** The earliest report date an organisation could be digitising from its case files. */
export const EARLIEST_REPORT_DATE = '1970-01-01';

const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The date as typed if it is a real (possibly partial) calendar date, else undefined. */
function calendarDate(raw: string): { text: string; precision: 'year' | 'month' | 'day' } | undefined {
  const match = FTM_DATE.exec(raw.trim());
  if (!match) return undefined;
  const read = (part: string | undefined) => (part === undefined ? undefined : Number(part));
  const [year, month, day] = [Number(match[1]), read(match[2]), read(match[3])];
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (day !== undefined && (day < 1 || day > daysIn(year, Number(month)))) return undefined;
  return { text: raw.trim(), precision: day !== undefined ? 'day' : month !== undefined ? 'month' : 'year' };
}

/** Whether a (partial) date can have begun by `today`: 2026 and 2026-12 have, in December 2026. */
const notAfter = (text: string, today: string): boolean => text <= today.slice(0, text.length);

export function birthDateProblem(raw: string, today: string): string | undefined {
  const date = calendarDate(raw);
  const rule = `between ${EARLIEST_BIRTH_YEAR} and today`;
  if (!date)
    return (
      `must be a real date written YYYY-MM-DD (e.g. 1985-04-12), or YYYY-MM or YYYY when only that is ` +
      `known, ${rule}`
    );
  if (Number(date.text.slice(0, 4)) < EARLIEST_BIRTH_YEAR || !notAfter(date.text, today))
    return `must be a birth date ${rule} (${today})`;
  return undefined;
}

/** One day of slack after today: a report filed just after midnight in Asia is still "today" in UTC. */
function tomorrow(today: string): string {
  const next = new Date(`${today}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export function reportedAtProblem(raw: string, today: string): string | undefined {
  const date = calendarDate(raw);
  const latest = tomorrow(today);
  const rule = `between ${EARLIEST_REPORT_DATE} and ${latest}`;
  if (date?.precision !== 'day') return `must be a real date written YYYY-MM-DD, ${rule}`;
  if (date.text < EARLIEST_REPORT_DATE || date.text > latest) return `must be a date ${rule}`;
  return undefined;
}

/**
 * A day on which something has already happened (a bank's action on a lead): a real YYYY-MM-DD, not
 * before `since` when given, and not in the future, with the day of slack `reportedAt` has.
 */
export function pastDayProblem(raw: string, today: string, since?: { day: string; what: string }): string | undefined {
  const date = calendarDate(raw);
  const latest = tomorrow(today);
  if (date?.precision !== 'day') return `must be a real date written YYYY-MM-DD, at the latest ${latest}`;
  if (date.text > latest)
    return `must not be in the future: at the latest ${latest} (today is ${today} in UTC, a day ahead elsewhere)`;
  if (since && date.text < since.day) return `must not be before ${since.what} (${since.day})`;
  return undefined;
}
