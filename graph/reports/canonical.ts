import { createHash, createHmac } from 'node:crypto';

/** JSON with object keys sorted, so that the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The NGO's case reference is stored only as a keyed hash: two reports of one case can be recognised as
 * such, but nobody holding the database alone can recover or test-guess the reference. The organisation
 * is part of the input because case numbering is each NGO's own.
 */
export function caseRefHash(secret: string, org: string, caseRef: string): string {
  return createHmac('sha256', secret).update(`${org}\n${caseRef.trim()}`, 'utf8').digest('hex');
}
