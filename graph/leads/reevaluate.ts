import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import { nameTokens, prepareRecord } from '../../matching/prepare';
import type { LeadStatus, NetworkEvaluation, StoredLead } from '../../src/domain/leads';
import type { Graph } from '../driver';
import { canonicalJson, sha256Hex } from '../reports/canonical';
import { GraphTermFrequencies } from '../resolve/termFrequencies';
import { lockNetwork, readEvidence } from './evidence';
import { evaluateNetworks } from './rules';
import { addDays, type LeadPolicy, leadFromNode } from './store';

export interface ReevaluationOutcome {
  /** Every lead looked at, whether or not it changed: their exports are checked next. */
  leads: string[];
  created: string[];
  revised: string[];
  retracted: string[];
  /** The network was larger than the rules evaluate automatically; nothing was written. */
  skipped: boolean;
}

/** Leads already held by a partner or further along win a network that two leads now share. */
const PRECEDENCE: readonly LeadStatus[] = ['exported', 'approved', 'in_review', 'new', 'expired', 'rejected'];

/**
 * What approval covers: the subjects, the mentions each is made of, and the links between them. Any
 * change is a new revision that needs approving again.
 */
function leadFingerprint(network: Pick<NetworkEvaluation, 'subjects' | 'links'>): string {
  return sha256Hex(
    canonicalJson({ subjects: network.subjects.map((s) => [s.entityId, s.mentionIds]), links: network.links }),
  );
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

/** Active leads with a subject among these ids (or merged into them), locked in id order. */
async function leadsOn(
  tx: ManagedTransaction,
  ids: string[],
): Promise<Array<{ lead: StoredLead; subjects: string[] }>> {
  const r = await tx.run<{ l: unknown; subjects: string[] }>(
    `MATCH (l:Lead)-[:SUBJECT]->(s:Entity)
     WHERE l.status <> 'retracted' AND (s.id IN $ids OR s.mergedInto IN $ids)
     WITH DISTINCT l ORDER BY l.id
     SET l.lockSeq = coalesce(l.lockSeq, 0) + 1
     WITH l
     MATCH (l)-[:SUBJECT]->(s:Entity)
     RETURN l, collect(DISTINCT coalesce(s.mergedInto, s.id)) AS subjects ORDER BY l.id`,
    { ids },
  );
  return r.records.map((row) => ({ lead: leadFromNode(row.get('l')), subjects: row.get('subjects').sort() }));
}

function evaluationProps(network: NetworkEvaluation, at: string) {
  return {
    score: network.score,
    reasons: network.reasons,
    evaluation: JSON.stringify(network),
    fingerprint: leadFingerprint(network),
    evaluatedAt: at,
    updatedAt: at,
  };
}

async function setSubjects(tx: ManagedTransaction, id: string, network: NetworkEvaluation): Promise<void> {
  await tx.run('MATCH (:Lead {id: $id})-[s:SUBJECT]->() DELETE s', { id });
  await tx.run(
    'MATCH (l:Lead {id: $id}) UNWIND $subjects AS subject MATCH (e:Entity {id: subject}) MERGE (l)-[:SUBJECT]->(e)',
    {
      id,
      subjects: network.subjects.map((s) => s.entityId),
    },
  );
}

async function retract(tx: ManagedTransaction, id: string, reason: string, at: string): Promise<void> {
  await tx.run(
    'MATCH (l:Lead {id: $id}) ' +
      "SET l.status = 'retracted', l.closedReason = $reason, l.closedAt = $at, l.updatedAt = $at, l.approvals = '[]'",
    { id, reason, at },
  );
}

/**
 * Re-evaluates the lead rules around entities whose clusters changed (tombstones included), and brings
 * the leads there up to date in one transaction: new networks that qualify become leads, leads whose
 * network changed get a new revision (to be approved again), and leads whose network no longer
 * qualifies, or was joined to another lead's, are retracted. Idempotent: a second run changes nothing.
 */
export async function reevaluateLeads(
  graph: Graph,
  entityIds: readonly string[],
  policy: LeadPolicy,
  now = new Date(),
): Promise<ReevaluationOutcome> {
  const frequencies = new GraphTermFrequencies(graph);
  const at = now.toISOString();
  return graph.write(async (tx) => {
    // A lead's other subjects may have left the network (a split): their networks are re-evaluated too.
    let seeds = sorted(entityIds);
    let entities: string[] = [];
    let leads: Array<{ lead: StoredLead; subjects: string[] }> = [];
    for (;;) {
      const network = await lockNetwork(tx, seeds, policy.rules);
      if (!network.complete) return { leads: [], created: [], revised: [], retracted: [], skipped: true };
      entities = network.entityIds;
      leads = await leadsOn(tx, sorted([...seeds, ...entities]));
      const outside = sorted(leads.flatMap((l) => l.subjects)).filter(
        (id) => !entities.includes(id) && !seeds.includes(id),
      );
      if (outside.length === 0) break;
      seeds = sorted([...seeds, ...outside]);
    }

    const evidence = await readEvidence(tx, entities);
    const tokens = evidence.mentions.flatMap((m) => nameTokens(prepareRecord(m.record)).flat());
    const networks = evaluateNetworks(evidence, policy.rules, await frequencies.forTokens(tokens));

    const pairs = leads.flatMap(({ lead, subjects }) =>
      networks.map((network, index) => ({
        lead,
        index,
        overlap: subjects.filter((s) => network.entityIds.includes(s)).length,
      })),
    );
    pairs.sort(
      (p, q) =>
        q.overlap - p.overlap ||
        PRECEDENCE.indexOf(p.lead.status) - PRECEDENCE.indexOf(q.lead.status) ||
        (p.lead.createdAt < q.lead.createdAt ? -1 : p.lead.createdAt > q.lead.createdAt ? 1 : 0) ||
        (p.lead.id < q.lead.id ? -1 : 1),
    );
    const leadOf = new Map<number, StoredLead>();
    const placed = new Set<string>();
    for (const pair of pairs) {
      if (pair.overlap === 0 || placed.has(pair.lead.id) || leadOf.has(pair.index)) continue;
      leadOf.set(pair.index, pair.lead);
      placed.add(pair.lead.id);
    }

    const outcome: ReevaluationOutcome = {
      leads: leads.map((l) => l.lead.id),
      created: [],
      revised: [],
      retracted: [],
      skipped: false,
    };
    for (const [index, network] of networks.entries()) {
      const lead = leadOf.get(index);
      if (!lead) {
        if (!network.qualifies) continue;
        const id = `lead_${ulid()}`;
        await tx.run(
          `CREATE (l:Lead {id: $id, status: 'new', revision: 1, approvals: '[]', approvedRevision: null, approvedBy: [],
                           createdAt: $at, reviewBy: $reviewBy})
           SET l += $props`,
          { id, at, reviewBy: addDays(now, policy.reviewDays), props: evaluationProps(network, at) },
        );
        await setSubjects(tx, id, network);
        outcome.created.push(id);
        outcome.leads.push(id);
        continue;
      }
      if (!network.qualifies) {
        await retract(tx, lead.id, `no longer meets the lead rules: ${network.shortfalls.join('; ')}`, at);
        outcome.retracted.push(lead.id);
        continue;
      }
      const props = evaluationProps(network, at);
      const changed = props.fingerprint !== lead.fingerprint;
      const reopened =
        lead.status === 'rejected' && network.evidence.independentReports > lead.evaluation.evidence.independentReports;
      const status: LeadStatus = reopened
        ? 'new'
        : changed && ['new', 'in_review', 'approved'].includes(lead.status)
          ? 'new'
          : lead.status;
      await tx.run('MATCH (l:Lead {id: $id}) SET l += $props', {
        id: lead.id,
        props: { ...props, status, ...(changed ? { revision: lead.revision + 1, approvals: '[]' } : {}) },
      });
      if (changed) {
        await setSubjects(tx, lead.id, network);
        outcome.revised.push(lead.id);
      }
    }
    for (const { lead, subjects } of leads) {
      if (placed.has(lead.id)) continue;
      const winner = [...leadOf.entries()].find(([index]) =>
        subjects.some((s) => networks[index]!.entityIds.includes(s)),
      )?.[1];
      await retract(
        tx,
        lead.id,
        winner
          ? 'joined into a larger network that is under review again'
          : 'its subjects are no longer part of a corroborated network',
        at,
      );
      outcome.retracted.push(lead.id);
    }
    return outcome;
  });
}
