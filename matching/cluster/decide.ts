/**
 * The link decision for one pair, shared by the in-memory resolver and the graph resolver (issue 4).
 * It reads only the pair's own evidence, never the state of the entities around it: that is what
 * keeps the final partition independent of the order in which records arrive.
 */
import type { MatchResult, MatchThresholds } from '../types';

export type Judgement = 'same' | 'different' | 'unsure';

export interface PairEvidence {
  result: MatchResult;
  /** The pair shares a strong identifier that is not generic (a hotline typed for everyone is not). */
  sharesSpecificStrongIdentifier: boolean;
  /** An analyst's verdict on this pair, which always wins over the model. */
  judgement?: Judgement;
}

export type DecisionReason = 'judgement' | 'identifier' | 'score' | 'review' | 'below-review';

export interface Decision {
  outcome: 'link' | 'possible' | 'none';
  reason: DecisionReason;
}

interface Rule {
  applies(evidence: PairEvidence, thresholds: MatchThresholds): boolean;
  decision: Decision;
}

/**
 * Ordered rules; the first that applies decides. A shared identifier links only records whose names
 * do not conflict (and organisations at one site): a family's landline, a staff's info@ address and
 * an agency's switchboard connect different people, and the shared Identifier node shows that
 * connection in the graph. Conflicting records still reach review on their score.
 */
export const DECISION_RULES: readonly Rule[] = [
  { applies: (e) => e.judgement === 'different', decision: { outcome: 'none', reason: 'judgement' } },
  { applies: (e) => e.judgement === 'same', decision: { outcome: 'link', reason: 'judgement' } },
  {
    applies: (e) => e.sharesSpecificStrongIdentifier && e.result.conflict === null,
    decision: { outcome: 'link', reason: 'identifier' },
  },
  { applies: (e, t) => e.result.score >= t.autoLink, decision: { outcome: 'link', reason: 'score' } },
  { applies: (e, t) => e.result.score >= t.review, decision: { outcome: 'possible', reason: 'review' } },
];

const NO_MATCH: Decision = { outcome: 'none', reason: 'below-review' };

export function decide(evidence: PairEvidence, thresholds: MatchThresholds): Decision {
  return DECISION_RULES.find((rule) => rule.applies(evidence, thresholds))?.decision ?? NO_MATCH;
}
