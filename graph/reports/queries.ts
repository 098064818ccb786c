import { ReportView } from '../../src/domain/api';
import type { Graph } from '../driver';
import { parseFirstRow } from '../records';

const ReportNotes = ReportView.pick({ notes: true });

/** The free-text notes filed with a report (analysts read them); null when it has none. */
export async function reportNotes(graph: Graph, reportId: string): Promise<string | null> {
  return graph.read(async (tx) => {
    const result = await tx.run('MATCH (:Report {id: $id})-[:HAS_NOTE]->(n:ReportNote) RETURN n.text AS notes', {
      id: reportId,
    });
    return parseFirstRow(result, ReportNotes)?.notes ?? null;
  });
}
