import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import { z } from 'zod';
import {
  type ExportOutcomes,
  type ExportSubject,
  Outcome,
  type OutcomeInput,
  outcomeIssuesFor,
  type RecordedOutcome,
} from '../../src/domain/outcomes';
import type { Graph } from '../driver';
import { exportFromNode, lockExport, type StoredExport } from '../exports/store';
import { parseFirstRow, parseNode } from '../records';

/*
 * Outcomes reported by partner banks, as graph nodes:
 * (x:Export)-[:OUTCOME]->(o:Outcome {id, exportId, leadId, subjectId, outcome, date, note, partner, recordedAt,
 * recordedBy, subjectWithdrawn, firstReportAt})-[:ABOUT]->(l:Lead). Neo4j keeps no null: a missing note or
 * first report is an absent property.
 */

export class OutcomeError extends Error {
  constructor(
    readonly code: 'invalid' | 'conflict',
    message: string,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(message);
    this.name = 'OutcomeError';
  }
}

const OutcomeNode = Outcome.extend({
  note: Outcome.shape.note.default(null),
  /** The earliest receivedAt of the reports behind the subject when the outcome was recorded; for the hub only. */
  firstReportAt: z.string().nullable().default(null),
});
export type StoredOutcome = z.infer<typeof OutcomeNode>;

export const outcomeFromNode = (node: unknown): StoredOutcome => parseNode(node, OutcomeNode);

/** What the API shows of a stored outcome: all but the hub's own report dates. */
const shown = ({ firstReportAt: _, ...outcome }: StoredOutcome): Outcome => outcome;

/** The subjects of an export as its bundle lists them, withdrawn ones too, with the records behind each. */
function subjectsOf(x: StoredExport): Array<ExportSubject & { mentionIds: string[] }> {
  const withdrawn = new Set(x.withdrawn.map((w) => `${w.lead_id}|${w.entity_id}`));
  return x.leads.flatMap((lead) =>
    lead.subjects.map((s) => ({
      subjectId: s.entityId,
      leadId: lead.leadId,
      schema: s.entity.schema,
      name: s.row.name,
      withdrawn: withdrawn.has(`${lead.leadId}|${s.entityId}`),
      mentionIds: s.mentionIds,
    })),
  );
}

const FirstReport = z.object({ first: z.string().nullable() });

/** Mentions of a withdrawn report are gone: what is left of the subject's reports then dates it, or nothing. */
async function firstReportAt(tx: ManagedTransaction, mentionIds: readonly string[]): Promise<string | null> {
  const r = await tx.run(
    `MATCH (m:Mention) WHERE m.id IN $ids
     MATCH (r:Report {id: m.reportId})
     RETURN min(r.receivedAt) AS first`,
    { ids: [...mentionIds] },
  );
  return parseFirstRow(r, FirstReport)?.first ?? null;
}

/**
 * Records what the partner did with one subject of its export. The same subject, kind, day and note
 * again records nothing and says so; the same subject, kind and day with another note is a conflict
 * (the hub would otherwise count one action twice). Checked and written under the export's lock, so
 * two identical posts at once still make one outcome.
 */
export async function recordOutcome(
  graph: Graph,
  command: { exportId: string; input: OutcomeInput; by: string },
  now = new Date(),
): Promise<RecordedOutcome> {
  const { exportId, input } = command;
  return graph.write(async (tx) => {
    const x = await lockExport(tx, exportId);
    if (!x) throw new Error(`export ${exportId} vanished while an outcome was reported on it`);
    const subjects = subjectsOf(x);
    const issues = outcomeIssuesFor(input, { createdAt: x.createdAt, subjectIds: subjects.map((s) => s.subjectId) });
    if (issues.length > 0) throw new OutcomeError('invalid', 'invalid outcome', issues);
    const subject = subjects.find((s) => s.subjectId === input.subjectId)!;
    const note = input.note ?? null;
    const same = await tx.run(
      `MATCH (:Export {id: $exportId})-[:OUTCOME]->(o:Outcome {subjectId: $subjectId, outcome: $outcome, date: $date})
       RETURN o`,
      { exportId, subjectId: input.subjectId, outcome: input.outcome, date: input.date },
    );
    const earlier = same.records.map((row) => outcomeFromNode(row.get('o')))[0];
    if (earlier && earlier.note === note) return { alreadyRecorded: true, outcome: shown(earlier) };
    if (earlier)
      throw new OutcomeError(
        'conflict',
        `${input.outcome} on ${input.date} is already recorded for subject ${input.subjectId} with another note ` +
          `(outcome ${earlier.id}); nothing changed`,
      );
    const stored: StoredOutcome = {
      id: `out_${ulid()}`,
      exportId,
      leadId: subject.leadId,
      subjectId: subject.subjectId,
      outcome: input.outcome,
      date: input.date,
      note,
      partner: x.partner,
      recordedAt: now.toISOString(),
      recordedBy: command.by,
      subjectWithdrawn: subject.withdrawn,
      firstReportAt: await firstReportAt(tx, subject.mentionIds),
    };
    await tx.run(
      `MATCH (x:Export {id: $exportId}), (l:Lead {id: $leadId})
       CREATE (x)-[:OUTCOME]->(o:Outcome)-[:ABOUT]->(l)
       SET o = $props`,
      { exportId, leadId: subject.leadId, props: stored },
    );
    return { alreadyRecorded: false, outcome: shown(stored) };
  });
}

/** An export's subjects and the outcomes reported on them, oldest first; undefined when there is no such export. */
export async function outcomesOfExport(graph: Graph, exportId: string): Promise<ExportOutcomes | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (x:Export {id: $exportId})
       OPTIONAL MATCH (x)-[:OUTCOME]->(o:Outcome)
       WITH x, o ORDER BY o.recordedAt, o.id
       RETURN x, [o IN collect(o) WHERE o IS NOT NULL] AS outcomes`,
      { exportId },
    );
    const row = r.records[0];
    if (!row) return undefined;
    const nodes: unknown[] = row.get('outcomes');
    return {
      exportId,
      subjects: subjectsOf(exportFromNode(row.get('x'))).map(({ mentionIds: _, ...s }) => s),
      outcomes: nodes.map((o) => shown(outcomeFromNode(o))),
    };
  });
}

/** What the partners reported on a lead's subjects, in every export it went out in, by the day they acted. */
export async function outcomesOfLead(graph: Graph, leadId: string): Promise<Outcome[]> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      'MATCH (o:Outcome)-[:ABOUT]->(:Lead {id: $leadId}) RETURN o ORDER BY o.date, o.recordedAt, o.id',
      { leadId },
    );
    return r.records.map((row) => shown(outcomeFromNode(row.get('o'))));
  });
}

/** Every outcome recorded, for the outcomes page. */
export async function allOutcomes(tx: ManagedTransaction): Promise<StoredOutcome[]> {
  const r = await tx.run('MATCH (o:Outcome) RETURN o ORDER BY o.recordedAt, o.id');
  return r.records.map((row) => outcomeFromNode(row.get('o')));
}
