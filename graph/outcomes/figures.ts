import { type DaysToFreeze, FREEZE, OUTCOME_KINDS, OutcomeFigures, type OutcomeGroup } from '../../src/domain/outcomes';
import type { StoredOutcome } from './store';

/*
 * The outcomes page's arithmetic, pure: how many exported leads were answered, with what, and how long
 * after the first report an account was frozen; over all leads and over the leads of each group.
 */

type Counted = Pick<StoredOutcome, 'leadId' | 'partner' | 'subjectId' | 'outcome' | 'date' | 'firstReportAt'>;

const DAY_MS = 86_400_000;

/** Whole days from the day of an instant to a day (YYYY-MM-DD), both read in UTC. */
const daysBetween = (instant: string, day: string): number =>
  Math.round((Date.parse(day) - Date.parse(instant.slice(0, 10))) / DAY_MS);

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A subject frozen by one partner counts once, at its first freeze: a bank that freezes again after a
 * release has not been slower the second time. Subjects whose reports are no longer known are left out.
 */
export function daysToFreeze(outcomes: readonly Counted[]): DaysToFreeze {
  const first = new Map<string, Counted>();
  for (const o of outcomes) {
    if (o.outcome !== FREEZE || o.firstReportAt === null) continue;
    const key = `${o.partner}|${o.subjectId}`;
    const seen = first.get(key);
    if (!seen || o.date < seen.date) first.set(key, o);
  }
  const days = [...first.values()].map((o) => daysBetween(o.firstReportAt!, o.date)).sort((a, b) => a - b);
  const counts = new Map<number, number>();
  for (const d of days) counts.set(d, (counts.get(d) ?? 0) + 1);
  return {
    count: days.length,
    median: median(days),
    values: [...counts].map(([d, subjects]) => ({ days: d, subjects })),
  };
}

export function outcomeFigures(leadIds: ReadonlySet<string>, outcomes: readonly Counted[]): OutcomeFigures {
  const mine = outcomes.filter((o) => leadIds.has(o.leadId));
  return {
    leadsExported: leadIds.size,
    leadsAnswered: new Set(mine.map((o) => o.leadId)).size,
    outcomes: mine.length,
    // Every kind listed, so that a zero reads as zero and the page's charts keep one shape.
    byKind: OutcomeFigures.shape.byKind.parse(
      Object.fromEntries(OUTCOME_KINDS.map((k) => [k, mine.filter((o) => o.outcome === k).length])),
    ),
    daysToFreeze: daysToFreeze(mine),
  };
}

/** A group a lead belongs to along one dimension: its key, and the name the page shows. */
export interface GroupKey {
  key: string;
  name: string;
}

/** The figures of every group, the leads of each being those `groupsOf` puts in it; groups sorted by name. */
export function groupFigures(
  groupsOf: ReadonlyMap<string, readonly GroupKey[]>,
  outcomes: readonly Counted[],
): OutcomeGroup[] {
  const groups = new Map<string, { name: string; leads: Set<string> }>();
  for (const [leadId, keys] of groupsOf) {
    for (const { key, name } of keys) {
      const group = groups.get(key) ?? { name, leads: new Set<string>() };
      group.leads.add(leadId);
      groups.set(key, group);
    }
  }
  return [...groups]
    .map(([key, g]) => ({ key, name: g.name, ...outcomeFigures(g.leads, outcomes) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
