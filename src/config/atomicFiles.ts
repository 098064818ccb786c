import { randomUUID } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A name beside `file` that no other writer, process or thread, picks at the same time. */
const draftOf = (file: string) => `${file}.${randomUUID()}.draft`;

/**
 * The contents of a file that must be created once and then kept (a secret, a signing key). When it is
 * missing, `create` makes the contents, which are written whole under a draft name and linked into place:
 * link fails if the file exists, so of several processes starting at the same moment (an API and its
 * workers) the first to link wins, and every process reads either no file or a complete one, never a
 * half-written one. Creating with O_EXCL and writing afterwards let a racing reader see an empty file.
 */
export function readOrCreateFile(file: string, create: () => string, mode: number): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = draftOf(file);
  writeFileSync(draft, create(), { mode });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    rmSync(draft, { force: true });
  }
  return readFileSync(file, 'utf8');
}

/**
 * Replaces a file's contents in one step (written under a draft name, then renamed over it), for
 * addresses that other processes read at any moment: they see the old contents or the new, whole.
 */
export function writeFileAtomically(file: string, contents: string): void {
  const draft = draftOf(file);
  writeFileSync(draft, contents);
  renameSync(draft, file);
}
