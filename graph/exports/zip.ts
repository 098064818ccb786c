/**
 * ZIP archives for bundles, written with fflate and read with yauzl. Bundles are three small text files,
 * so entries are stored (no compression): the archive is byte-for-byte reproducible and easy to audit,
 * and the reader never inflates anything, so an archive cannot expand beyond its own size.
 */

import { buffer } from 'node:stream/consumers';
import { crc32 } from 'node:zlib';
import { type Zippable, zipSync } from 'fflate';
import { fromBufferPromise, type ZipFile } from 'yauzl';

const STORED = 0;

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * ZIP keeps a wall-clock time without a zone, and fflate takes it from a Date's local fields: a Date
 * whose local fields are the UTC ones makes the archive the same bytes on a host in any time zone.
 */
function wallClock(at: Date): Date {
  const year = Math.max(at.getUTCFullYear(), 1980);
  return new Date(year, at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds());
}

export function writeZip(entries: readonly ZipEntry[], modifiedAt: Date): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    if (Object.hasOwn(files, entry.name)) throw new Error(`${entry.name} is in the archive twice`);
    files[entry.name] = entry.data;
  }
  return Buffer.from(zipSync(files, { level: 0, mtime: wallClock(modifiedAt) }));
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export class ZipError extends Error {
  override name = 'ZipError';
}

/**
 * The entries of a ZIP archive, each checked against its CRC-32 (yauzl leaves that to its caller).
 * Throws ZipError on anything else, including names that climb out of the archive (yauzl refuses them).
 */
export async function readZip(zip: Buffer): Promise<ZipEntry[]> {
  let archive: ZipFile;
  try {
    archive = await fromBufferPromise(zip);
  } catch (err) {
    throw new ZipError(`not a ZIP archive (${messageOf(err)})`);
  }
  const entries: ZipEntry[] = [];
  try {
    for await (const entry of archive.eachEntry()) {
      const name = entry.fileName;
      if (entry.isEncrypted()) throw new ZipError(`${name} is encrypted`);
      const method = entry.compressionMethod;
      if (method !== STORED) {
        throw new ZipError(`${name} is compressed (method ${method}); Lantern bundles store their files uncompressed`);
      }
      const data = await buffer(await archive.openReadStreamPromise(entry));
      if (crc32(data) !== entry.crc32) throw new ZipError(`${name} does not match its CRC-32`);
      entries.push({ name, data });
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError(`the ZIP archive is refused: ${messageOf(err)}`);
  }
  return entries;
}
