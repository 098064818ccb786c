import type { ManagedTransaction } from 'neo4j-driver';
import { isGenericKey } from '../../matching/blocking';
import type { CandidateLink, LinkKind } from '../../matching/cluster/constrainedPartition';
import type { MatchThresholds } from '../../matching/types';
import type { JudgementInput } from '../../src/domain/review';
import type { MatchedEdge } from './pairDecisions';

/** A recorded pair decision between two members of a region, as the partition takes it. */
export interface RegionEdge extends CandidateLink {
  outcome: 'link' | 'possible';
  explanation: string | null;
}

export interface JudgedPair {
  x: string;
  y: string;
  verdict: JudgementInput['verdict'];
}

export interface RegionPairs {
  links: RegionEdge[];
  possible: RegionEdge[];
  judged: JudgedPair[];
}

/**
 * The recorded pair decisions between members, and the pairs of mentions an analyst has judged, by
 * verdict (`different` pairs are cannot-links). One read, as both need only the members.
 */
export async function loadPairs(
  tx: ManagedTransaction,
  members: string[],
  thresholds: MatchThresholds,
): Promise<RegionPairs> {
  const result = await tx.run<{ edges: StoredEdge[]; judged: JudgedPair[] }>(
    `CALL () {
       MATCH (a:Mention)-[r:MATCHED]->(b:Mention)
       WHERE a.id IN $members AND b.id IN $members AND coalesce(r.overridden, false) = false
       OPTIONAL MATCH (k:BlockingKey {key: r.via})
       RETURN collect({a: a.id, b: b.id, outcome: r.outcome, reason: r.reason, score: r.score, via: r.via,
                       viaCount: CASE WHEN k IS NULL THEN 0 ELSE COUNT { (k)<-[:HAS_KEY]-() } END,
                       viaGeneric: coalesce(k.generic, false), explanation: r.explanation}) AS edges
     }
     CALL () {
       MATCH (j:Judgement)-[s1:LEFT|RIGHT]->(x:Mention)
       WHERE x.id IN $members AND j.verdict IN ['different', 'unsure']
       MATCH (j)-[s2:LEFT|RIGHT]->(y:Mention)
       WHERE type(s1) <> type(s2)
       RETURN collect(DISTINCT {x: x.id, y: y.id, verdict: j.verdict}) AS judged
     }
     RETURN edges, judged`,
    { members },
  );
  const row = result.records[0]!;
  return { ...classifyEdges(row.get('edges'), thresholds), judged: row.get('judged') };
}

/** A MATCHED relationship between members, with what the graph knows of the key it was linked by. */
interface StoredEdge {
  a: string;
  b: string;
  outcome: MatchedEdge['outcome'];
  reason: MatchedEdge['reason'];
  score: number | null;
  via: string | null;
  viaCount: number;
  /** The value was learned to be generic (held by entities whose names conflict). */
  viaGeneric: boolean;
  explanation: string | null;
}

function classifyEdges(
  edges: StoredEdge[],
  thresholds: MatchThresholds,
): { links: RegionEdge[]; possible: RegionEdge[] } {
  const links: RegionEdge[] = [];
  const possible: RegionEdge[] = [];
  for (const edge of edges) {
    const score = Number(edge.score ?? 0);
    const base = { a: edge.a, b: edge.b, score, explanation: edge.explanation };
    if (edge.outcome !== 'link') {
      possible.push({ ...base, kind: 'score', outcome: 'possible' });
      continue;
    }
    let kind: LinkKind =
      edge.reason === 'judgement' ? 'judgement' : edge.reason === 'identifier' ? 'identifier' : 'score';
    // An identifier that became generic since the link was made (a hotline, a household's landline)
    // no longer links on its own.
    if (kind === 'identifier' && edge.via && (edge.viaGeneric || isGenericKey(edge.via, Number(edge.viaCount ?? 0)))) {
      if (score < thresholds.autoLink) {
        possible.push({ ...base, kind: 'score', outcome: 'possible' });
        continue;
      }
      kind = 'score';
    }
    links.push({ ...base, kind, outcome: 'link' });
  }
  return { links, possible };
}
