/**
 * Bundle files from an export's snapshot. Pure apart from signing: the same snapshot, revision and
 * time give the same bytes. What goes in is only what the snapshot holds (FtM entities and CSV rows
 * rendered from approved subjects); no report, note or case reference is within reach here.
 */
import { createHash } from 'node:crypto';
import type { FtmEntity } from '../../src/domain/ftm';
import {
  type BundleFileName,
  HANDLING,
  type Manifest,
  type ManifestBody,
  PERMITTED_USE,
  type ReplacedSubject,
  type SnapshotLead,
  type WithdrawnSubject,
} from '../../src/domain/leads';
import { SAR_GUIDANCE, SAR_KEY_TERM } from '../../src/domain/typologies';
import { leadsCsv, leadsCsvRow } from './csv';
import { type BundleSigner, signManifest } from './signing';
import { writeZip } from './zip';

export interface BundleInput {
  exportId: string;
  revision: number;
  issuer: string;
  recipient: string;
  redressContact: string;
  issuedAt: Date;
  leads: readonly SnapshotLead[];
  withdrawn: readonly WithdrawnSubject[];
  replaced: readonly ReplacedSubject[];
}

export type BundleFiles = Record<BundleFileName, string>;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The subjects withdrawn from a lead's snapshot: a withdrawal is of the snapshot it was made against, so
 * a lead approved again later lists what its new approval lists.
 */
export function withdrawnFrom(lead: SnapshotLead, withdrawn: readonly WithdrawnSubject[]): Set<string> {
  return new Set(
    withdrawn.filter((w) => w.lead_id === lead.leadId && w.revision > lead.issuedIn).map((w) => w.entity_id),
  );
}

export function buildBundle(input: BundleInput, signer: BundleSigner): { files: BundleFiles; manifest: Manifest } {
  const leads = input.leads.map((lead) => {
    const gone = withdrawnFrom(lead, input.withdrawn);
    const subjects = lead.subjects.filter((s) => !gone.has(s.entityId));
    const kept = new Set(subjects.map((s) => s.entityId));
    return { lead, subjects, links: lead.links.filter((l) => kept.has(l.from) && kept.has(l.to)) };
  });
  const entities = new Map<string, FtmEntity>();
  for (const { subjects, links } of leads)
    for (const e of [...subjects.map((s) => s.entity), ...links.map((l) => l.entity)]) entities.set(e.id, e);
  const jsonl = [...entities.values()]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((e) => `${JSON.stringify({ id: e.id, schema: e.schema, properties: e.properties })}\n`)
    .join('');
  const csv = leadsCsv(leads.flatMap(({ lead, subjects }) => subjects.map((s) => leadsCsvRow(s.row, lead.typologies))));
  const reviewBy = input.leads.map((l) => l.reviewBy).sort()[0] ?? input.issuedAt.toISOString();
  const body: ManifestBody = {
    bundle_id: input.exportId,
    revision: input.revision,
    issuer: input.issuer,
    recipient: input.recipient,
    issued_at: input.issuedAt.toISOString(),
    review_by: reviewBy,
    handling: HANDLING,
    permitted_use: PERMITTED_USE,
    redress_contact: input.redressContact,
    supersedes: input.revision > 1 ? input.revision - 1 : null,
    leads: leads.map(({ lead, subjects }) => ({
      lead_id: lead.leadId,
      revision: lead.revision,
      score: lead.score,
      subjects: subjects.length,
      review_by: lead.reviewBy,
      typologies: lead.typologies,
    })),
    sar_key_term: SAR_KEY_TERM,
    sar_guidance: SAR_GUIDANCE,
    withdrawn: [...input.withdrawn],
    replaced: [...input.replaced],
    files: [
      { name: 'entities.ftm.jsonl', sha256: sha256(jsonl), bytes: Buffer.byteLength(jsonl) },
      { name: 'leads.csv', sha256: sha256(csv), bytes: Buffer.byteLength(csv) },
    ],
  };
  const manifest = signManifest(body, signer);
  return {
    manifest,
    files: { 'manifest.json': `${JSON.stringify(manifest, null, 2)}\n`, 'entities.ftm.jsonl': jsonl, 'leads.csv': csv },
  };
}

export function bundleZip(files: BundleFiles, issuedAt: Date): Buffer {
  const order: BundleFileName[] = ['manifest.json', 'entities.ftm.jsonl', 'leads.csv'];
  return writeZip(
    order.map((name) => ({ name, data: Buffer.from(files[name], 'utf8') })),
    issuedAt,
  );
}
