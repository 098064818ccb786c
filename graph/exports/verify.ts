import { createHash, createPublicKey } from 'node:crypto';
import { BUNDLE_FILES, Manifest } from '../../src/domain/leads';
import { keyIdOf, verifyManifestSignature } from './signing';
import { readZip, type ZipEntry, ZipError } from './zip';

export interface VerifyResult {
  ok: boolean;
  bundle: string | null;
  revision: number | null;
  /** The revision this one replaces (null for the first, and for bundles issued before manifests said). */
  supersedes: number | null;
  keyId: string | null;
  signature: 'valid' | 'invalid' | 'other-key' | 'missing';
  files: Record<string, 'ok' | 'mismatch' | 'missing' | 'unexpected'>;
  /** Each lead's typologies by id, as the manifest states them (none in bundles issued before typologies). */
  leads: Array<{ lead_id: string; typologies: string[] }>;
  /** The key term the manifest gives for a suspicious activity report, when it gives one. */
  sarKeyTerm: string | null;
  problems: string[];
}

/** A check that found nothing verified yet: what a bundle that cannot even be read reports. */
export function failedVerification(problems: string[]): VerifyResult {
  return {
    ok: false,
    bundle: null,
    revision: null,
    supersedes: null,
    keyId: null,
    signature: 'missing',
    files: {},
    leads: [],
    sarKeyTerm: null,
    problems,
  };
}

/**
 * What a manifest says of its own history must hold together: it supersedes the revision before it, no
 * change is dated after it, each replacement names a lead of the bundle and a different id, and the id
 * a bank is told to screen instead is in the bundle unless a later revision changed it again.
 */
function historyProblems(manifest: Manifest, entities: Set<string> | undefined): string[] {
  const problems: string[] = [];
  const expected = manifest.revision > 1 ? manifest.revision - 1 : null;
  if (manifest.supersedes !== undefined && manifest.supersedes !== expected)
    problems.push(`revision ${manifest.revision} says it supersedes ${manifest.supersedes}, not ${expected}`);
  const replaced = manifest.replaced ?? [];
  for (const change of [...manifest.withdrawn, ...replaced])
    if (change.revision > manifest.revision)
      problems.push(`a change to ${change.entity_id} is dated revision ${change.revision}, after this one`);
  const leads = new Set(manifest.leads.map((l) => l.lead_id));
  const laterChange = (leadId: string, entityId: string, after: number) =>
    [...manifest.withdrawn, ...replaced.map((r) => ({ ...r, entity_id: r.old_entity_id }))].some(
      (c) => c.lead_id === leadId && c.entity_id === entityId && c.revision > after,
    );
  for (const r of replaced) {
    if (!leads.has(r.lead_id)) problems.push(`replaced names lead ${r.lead_id}, which the bundle does not hold`);
    if (r.old_entity_id === r.entity_id) problems.push(`replaced lists ${r.entity_id} as replaced by itself`);
    else if (entities && !entities.has(r.entity_id) && !laterChange(r.lead_id, r.entity_id, r.revision))
      problems.push(`${r.entity_id}, which replaces ${r.old_entity_id}, is not in entities.ftm.jsonl`);
  }
  return problems;
}

/** The ids of a FollowTheMoney JSON-lines file; a line that is not an entity names nothing. */
function entityIds(jsonl: Buffer): Set<string> {
  const ids = new Set<string>();
  for (const line of jsonl.toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const entity: unknown = JSON.parse(line);
      if (typeof entity === 'object' && entity !== null && 'id' in entity && typeof entity.id === 'string')
        ids.add(entity.id);
    } catch {
      // Its hash matched the signed manifest, so the issuer wrote it so; a bad line holds no entity.
    }
  }
  return ids;
}

/**
 * Checks a bundle as a recipient would: the manifest is well-formed and signed by the given public key,
 * every file it lists is present with the SHA-256 and size it states, nothing else is in the archive, and
 * what the manifest says of the revisions before it (supersedes, withdrawn, replaced) holds together.
 */
export async function verifyBundle(zip: Buffer, publicKeyPem: string): Promise<VerifyResult> {
  const result = failedVerification([]);
  let entries: ZipEntry[];
  try {
    entries = await readZip(zip);
  } catch (err) {
    if (err instanceof ZipError) return { ...result, problems: [err.message] };
    throw err;
  }
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  if (byName.size !== entries.length) result.problems.push('the archive holds two files with the same name');
  const manifestText = byName.get('manifest.json');
  if (!manifestText) return { ...result, problems: [...result.problems, 'manifest.json is missing'] };
  let manifest: Manifest;
  try {
    const parsed = Manifest.safeParse(JSON.parse(manifestText.toString('utf8')));
    if (!parsed.success)
      return {
        ...result,
        problems: [
          ...result.problems,
          'manifest.json is not a valid manifest: ' +
            `${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        ],
      };
    manifest = parsed.data;
  } catch {
    return { ...result, problems: [...result.problems, 'manifest.json is not JSON'] };
  }
  result.bundle = manifest.bundle_id;
  result.revision = manifest.revision;
  result.supersedes = manifest.supersedes ?? null;
  result.keyId = manifest.signature.key_id;
  result.leads = manifest.leads.map((l) => ({ lead_id: l.lead_id, typologies: (l.typologies ?? []).map((t) => t.id) }));
  result.sarKeyTerm = manifest.sar_key_term ?? null;

  let expectedKeyId: string;
  try {
    expectedKeyId = keyIdOf(createPublicKey(publicKeyPem));
  } catch {
    return { ...result, problems: [...result.problems, 'the public key given is not a PEM public key'] };
  }
  if (manifest.signature.key_id !== expectedKeyId) {
    result.signature = 'other-key';
    result.problems.push(`signed with key ${manifest.signature.key_id}, not with the given key ${expectedKeyId}`);
  } else if (verifyManifestSignature(manifest, publicKeyPem)) result.signature = 'valid';
  else {
    result.signature = 'invalid';
    result.problems.push('the manifest signature does not verify: the manifest was changed after signing');
  }

  for (const listed of manifest.files) {
    const data = byName.get(listed.name);
    if (!data) {
      result.files[listed.name] = 'missing';
      result.problems.push(`${listed.name} is missing`);
      continue;
    }
    const matches = data.length === listed.bytes && createHash('sha256').update(data).digest('hex') === listed.sha256;
    result.files[listed.name] = matches ? 'ok' : 'mismatch';
    if (!matches) result.problems.push(`${listed.name} does not match the SHA-256 in the manifest`);
  }
  for (const name of BUNDLE_FILES) {
    if (!manifest.files.some((f) => f.name === name)) result.problems.push(`the manifest does not list ${name}`);
  }
  const entitiesFile = result.files['entities.ftm.jsonl'] === 'ok' ? byName.get('entities.ftm.jsonl') : undefined;
  result.problems.push(...historyProblems(manifest, entitiesFile && entityIds(entitiesFile)));
  for (const name of byName.keys()) {
    if (name !== 'manifest.json' && !manifest.files.some((f) => f.name === name)) {
      result.files[name] = 'unexpected';
      result.problems.push(`${name} is not listed in the manifest`);
    }
  }
  result.ok = result.problems.length === 0;
  return result;
}
