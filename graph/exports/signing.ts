import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import path from 'node:path';
import { readOrCreateFile } from '../../src/config/atomicFiles';
import type { Manifest, ManifestBody } from '../../src/domain/leads';
import { canonicalJson } from '../reports/canonical';

/** Signs bundle manifests with the issuer's Ed25519 key. */
export interface BundleSigner {
  /** SHA-256 of the public key (SPKI DER), hex. */
  keyId: string;
  publicKeyPem: string;
  sign(data: Buffer): string;
}

const PRIVATE_KEY_FILE = path.join('signing', 'ed25519.key.pem');
export const PUBLIC_KEY_FILE = path.join('signing', 'ed25519.pub.pem');

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function signerFromPrivateKey(privatePem: string): BundleSigner {
  const privateKey = createPrivateKey(privatePem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the bundle signing key must be an Ed25519 key');
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (data) => sign(null, data, privateKey).toString('base64'),
  };
}

/**
 * The issuer's signing key, kept in the data directory: created once (readable by the owner only) and
 * reused, because recipients pin the public key. Every process that issues bundles (API and workers)
 * needs the same file; on several hosts, copy it. The public key is written beside it for `lantern
 * verify`.
 */
export function loadSigningKey(dataDir: string): BundleSigner {
  const privatePem = readOrCreateFile(
    path.join(dataDir, PRIVATE_KEY_FILE),
    () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    0o600,
  );
  const signer = signerFromPrivateKey(privatePem);
  readOrCreateFile(path.join(dataDir, PUBLIC_KEY_FILE), () => signer.publicKeyPem, 0o644);
  return signer;
}

/** What the signature covers: the manifest without its signature, as canonical JSON. */
const signedBytes = (body: ManifestBody) => Buffer.from(canonicalJson(body), 'utf8');

export function signManifest(body: ManifestBody, signer: BundleSigner): Manifest {
  return { ...body, signature: { algorithm: 'Ed25519', key_id: signer.keyId, value: signer.sign(signedBytes(body)) } };
}

export function verifyManifestSignature(manifest: Manifest, publicKeyPem: string): boolean {
  const { signature, ...body } = manifest;
  try {
    return verify(null, signedBytes(body), createPublicKey(publicKeyPem), Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}
