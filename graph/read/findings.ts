import { z } from 'zod';
import { EntityFact, type FindingFacts, OutcomeFact, ReportFact, UNKNOWN } from '../../src/domain/findings';
import { NetworkEvaluation } from '../../src/domain/leads';
import { OUTCOME_KINDS } from '../../src/domain/outcomes';
import type { Graph } from '../driver';
import { json, parseRows } from '../records';

const LeadRow = z.object({ id: z.string(), createdAt: z.string(), evaluation: json(NetworkEvaluation) });
const ReportDay = z.object({ id: z.string(), country: z.string().nullable(), day: z.string() });

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What the findings count, in one read transaction so that the tables agree with each other. Reports,
 * entities and outcomes come grouped by what is counted of them; leads one by one with the ids of their
 * reports and subjects, which src/domain/findings.ts counts distinct and never passes on. Withdrawn
 * reports are not counted (their caseworkers took them back), nor entities left with no mention.
 */
export async function readFindingFacts(graph: Graph): Promise<FindingFacts> {
  return graph.read(async (tx) => {
    const reports = await tx.run(
      `MATCH (r:Report) WHERE r.status <> 'withdrawn'
       WITH substring(coalesce(r.reportedAt, r.receivedAt), 0, 7) AS month, coalesce(r.country, $unknown) AS country,
            COLLECT { MATCH (m:Mention {reportId: r.id}) WHERE m.role IS NOT NULL
                      RETURN DISTINCT m.role AS role ORDER BY role } AS roles
       RETURN month, country, roles, count(*) AS n`,
      { unknown: UNKNOWN },
    );
    // An entity dates from the earliest report that names it, and is of that report's country.
    const entities = await tx.run(
      `MATCH (e:Entity) WHERE e.mergedInto IS NULL
       CALL (e) {
         MATCH (m:Mention)-[:RESOLVED_TO]->(e)
         OPTIONAL MATCH (r:Report {id: m.reportId})
         WITH m, coalesce(m.reportedAt, r.receivedAt) AS day, coalesce(m.country, r.country) AS country
         ORDER BY day, m.id LIMIT 1
         RETURN coalesce(substring(day, 0, 7), $unknown) AS month, country
       }
       WITH month, coalesce(country, $unknown) AS country,
            COLLECT { MATCH (m:Mention)-[:RESOLVED_TO]->(e) WHERE m.role IS NOT NULL
                      RETURN DISTINCT m.role AS role ORDER BY role } AS roles
       RETURN month, country, roles, count(*) AS n`,
      { unknown: UNKNOWN },
    );
    const leadRows = parseRows(
      await tx.run(
        'MATCH (l:Lead) RETURN l.id AS id, l.createdAt AS createdAt, l.evaluation AS evaluation ORDER BY id',
      ),
      LeadRow,
    );
    const reportIds = [...new Set(leadRows.flatMap((l) => l.evaluation.evidence.reportIds))];
    const days = await tx.run(
      `UNWIND $ids AS id MATCH (r:Report {id: id})
       RETURN r.id AS id, r.country AS country, coalesce(r.reportedAt, r.receivedAt) AS day`,
      { ids: reportIds },
    );
    const reportDays = new Map(parseRows(days, ReportDay).map((r) => [r.id, r]));
    const outcomes = await tx.run(
      `MATCH (o:Outcome) WHERE o.outcome IN $kinds
       OPTIONAL MATCH (o)-[:ABOUT]->(l:Lead)
       RETURN coalesce(substring(o.date, 0, 7), $unknown) AS month, o.outcome AS kind,
              coalesce(l.id, o.leadId) AS leadId, count(*) AS n`,
      { kinds: [...OUTCOME_KINDS], unknown: UNKNOWN },
    );
    return {
      reports: parseRows(reports, ReportFact),
      entities: parseRows(entities, EntityFact),
      leads: leadRows.map(({ id, createdAt, evaluation }) => {
        // A lead is of the country of the earliest report behind it.
        const earliest = evaluation.evidence.reportIds
          .flatMap((r) => reportDays.get(r) ?? [])
          .sort((a, b) => byText(a.day, b.day) || byText(a.id, b.id))[0];
        return {
          id,
          month: createdAt.slice(0, 7),
          country: earliest?.country ?? UNKNOWN,
          typologies: evaluation.typologies.map((t) => t.id),
          roles: [...new Set(evaluation.subjects.flatMap((s) => s.roles))].sort(byText),
          reportIds: evaluation.evidence.reportIds,
          subjectIds: evaluation.subjects.map((s) => s.entityId),
        };
      }),
      outcomes: parseRows(outcomes, OutcomeFact),
    };
  });
}
