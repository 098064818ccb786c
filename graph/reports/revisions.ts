import { z } from 'zod';
import type { StoredReport } from '../../src/domain/report';
import type { Graph } from '../driver';
import { parseRows } from '../records';
import type { CandidateIndex } from '../resolve/candidateIndex';
import type { ResolverEngine } from '../resolve/engine';
import { currentMentionId } from './pipeline';
import { type Retirement, retireMentions } from './retireMentions';

const Stale = z.object({ id: z.string(), stale: z.array(z.string()) });
const Pending = z.object({ entities: z.array(z.string()) });

/**
 * For amended reports about to be ingested: the mentions of their older revisions leave their entities
 * (see `retireMentions`). The entities that changed are kept with the report in the same transaction,
 * so that the resolve step hands them to the leads step even if this process dies right after.
 */
export async function retireOlderRevisions(
  graph: Graph,
  index: CandidateIndex,
  engine: ResolverEngine,
  reports: readonly StoredReport[],
): Promise<void> {
  const current = reports.map((r) => ({ id: r.id, mentions: r.subjects.map((s) => currentMentionId(r, s.ref)) }));
  const retired = await graph.write(async (tx) => {
    const left: Retirement['retired'] = [];
    const found = await tx.run(
      `UNWIND $current AS row
       MATCH (:Report {id: row.id})-[:MENTIONS]->(m:Mention) WHERE NOT m.id IN row.mentions
       RETURN row.id AS id, collect(m.id) AS stale`,
      { current },
    );
    const now = new Date().toISOString();
    for (const { id, stale } of parseRows(found, Stale)) {
      const { changed, retired } = await retireMentions(tx, stale, {
        thresholds: engine.thresholds,
        model: engine.model,
        by: 'revision',
        now,
      });
      left.push(...retired);
      await tx.run(
        `MATCH (r:Report {id: $id})
         SET r.leadsPending = [e IN coalesce(r.leadsPending, []) WHERE NOT e IN $changed] + $changed`,
        { id, changed },
      );
    }
    return left;
  });
  await index.forgetRecords(retired);
}

/** The entities an amendment changed that the leads step has yet to see, across these reports. */
export async function pendingLeadEntities(graph: Graph, reportIds: readonly string[]): Promise<string[]> {
  const r = await graph.read((tx) =>
    tx.run(
      `UNWIND $ids AS id MATCH (r:Report {id: id}) WHERE r.leadsPending IS NOT NULL
       UNWIND r.leadsPending AS entity RETURN collect(DISTINCT entity) AS entities`,
      { ids: [...reportIds] },
    ),
  );
  return parseRows(r, Pending)[0]?.entities ?? [];
}
