import { createHash, createPublicKey } from 'node:crypto';
import { BUNDLE_FILES, Manifest } from '../../src/domain/leads';
import { keyIdOf, verifyManifestSignature } from './signing';
import { readZip, type ZipEntry, ZipError } from './zip';

export interface VerifyResult {
  ok: boolean;
  bundle: string | null;
  revision: number | null;
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
    keyId: null,
    signature: 'missing',
    files: {},
    leads: [],
    sarKeyTerm: null,
    problems,
  };
}

/**
 * Checks a bundle as a recipient would: the manifest is well-formed and signed by the given public key,
 * every file it lists is present with the SHA-256 and size it states, and nothing else is in the archive.
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
  for (const name of byName.keys()) {
    if (name !== 'manifest.json' && !manifest.files.some((f) => f.name === name)) {
      result.files[name] = 'unexpected';
      result.problems.push(`${name} is not listed in the manifest`);
    }
  }
  result.ok = result.problems.length === 0;
  return result;
}
