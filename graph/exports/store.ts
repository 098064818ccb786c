import type { ManagedTransaction } from 'neo4j-driver';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { MatchRecord } from '../../matching/types';
import {
  ExportSummary,
  ReplacedSubject,
  SnapshotLead,
  type StoredLead,
  WithdrawnSubject,
} from '../../src/domain/leads';
import { unregisteredPartner } from '../../src/domain/partners';
import type { Graph } from '../driver';
import { effectiveStatus, isApproved, type LeadPolicy, leadFromNode, lockLead } from '../leads/store';
import { json, parseFirstRow, parseNode, parseRows } from '../records';
import { readMatchRecord, type StoredRecordRow } from '../resolve/writeMentions';
import { type BundleFiles, buildBundle, withdrawnFrom } from './bundle';
import { subjectRow } from './csv';
import { linkEntity, subjectEntity } from './ftm';
import { type NoticeDraft, recordNotices, type WrittenNotice } from './notices';
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

/** An export addressed to anything but a registered partner: nothing is made. */
export class UnknownPartnerError extends Error {
  constructor(readonly partner: string) {
    super(unregisteredPartner(partner));
    this.name = 'UnknownPartnerError';
  }
}

/**
 * An Export node: its leads as they were last approved and issued (the snapshot), the subjects withdrawn
 * and those listed under a surviving id since, in JSON text.
 */
const ExportNode = ExportSummary.omit({ leads: true, withdrawn: true, replaced: true }).extend({
  snapshot: json(z.array(SnapshotLead)),
  withdrawn: json(z.array(WithdrawnSubject)),
  replaced: json(z.array(ReplacedSubject)).default([]),
});

export type StoredExport = Omit<ExportSummary, 'leads'> & { leads: SnapshotLead[] };

export function exportFromNode(node: unknown): StoredExport {
  const { snapshot, ...x } = parseNode(node, ExportNode);
  return { ...x, leads: snapshot };
}

const Id = z.object({ id: z.string() });
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
  replaced: x.replaced,
});

async function mentionRecords(tx: ManagedTransaction, ids: string[]): Promise<Map<string, MatchRecord>> {
  const r = await tx.run<StoredRecordRow>(
    'MATCH (m:Mention) WHERE m.id IN $ids RETURN m.id AS id, m.record AS record',
    { ids },
  );
  return new Map(r.records.map((row) => [row.get('id'), readMatchRecord(row.get('record'))]));
}

/** A lead as approved, the way a recipient sees it from bundle revision `issuedIn` on: FtM entities and CSV rows. */
function snapshotOf(lead: StoredLead, records: Map<string, MatchRecord>, issuedIn: number): SnapshotLead {
  const schemaOf = new Map(lead.evaluation.subjects.map((s) => [s.entityId, s.schema]));
  return {
    leadId: lead.id,
    revision: lead.revision,
    issuedIn,
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

const earliest = (x: StoredExport) => x.leads.map((l) => l.reviewBy).sort()[0]!;

/**
 * Issues revision `x.revision` of an export as it now stands: its bundle, signed, and the revision of each
 * lead it holds, from which each lead's `exportedRevision` (the oldest any partner holds) is derived again.
 */
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
      replaced: x.replaced,
    },
    settings.signer,
  );
  await tx.run(
    `MATCH (x:Export {id: $id})
     SET x.revision = $revision, x.updatedAt = $at, x.reviewBy = $reviewBy, x.snapshot = $snapshot,
         x.withdrawn = $withdrawn, x.replaced = $replaced
     CREATE (x)-[:REVISION]->(:Bundle {exportId: $id, revision: $revision, issuedAt: $at, manifest: $manifest,
                                       entities: $entities, leadsCsv: $csv})`,
    {
      id: x.id,
      revision: x.revision,
      at: at.toISOString(),
      reviewBy: earliest(x),
      snapshot: JSON.stringify(x.leads),
      withdrawn: JSON.stringify(x.withdrawn),
      replaced: JSON.stringify(x.replaced),
      manifest: files['manifest.json'],
      entities: files['entities.ftm.jsonl'],
      csv: files['leads.csv'],
    },
  );
  await holdRevisions(tx, x.id, x.leads);
}

/** Each lead's `exportedRevision`: the oldest of its revisions that a partner's latest bundle holds. */
async function holdRevisions(
  tx: ManagedTransaction,
  exportId: string,
  leads: ReadonlyArray<Pick<SnapshotLead, 'leadId' | 'revision'>>,
): Promise<void> {
  await tx.run(
    `UNWIND $held AS held
     MATCH (:Export {id: $id})-[c:CONTAINS]->(l:Lead {id: held.leadId})
     SET c.revision = held.revision
     WITH DISTINCT l
     MATCH (l)<-[c:CONTAINS]-(:Export)
     WITH l, min(c.revision) AS oldest
     SET l.exportedRevision = oldest`,
    { id: exportId, held: leads.map((l) => ({ leadId: l.leadId, revision: l.revision })) },
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
    const partner = await tx.run('MATCH (p:Partner {slug: $slug}) RETURN p.slug AS slug', { slug: input.partner });
    if (partner.records.length === 0) throw new UnknownPartnerError(input.partner);
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
    const snapshot = leads.map((lead) => snapshotOf(lead, records, 1));
    const stored: StoredExport = {
      id,
      partner: input.partner,
      revision: 1,
      createdAt: at,
      updatedAt: at,
      reviewBy: snapshot.map((l) => l.reviewBy).sort()[0]!,
      leads: snapshot,
      withdrawn: [],
      replaced: [],
    };
    await tx.run(
      `CREATE (x:Export {id: $id, partner: $partner, createdAt: $at, updatedAt: $at, createdBy: $by, revision: 1})
       WITH x
       UNWIND $leads AS leadId
       MATCH (l:Lead {id: leadId})
       CREATE (x)-[:CONTAINS]->(l)
       SET l.status = 'exported', l.exportedAt = coalesce(l.exportedAt, $at), l.updatedAt = $at`,
      { id, partner: input.partner, at, by: input.by, leads: leads.map((l) => l.id) },
    );
    await storeRevision(tx, stored, settings, now);
    return { id, revision: 1 };
  });
}

/** What bringing bundles up to date did: the exports re-issued and the notices written for their partners. */
export interface ExportRevisions {
  revised: string[];
  notices: string[];
  /** The notices written just now for partners with a webhook, to be queued for delivery. */
  deliveries: string[];
}

/**
 * Brings the bundles that hold these leads up to date, driven by the state of the graph so that running
 * it again changes nothing:
 *
 * - a subject whose lead was retracted, that left its lead's network, or whose merge an analyst undid,
 *   is withdrawn, saying which subject and why;
 * - a lead approved again after it changed replaces its snapshot: its subjects under their current ids
 *   (a merged-away id is named in `replaced` with the id that survived it), and those no longer in the
 *   lead are withdrawn;
 * - either makes a new signed revision that supersedes the last, and the partner gets a notice of each
 *   change, as it does of a lead that changed and waits to be approved again.
 */
export async function reviseExports(
  graph: Graph,
  leadIds: readonly string[],
  settings: ExportSettings,
  now = new Date(),
): Promise<ExportRevisions> {
  const outcome: ExportRevisions = { revised: [], notices: [], deliveries: [] };
  if (leadIds.length === 0) return outcome;
  const exportIds = await graph.read(async (tx) => {
    const r = await tx.run(
      'MATCH (x:Export)-[:CONTAINS]->(l:Lead) WHERE l.id IN $ids RETURN DISTINCT x.id AS id ORDER BY id',
      { ids: [...leadIds] },
    );
    return parseRows(r, Id).map((row) => row.id);
  });
  for (const exportId of exportIds) {
    const { revised, notices } = await reviseExport(graph, exportId, settings, now);
    if (revised) outcome.revised.push(exportId);
    for (const n of notices.filter((n) => n.created)) {
      outcome.notices.push(n.id);
      if (n.deliver) outcome.deliveries.push(n.id);
    }
  }
  return outcome;
}

/** Reads and write-locks an export inside a transaction: its revisions and the outcomes reported on it queue. */
export async function lockExport(tx: ManagedTransaction, id: string): Promise<StoredExport | undefined> {
  const r = await tx.run('MATCH (x:Export {id: $id}) SET x.lockSeq = coalesce(x.lockSeq, 0) + 1 RETURN x', { id });
  const row = r.records[0];
  return row ? exportFromNode(row.get('x')) : undefined;
}

async function reviseExport(
  graph: Graph,
  exportId: string,
  settings: ExportSettings,
  now: Date,
): Promise<{ revised: boolean; notices: WrittenNotice[] }> {
  return graph.write(async (tx) => {
    const x = (await lockExport(tx, exportId))!;
    const revision = x.revision + 1;
    const leadState = await tx.run(
      `MATCH (x:Export {id: $id})-[:CONTAINS]->(l:Lead)
       OPTIONAL MATCH (l)-[:SUBJECT]->(s:Entity)
       RETURN l, collect(coalesce(s.mergedInto, s.id)) AS subjects`,
      { id: exportId },
    );
    const leads = new Map(
      leadState.records.map((row) => {
        const lead = leadFromNode(row.get('l'));
        return [lead.id, { lead, subjects: new Set(z.array(z.string()).parse(row.get('subjects'))) }];
      }),
    );
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

    const fresh: WithdrawnSubject[] = [];
    for (const held of x.leads) {
      const state = leads.get(held.leadId);
      if (!state) continue;
      const already = withdrawnFrom(held, x.withdrawn);
      for (const subject of held.subjects) {
        if (already.has(subject.entityId)) continue;
        const currentId = currentOf.get(subject.entityId);
        let reason: string | undefined;
        if (state.lead.status === 'retracted' || state.lead.status === 'rejected')
          reason = `the lead was withdrawn: ${state.lead.closedReason ?? 'retracted by the issuer'}`;
        else if (!currentId || !state.subjects.has(currentId))
          reason = "the subject is no longer part of this lead's corroborated network";
        else if (subject.mentionIds.some((m) => entityOf.get(m) !== currentId))
          reason = 'a merge of records behind this subject was undone';
        if (!reason) continue;
        const byJudgement = subject.mentionIds.some((m) => judged.has(m))
          ? 'an analyst judged records behind this subject to be different; '
          : '';
        fresh.push({ lead_id: held.leadId, entity_id: subject.entityId, revision, reason: `${byJudgement}${reason}` });
      }
    }

    // Leads approved again since the partner's snapshot of them: the newly approved revision replaces it.
    const reapproved = x.leads
      .map((held) => ({ held, lead: leads.get(held.leadId)?.lead }))
      .filter(
        (p): p is { held: SnapshotLead; lead: StoredLead } =>
          p.lead !== undefined &&
          !['retracted', 'rejected'].includes(p.lead.status) &&
          isApproved(p.lead, now) &&
          p.lead.revision > p.held.revision,
      );
    const records = await mentionRecords(
      tx,
      reapproved.flatMap(({ lead }) => lead.evaluation.subjects.flatMap((s) => s.mentionIds)),
    );
    const replaced: ReplacedSubject[] = [];
    const snapshots = new Map<string, SnapshotLead>();
    for (const { held, lead } of reapproved) {
      const next = snapshotOf(lead, records, revision);
      snapshots.set(lead.id, next);
      const listed = new Set(next.subjects.map((s) => s.entityId));
      const gone = withdrawnFrom(held, [...x.withdrawn, ...fresh]);
      for (const subject of held.subjects) {
        if (gone.has(subject.entityId) || listed.has(subject.entityId)) continue;
        const survivor = currentOf.get(subject.entityId);
        if (survivor && survivor !== subject.entityId && listed.has(survivor))
          replaced.push({ lead_id: lead.id, old_entity_id: subject.entityId, entity_id: survivor, revision });
        else
          fresh.push({
            lead_id: lead.id,
            entity_id: subject.entityId,
            revision,
            reason: `the subject is not part of the lead as approved again (lead revision ${lead.revision})`,
          });
      }
    }

    const issued = fresh.length > 0 || snapshots.size > 0;
    const drafts: NoticeDraft[] = [];
    for (const held of x.leads) {
      const lead = leads.get(held.leadId)?.lead;
      if (!lead || snapshots.has(lead.id) || ['retracted', 'rejected'].includes(lead.status)) continue;
      if (lead.revision > held.revision)
        drafts.push({
          kind: 'lead.changed',
          bundleRevision: issued ? revision : x.revision,
          leadId: lead.id,
          leadRevision: lead.revision,
          heldRevision: held.revision,
        });
    }
    for (const leadId of [...new Set(fresh.map((w) => w.lead_id))])
      drafts.push({
        kind: 'subjects.withdrawn',
        bundleRevision: revision,
        leadId,
        entityIds: fresh.filter((w) => w.lead_id === leadId).map((w) => w.entity_id),
      });
    if (issued) {
      drafts.push({ kind: 'bundle.revised', bundleRevision: revision, supersedes: x.revision });
      await storeRevision(
        tx,
        {
          ...x,
          revision,
          leads: x.leads.map((held) => snapshots.get(held.leadId) ?? held),
          withdrawn: [...x.withdrawn, ...fresh],
          replaced: [...x.replaced, ...replaced],
        },
        settings,
        now,
      );
    }
    return { revised: issued, notices: await recordNotices(tx, exportId, drafts, now.toISOString()) };
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

/** A snapshot written before exports recorded which revision of each lead they hold. */
const LegacySnapshot = z.array(
  SnapshotLead.extend({ revision: SnapshotLead.shape.revision.optional(), issuedIn: z.number().int().optional() }),
);
const LegacyExport = z.object({ id: z.string(), snapshot: json(LegacySnapshot), leads: z.array(z.unknown()) });

/**
 * Migration: exports issued before bundles recorded the lead revisions they hold get them. A legacy
 * snapshot was issued in revision 1 and never replaced; it holds the lead's current revision when its
 * subjects and their records are the lead's now, else an older one (the approved revision when that is
 * older, or the one before the current). Idempotent: snapshots that record their revisions are left alone.
 */
export async function recordHeldRevisions(graph: Graph): Promise<number> {
  return graph.write(async (tx) => {
    const r = await tx.run(
      `MATCH (x:Export) WHERE x.snapshot CONTAINS '"leadId"' AND NOT x.snapshot CONTAINS '"issuedIn"'
       OPTIONAL MATCH (x)-[:CONTAINS]->(l:Lead)
       RETURN x.id AS id, x.snapshot AS snapshot, collect(l) AS leads`,
    );
    const rows = parseRows(r, LegacyExport);
    for (const row of rows) {
      const leads = new Map(row.leads.map((node) => leadFromNode(node)).map((l) => [l.id, l]));
      const snapshot: SnapshotLead[] = row.snapshot.map((held) => {
        const lead = leads.get(held.leadId);
        const same = (subjects: ReadonlyArray<{ entityId: string; mentionIds: string[] }>) =>
          JSON.stringify(subjects.map((s) => [s.entityId, [...s.mentionIds].sort()]).sort());
        const revision = !lead
          ? 1
          : same(held.subjects) === same(lead.evaluation.subjects)
            ? lead.revision
            : lead.approvedRevision !== null && lead.approvedRevision < lead.revision
              ? lead.approvedRevision
              : Math.max(1, lead.revision - 1);
        return { ...held, revision: held.revision ?? revision, issuedIn: 1 };
      });
      await tx.run('MATCH (x:Export {id: $id}) SET x.snapshot = $snapshot', {
        id: row.id,
        snapshot: JSON.stringify(snapshot),
      });
      await holdRevisions(tx, row.id, snapshot);
    }
    return rows.length;
  });
}
