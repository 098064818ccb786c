import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { JudgementOutcome, SplitOutcome } from '../../src/domain/api';
import type { JudgementInput } from '../../src/domain/review';
import type { Graph } from '../driver';
import { parseFirstRow, parseRows } from '../records';
import type { ResolverEngine } from './engine';
import { type MatchedEdge, recordMatchedEdges } from './pairDecisions';
import { type RegionOutcome, recomputeRegion } from './recomputeRegion';

type Verdict = JudgementInput['verdict'];

export class JudgementError extends Error {
  constructor(
    readonly code: 'not-found' | 'same-entity' | 'invalid-split',
    message: string,
  ) {
    super(message);
    this.name = 'JudgementError';
  }
}

const Current = z.object({ current: z.string().nullable() });
const Id = z.object({ id: z.string() });

/** The entity an id names now, following tombstones. */
export async function currentEntityId(tx: ManagedTransaction, id: string): Promise<string | undefined> {
  const r = await tx.run(
    `MATCH (e:Entity {id: $id})
     OPTIONAL MATCH (s:Entity {id: e.mergedInto})
     RETURN CASE WHEN e.mergedInto IS NULL THEN e.id ELSE s.id END AS current`,
    { id },
  );
  return parseFirstRow(r, Current)?.current ?? undefined;
}

async function membersOf(tx: ManagedTransaction, entity: string): Promise<string[]> {
  const r = await tx.run('MATCH (m:Mention)-[:RESOLVED_TO]->(:Entity {id: $id}) RETURN m.id AS id ORDER BY id', {
    id: entity,
  });
  return parseRows(r, Id).map((row) => row.id);
}

async function createJudgement(
  tx: ManagedTransaction,
  j: {
    id: string;
    verdict: Verdict;
    kind: 'pair' | 'split';
    by: string;
    reason: string | null;
    at: string;
    entityA: string;
    entityB: string;
    left: string[];
    right: string[];
  },
): Promise<void> {
  await tx.run(
    `CREATE (j:Judgement {id: $id, verdict: $verdict, kind: $kind, by: $by, reason: $reason, at: $at,
                         entityA: $entityA, entityB: $entityB})
     WITH j
     CALL (j) { UNWIND $left AS m MATCH (x:Mention {id: m}) CREATE (j)-[:LEFT]->(x) }
     CALL (j) { UNWIND $right AS m MATCH (y:Mention {id: m}) CREATE (j)-[:RIGHT]->(y) }`,
    j,
  );
}

/**
 * An analyst's verdict on two entities. `same` is a must-link between them; `different` a cannot-link
 * between every mention of one and every mention of the other, which no later automatic decision can
 * break; `unsure` is recorded and takes the pair out of the queue. Analysts always win over the model.
 */
export async function judge(
  graph: Graph,
  engine: ResolverEngine,
  input: { entityA: string; entityB: string; verdict: Verdict; by: string; reason?: string },
): Promise<JudgementOutcome> {
  const id = `jdg_${ulid()}`;
  return graph.write(async (tx) => {
    const now = new Date().toISOString();
    const a = await currentEntityId(tx, input.entityA);
    const b = await currentEntityId(tx, input.entityB);
    if (!a || !b) throw new JudgementError('not-found', `no entity ${!a ? input.entityA : input.entityB}`);
    if (a === b)
      throw new JudgementError(
        'same-entity',
        `${input.entityA} and ${input.entityB} are already one entity (${a}); split it instead`,
      );
    const left = await membersOf(tx, a);
    const right = await membersOf(tx, b);
    await createJudgement(tx, {
      id,
      verdict: input.verdict,
      kind: 'pair',
      by: input.by,
      reason: input.reason ?? null,
      at: now,
      entityA: a,
      entityB: b,
      left,
      right,
    });
    if (input.verdict === 'same') {
      await recordMatchedEdges(
        tx,
        [
          {
            a: left[0]!,
            b: right[0]!,
            outcome: 'link',
            reason: 'judgement',
            score: 1,
            via: null,
            explanation: JSON.stringify({ judgement: id, by: input.by, reason: input.reason ?? null }),
            model: 'analyst',
            by: input.by,
          },
        ],
        now,
      );
      // An earlier automatic edge between the same two mentions is upgraded: the analyst's word wins.
      await tx.run(
        `MATCH (x:Mention {id: $a})-[r:MATCHED]-(y:Mention {id: $b})
         SET r.outcome = 'link', r.reason = 'judgement', r.score = 1, r.by = $by, r.overridden = false`,
        { a: left[0]!, b: right[0]!, by: input.by },
      );
    }
    await tx.run(
      `MATCH (x:Entity {id: $a})-[p:POSSIBLE_MATCH]-(y:Entity {id: $b})
       SET p.status = $verdict, p.judgementId = $id, p.judgedAt = $now`,
      { a, b, verdict: input.verdict, id, now },
    );
    const region: RegionOutcome = await recomputeRegion(tx, [a, b], {
      thresholds: engine.thresholds,
      now,
      model: engine.model,
      by: input.by,
      touched: [...left, ...right],
    });
    return { judgementId: id, entities: region.entities, changed: region.changed };
  });
}

/**
 * Undo of a merge: the chosen mentions leave their entity for a new one. The links that joined them to
 * the rest are overridden, the moved mentions are held together, and a `different` judgement keeps
 * the two parts from being joined again automatically.
 */
export async function split(
  graph: Graph,
  engine: ResolverEngine,
  input: { entityId: string; mentionIds: string[]; by: string; reason?: string },
): Promise<SplitOutcome> {
  const id = `jdg_${ulid()}`;
  return graph.write(async (tx) => {
    const now = new Date().toISOString();
    const entity = await currentEntityId(tx, input.entityId);
    if (!entity) throw new JudgementError('not-found', `no entity ${input.entityId}`);
    const members = await membersOf(tx, entity);
    const moved = [...new Set(input.mentionIds)].sort();
    const strangers = moved.filter((m) => !members.includes(m));
    if (strangers.length > 0)
      throw new JudgementError('invalid-split', `mentions not in entity ${entity}: ${strangers.join(', ')}`);
    const rest = members.filter((m) => !moved.includes(m));
    if (moved.length === 0 || rest.length === 0)
      throw new JudgementError('invalid-split', 'a split must move at least one mention and leave at least one');
    await createJudgement(tx, {
      id,
      verdict: 'different',
      kind: 'split',
      by: input.by,
      reason: input.reason ?? null,
      at: now,
      entityA: entity,
      entityB: entity,
      left: moved,
      right: rest,
    });
    await tx.run(
      `MATCH (x:Mention)-[r:MATCHED]-(y:Mention)
       WHERE x.id IN $moved AND y.id IN $rest
       SET r.overridden = true, r.overriddenBy = $id`,
      { moved, rest, id },
    );
    const explanation = JSON.stringify({ judgement: id, by: input.by, split: true });
    const together = moved.slice(1).map(
      (m, i): MatchedEdge => ({
        a: moved[i]!,
        b: m,
        outcome: 'link',
        reason: 'judgement',
        score: 1,
        via: null,
        explanation,
        model: 'analyst',
        by: input.by,
      }),
    );
    await recordMatchedEdges(tx, together, now);
    const region = await recomputeRegion(tx, [entity], {
      thresholds: engine.thresholds,
      now,
      model: engine.model,
      by: input.by,
      anchors: new Map([[entity, rest[0]!]]),
      touched: members,
    });
    const newEntityId = region.entityOf.get(moved[0]!)!;
    await tx.run(
      "MATCH (m:Mention)-[r:RESOLVED_TO]->() WHERE m.id IN $moved SET r.decision = 'split', r.judgementId = $id",
      { moved, id },
    );
    return {
      judgementId: id,
      entities: region.entities,
      changed: region.changed,
      newEntityId,
      remainingEntityId: region.entityOf.get(rest[0]!)!,
    };
  });
}
