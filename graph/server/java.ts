import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Neo4jToolMissingError } from './errors';
import type { Neo4jLogger } from './log';

export function resolveJava(java?: string): string {
  return java ?? process.env.LANTERN_JAVA ?? 'java';
}

export function javacFor(java: string): string {
  return path.isAbsolute(java) ? path.join(path.dirname(java), 'javac') : 'javac';
}

const checkedJava = new Set<string>();

/** Refuses a Java older than 17 and warns about one other than 17 or 21; asks each binary once per process. */
export function checkJava(java: string, logger: Neo4jLogger): void {
  if (checkedJava.has(java)) return;
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error) throw new Neo4jToolMissingError(`Java (${java})`, r.error.message);
  const text = `${r.stderr ?? ''}${r.stdout ?? ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (Number.isFinite(major) && major < 17) {
    throw new Neo4jToolMissingError('Java 17 or 21', `${java} is Java ${major}`);
  }
  if (Number.isFinite(major) && major !== 17 && major !== 21) {
    logger.warn(
      { java, major },
      'Neo4j 5.26 supports Java 17 and 21 only; set LANTERN_JAVA to a Java 17/21 java binary if startup fails',
    );
  }
  checkedJava.add(java);
}
