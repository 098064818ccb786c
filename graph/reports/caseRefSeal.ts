import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/*
 * The case reference is shown back to its own organisation, so it is kept sealed (AES-256-GCM under a
 * key derived from the server secret) next to its keyed hash: like the hash, it tells nobody holding
 * the database alone what the reference is.
 */

/** HKDF gives this use its own key: the sealing key tells nothing of the secret nor of the HMAC key beside it. */
const keyOf = (secret: string) => Buffer.from(hkdfSync('sha256', secret, '', 'lantern case reference seal', 32));

/** The case reference sealed, bound to its organisation so that a sealed value cannot be moved to another. */
export function sealCaseRef(secret: string, org: string, caseRef: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  cipher.setAAD(Buffer.from(org, 'utf8'));
  const sealed = Buffer.concat([cipher.update(caseRef.trim(), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
}

/** The case reference back, or null when there is none or it was sealed under another secret or organisation. */
export function openCaseRef(secret: string, org: string, sealed: string | null): string | null {
  const [iv, tag, data] = (sealed ?? '').split('.').map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !tag || !data) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), iv);
    decipher.setAAD(Buffer.from(org, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
