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

/**
 * A recorded pair from a member (`a`) to a mention outside the region, with that mention's entity when
 * the pair is a link (the region widens to it); possible pairs' entities are read when they are needed.
 */
export interface OutwardPair {
  a: string;
  b: string;
  entity: string | null;
  outcome: MatchedEdge['outcome'];
  score: number;
  explanation: string | null;
}

export interface RegionPairs {
  links: RegionEdge[];
  possible: RegionEdge[];
  judged: JudgedPair[];
  /** Pairs that leave the region: links among them widen it, the rest feed the review queue. */
  outward: OutwardPair[];
}

/**
 * Subqueries reading the recorded pair decisions of a region's members (`ids`) and the pairs of
 * mentions an analyst has judged, by verdict (`different` pairs are cannot-links). Each member's
 * decisions are walked once: a decision between two members is kept at its start, one that leaves the
 * region at the member. Every member is found by its id in the index, so the cost follows the region,
 * not the graph.
 */
export const REGION_PAIRS_CYPHER = `CALL (ids) {
       UNWIND ids AS id
       MATCH (m:Mention {id: id})-[r:MATCHED]-(o:Mention)
       WHERE coalesce(r.overridden, false) = false
       WITH m, r, o, o.id IN ids AS inside
       WHERE startNode(r) = m OR NOT inside
       OPTIONAL MATCH (k:BlockingKey {key: r.via}) WHERE inside
       OPTIONAL MATCH (o)-[:RESOLVED_TO]->(oe:Entity) WHERE NOT inside AND r.outcome = 'link'
       RETURN collect({a: m.id, b: o.id, inside: inside, entity: oe.id, outcome: r.outcome, reason: r.reason,
                       score: r.score, via: r.via,
                       viaCount: CASE WHEN k IS NULL THEN 0 ELSE COUNT { (k)<-[:HAS_KEY]-() } END,
                       viaGeneric: coalesce(k.generic, false), explanation: r.explanation}) AS edges
     }
     CALL (ids) {
       MATCH (j:Judgement)-[s1:LEFT|RIGHT]->(x:Mention)
       WHERE x.id IN ids AND j.verdict IN ['different', 'unsure']
       MATCH (j)-[s2:LEFT|RIGHT]->(y:Mention)
       WHERE type(s1) <> type(s2)
       RETURN collect(DISTINCT {x: x.id, y: y.id, verdict: j.verdict}) AS judged
     }`;

/** A MATCHED relationship of a member (`a`), with what the graph knows of the key it was linked by. */
export interface StoredEdge {
  a: string;
  b: string;
  /** Whether `b` is a member too (then `a` is the relationship's start). */
  inside: boolean;
  /** The entity of `b` when it is outside the region and the decision is a link. */
  entity: string | null;
  outcome: MatchedEdge['outcome'];
  reason: MatchedEdge['reason'];
  score: number | null;
  via: string | null;
  viaCount: number;
  /** The value was learned to be generic (held by entities whose names conflict). */
  viaGeneric: boolean;
  explanation: string | null;
}

/** The region's pairs as REGION_PAIRS_CYPHER read them, links told from possible pairs. */
export function regionPairs(edges: StoredEdge[], judged: JudgedPair[], thresholds: MatchThresholds): RegionPairs {
  const links: RegionEdge[] = [];
  const possible: RegionEdge[] = [];
  const outward: OutwardPair[] = [];
  for (const edge of edges) {
    const score = Number(edge.score ?? 0);
    const base = { a: edge.a, b: edge.b, score, explanation: edge.explanation };
    if (!edge.inside) {
      outward.push({ ...base, entity: edge.entity, outcome: edge.outcome });
      continue;
    }
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
  return { links, possible, judged, outward };
}
