import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { MatchRecord } from '../../matching/types';
import { ExportSummary, LeadStatus, SnapshotLead, type StoredLead, WithdrawnSubject } from '../../src/domain/leads';
import type { Graph } from '../driver';
import { effectiveStatus, isApproved, type LeadPolicy, lockLead } from '../leads/store';
import { json, parseFirstRow, parseNode, parseRows } from '../records';
import { readMatchRecord, type StoredRecordRow } from '../resolve/writeMentions';
import { type BundleFiles, buildBundle } from './bundle';
import { subjectRow } from './csv';
import { linkEntity, subjectEntity } from './ftm';
import type { BundleSigner } from './signing';

/** Who issues bundles and how recipients reach them; built from configuration once per process. */
export interface ExportSettings {
  signer: BundleSigner;
  issuer: string;
  redressContact: string;
}

/** Everything the leads API and the leads worker need: the lead policy and the export settings. */
export type LeadSettings = LeadPolicy & ExportSettings;

export class ExportError extends Error {
  constructor(
    message: string,
    /** Each lead that cannot go out, and why. */
    readonly leads: Array<{ id: string; problem: string }>,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** An Export node: its leads as they were approved (the snapshot) and the subjects withdrawn since, in JSON text. */
const ExportNode = ExportSummary.omit({ leads: true, withdrawn: true }).extend({
  snapshot: json(z.array(SnapshotLead)),
  withdrawn: json(z.array(WithdrawnSubject)),
});

type StoredExport = Omit<ExportSummary, 'leads'> & { leads: SnapshotLead[] };

function exportFromNode(node: unknown): StoredExport {
  const { snapshot, ...x } = parseNode(node, ExportNode);
  return { ...x, leads: snapshot };
}

const Id = z.object({ id: z.string() });
const LeadState = z.object({
  id: z.string(),
  status: LeadStatus,
  reason: z.string().nullable(),
  subjects: z.array(z.string()),
});
const Placement = z.object({ id: z.string(), entity: z.string(), judged: z.boolean() });
const Current = z.object({ id: z.string(), current: z.string() });
const BundleRow = z.object({
  revision: z.number().int(),
  issuedAt: z.string(),
  manifest: z.string(),
  entities: z.string(),
  leadsCsv: z.string(),
});

const summary = (x: StoredExport): ExportSummary => ({
  id: x.id,
  partner: x.partner,
  revision: x.revision,
  createdAt: x.createdAt,
  updatedAt: x.updatedAt,
  reviewBy: x.reviewBy,
  leads: x.leads.map((l) => l.leadId),
  withdrawn: x.withdrawn,
});

async function mentionRecords(tx: ManagedTransaction, ids: string[]): Promise<Map<string, MatchRecord>> {
  const r = await tx.run<StoredRecordRow>(
    'MATCH (m:Mention) WHERE m.id IN $ids RETURN m.id AS id, m.record AS record',
    { ids },
  );
  return new Map(r.records.map((row) => [row.get('id'), readMatchRecord(row.get('record'))]));
}

/** The approved revision of a lead as a recipient sees it: FtM entities and CSV rows. */
function snapshotOf(lead: StoredLead, records: Map<string, MatchRecord>): SnapshotLead {
  const schemaOf = new Map(lead.evaluation.subjects.map((s) => [s.entityId, s.schema]));
  return {
    leadId: lead.id,
    score: lead.score,
    reviewBy: lead.reviewBy!,
    subjects: lead.evaluation.subjects.map((s) => {
      const entity = subjectEntity(
        s.entityId,
        s.schema,
        s.mentionIds.map((id) => records.get(id)!),
      );
      return {
        entityId: s.entityId,
        mentionIds: s.mentionIds,
        entity,
        row: subjectRow(
          { id: lead.id, score: lead.score, approvedBy: lead.approvedBy, approvedAt: lead.approvedAt! },
          s,
          entity,
        ),
      };
    }),
    links: lead.evaluation.links.map((l) => ({
      from: l.from,
      to: l.to,
      entity: linkEntity(
        l.type,
        { id: l.from, schema: schemaOf.get(l.from)! },
        { id: l.to, schema: schemaOf.get(l.to)! },
      ),
    })),
    typologies: lead.evaluation.typologies,
  };
}

async function storeRevision(
  tx: ManagedTransaction,
  x: StoredExport,
  settings: ExportSettings,
  at: Date,
): Promise<void> {
  const { files } = buildBundle(
    {
      exportId: x.id,
      revision: x.revision,
      issuer: settings.issuer,
      recipient: x.partner,
      redressContact: settings.redressContact,
      issuedAt: at,
      leads: x.leads,
      withdrawn: x.withdrawn,
    },
    settings.signer,
  );
  await tx.run(
    `MATCH (x:Export {id: $id})
     SET x.revision = $revision, x.updatedAt = $at, x.withdrawn = $withdrawn
     CREATE (x)-[:REVISION]->(:Bundle {exportId: $id, revision: $revision, issuedAt: $at, manifest: $manifest,
                                       entities: $entities, leadsCsv: $csv})`,
    {
      id: x.id,
      revision: x.revision,
      at: at.toISOString(),
      withdrawn: JSON.stringify(x.withdrawn),
      manifest: files['manifest.json'],
      entities: files['entities.ftm.jsonl'],
      csv: files['leads.csv'],
    },
  );
}

/**
 * A bundle of approved leads for one partner. Every lead must be approved as it stands (its current
 * revision, before its review-by date); otherwise nothing is exported and each offending lead is named.
 */
export async function createExport(
  graph: Graph,
  input: { partner: string; leadIds: string[]; by: string },
  settings: ExportSettings,
  now = new Date(),
): Promise<{ id: string; revision: number }> {
  const id = `exp_${ulid()}`;
  return graph.write(async (tx) => {
    const leads: StoredLead[] = [];
    const problems: Array<{ id: string; problem: string }> = [];
    for (const leadId of [...new Set(input.leadIds)].sort()) {
      const lead = await lockLead(tx, leadId);
      if (!lead) problems.push({ id: leadId, problem: 'does not exist' });
      else if (!isApproved(lead, now)) {
        const status = effectiveStatus(lead, now);
        problems.push({
          id: leadId,
          problem:
            status === 'exported' || status === 'approved'
              ? `revision ${lead.revision} is not approved yet`
              : `is ${status}, not approved`,
        });
      } else leads.push(lead);
    }
    if (problems.length > 0)
      throw new ExportError(
        `only approved leads can be exported: ${problems.map((p) => `${p.id} ${p.problem}`).join('; ')}`,
        problems,
      );
    const records = await mentionRecords(
      tx,
      leads.flatMap((l) => l.evaluation.subjects.flatMap((s) => s.mentionIds)),
    );
    const at = now.toISOString();
    const snapshot = leads.map((lead) => snapshotOf(lead, records));
    const stored: StoredExport = {
      id,
      partner: input.partner,
      revision: 1,
      createdAt: at,
      updatedAt: at,
      reviewBy: snapshot.map((l) => l.reviewBy).sort()[0]!,
      leads: snapshot,
      withdrawn: [],
    };
    await tx.run(
      `CREATE (x:Export {id: $id, partner: $partner, createdAt: $at, updatedAt: $at, createdBy: $by,
                         reviewBy: $reviewBy, revision: 1, snapshot: $snapshot, withdrawn: '[]'})
       WITH x
       UNWIND $leads AS leadId
       MATCH (l:Lead {id: leadId})
       CREATE (x)-[:CONTAINS]->(l)
       SET l.status = 'exported', l.exportedAt = coalesce(l.exportedAt, $at), l.updatedAt = $at`,
      {
        id,
        partner: input.partner,
        at,
        by: input.by,
        reviewBy: stored.reviewBy,
        snapshot: JSON.stringify(snapshot),
        leads: leads.map((l) => l.id),
      },
    );
    await storeRevision(tx, stored, settings, now);
    return { id, revision: 1 };
  });
}

/**
 * Brings the bundles that hold these leads up to date: a subject whose lead was retracted, that left
 * its lead's network, or whose merge an analyst undid, is withdrawn in a new signed revision that says
 * which subject and why. Driven by the state of the graph, so running it again changes nothing.
 */
export async function reviseExports(
  graph: Graph,
  leadIds: readonly string[],
  settings: ExportSettings,
  now = new Date(),
): Promise<string[]> {
  if (leadIds.length === 0) return [];
  const exportIds = await graph.read(async (tx) => {
    const r = await tx.run(
      'MATCH (x:Export)-[:CONTAINS]->(l:Lead) WHERE l.id IN $ids RETURN DISTINCT x.id AS id ORDER BY id',
      { ids: [...leadIds] },
    );
    return parseRows(r, Id).map((row) => row.id);
  });
  const revised: string[] = [];
  for (const exportId of exportIds) if (await reviseExport(graph, exportId, settings, now)) revised.push(exportId);
  return revised;
}

async function reviseExport(graph: Graph, exportId: string, settings: ExportSettings, now: Date): Promise<boolean> {
  return graph.write(async (tx) => {
    const head = await tx.run('MATCH (x:Export {id: $id}) SET x.lockSeq = coalesce(x.lockSeq, 0) + 1 RETURN x', {
      id: exportId,
    });
    const x = exportFromNode(head.records[0]!.get('x'));
    const leadState = await tx.run(
      `MATCH (x:Export {id: $id})-[:CONTAINS]->(l:Lead)
       OPTIONAL MATCH (l)-[:SUBJECT]->(s:Entity)
       RETURN l.id AS id, l.status AS status, l.closedReason AS reason,
              collect(coalesce(s.mergedInto, s.id)) AS subjects`,
      { id: exportId },
    );
    const leads = new Map(parseRows(leadState, LeadState).map((l) => [l.id, { ...l, subjects: new Set(l.subjects) }]));
    const mentionIds = x.leads.flatMap((l) => l.subjects.flatMap((s) => s.mentionIds));
    const placement = await tx.run(
      `MATCH (m:Mention)-[:RESOLVED_TO]->(e:Entity) WHERE m.id IN $mentionIds
       OPTIONAL MATCH (m)<-[:LEFT|RIGHT]-(j:Judgement {verdict: 'different'}) WHERE j.at > $since
       RETURN m.id AS id, e.id AS entity, count(j) > 0 AS judged`,
      { mentionIds, since: x.createdAt },
    );
    const placed = parseRows(placement, Placement);
    const entityOf = new Map(placed.map((p) => [p.id, p.entity]));
    const judged = new Set(placed.filter((p) => p.judged).map((p) => p.id));
    const current = await tx.run(
      'MATCH (e:Entity) WHERE e.id IN $ids RETURN e.id AS id, coalesce(e.mergedInto, e.id) AS current',
      {
        ids: x.leads.flatMap((l) => l.subjects.map((s) => s.entityId)),
      },
    );
    const currentOf = new Map(parseRows(current, Current).map((c) => [c.id, c.current]));

    const already = new Set(x.withdrawn.map((w) => `${w.lead_id}|${w.entity_id}`));
    const fresh: WithdrawnSubject[] = [];
    for (const lead of x.leads) {
      const state = leads.get(lead.leadId);
      for (const subject of lead.subjects) {
        if (already.has(`${lead.leadId}|${subject.entityId}`) || !state) continue;
        const currentId = currentOf.get(subject.entityId);
        let reason: string | undefined;
        if (state.status === 'retracted' || state.status === 'rejected')
          reason = `the lead was withdrawn: ${state.reason ?? 'retracted by the issuer'}`;
        else if (!currentId || !state.subjects.has(currentId))
          reason = "the subject is no longer part of this lead's corroborated network";
        else if (subject.mentionIds.some((m) => entityOf.get(m) !== currentId))
          reason = 'a merge of records behind this subject was undone';
        if (!reason) continue;
        const byJudgement = subject.mentionIds.some((m) => judged.has(m))
          ? 'an analyst judged records behind this subject to be different; '
          : '';
        fresh.push({
          lead_id: lead.leadId,
          entity_id: subject.entityId,
          revision: x.revision + 1,
          reason: `${byJudgement}${reason}`,
        });
      }
    }
    if (fresh.length === 0) return false;
    await storeRevision(tx, { ...x, revision: x.revision + 1, withdrawn: [...x.withdrawn, ...fresh] }, settings, now);
    return true;
  });
}

export async function listExports(graph: Graph, partner: string | undefined): Promise<ExportSummary[]> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      'MATCH (x:Export) WHERE $partner IS NULL OR x.partner = $partner RETURN x ORDER BY x.createdAt DESC, x.id DESC',
      { partner: partner ?? null },
    );
    return r.records.map((row) => summary(exportFromNode(row.get('x'))));
  });
}

export async function getExport(graph: Graph, id: string): Promise<ExportSummary | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run('MATCH (x:Export {id: $id}) RETURN x', { id });
    const row = r.records[0];
    return row ? summary(exportFromNode(row.get('x'))) : undefined;
  });
}

/** The files of one revision (the latest when none is given), as issued. */
export async function bundleFiles(
  graph: Graph,
  id: string,
  revision?: number,
): Promise<{ revision: number; issuedAt: Date; files: BundleFiles } | undefined> {
  return graph.read(async (tx) => {
    const r = await tx.run(
      `MATCH (:Export {id: $id})-[:REVISION]->(b:Bundle) WHERE $revision IS NULL OR b.revision = $revision
       RETURN b.revision AS revision, b.issuedAt AS issuedAt, b.manifest AS manifest, b.entities AS entities,
              b.leadsCsv AS leadsCsv
       ORDER BY b.revision DESC LIMIT 1`,
      { id, revision: revision ?? null },
    );
    const b = parseFirstRow(r, BundleRow);
    if (!b) return undefined;
    const files: BundleFiles = {
      'manifest.json': b.manifest,
      'entities.ftm.jsonl': b.entities,
      'leads.csv': b.leadsCsv,
    };
    return { revision: b.revision, issuedAt: new Date(b.issuedAt), files };
  });
}
