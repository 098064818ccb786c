/**
 * graph/server/lib (the Neo4j jars) and graph/server/classes (the compiled Launcher): whether each is
 * current for pom.xml and Launcher.java, and swapping a freshly built one in.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Neo4jLibStamp } from '../../src/domain/neo4jServer';

export interface Neo4jJars {
  libDir: string;
  classesDir: string;
  /** Whether this call ran Maven (a fresh lib/), and whether it ran javac. */
  fetched: boolean;
  compiled: boolean;
}

const LIB_STAMP = '.lantern-stamp.json';
const CLASSES_STAMP = '.lantern-stamp';

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function readLibStamp(file: string): Neo4jLibStamp | undefined {
  try {
    const parsed = Neo4jLibStamp.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function libIsCurrent(serverDir: string): boolean {
  const libDir = path.join(serverDir, 'lib');
  const stamp = readLibStamp(path.join(libDir, LIB_STAMP));
  if (!stamp || stamp.pomSha256 !== sha256File(path.join(serverDir, 'pom.xml'))) return false;
  return stamp.jars.length > 0 && stamp.jars.every((jar) => fs.existsSync(path.join(libDir, jar)));
}

/** Marks a freshly fetched lib folder as holding these jars for the current pom.xml. */
export function stampLib(serverDir: string, dir: string, jars: string[]): void {
  const stamp: Neo4jLibStamp = { pomSha256: sha256File(path.join(serverDir, 'pom.xml')), jars };
  fs.writeFileSync(path.join(dir, LIB_STAMP), JSON.stringify(stamp, null, 2));
}

function classesStampValue(serverDir: string): string {
  // Tied to the jars too: a Neo4j upgrade must recompile against the new API.
  return `${sha256File(path.join(serverDir, 'Launcher.java'))} ${sha256File(path.join(serverDir, 'pom.xml'))}`;
}

export function classesAreCurrent(serverDir: string): boolean {
  const classesDir = path.join(serverDir, 'classes');
  try {
    return (
      fs.existsSync(path.join(classesDir, 'Launcher.class')) &&
      fs.readFileSync(path.join(classesDir, CLASSES_STAMP), 'utf8') === classesStampValue(serverDir)
    );
  } catch {
    return false;
  }
}

/** Marks a freshly compiled classes folder as built from the current Launcher.java and pom.xml. */
export function stampClasses(serverDir: string, dir: string): void {
  fs.writeFileSync(path.join(dir, CLASSES_STAMP), classesStampValue(serverDir));
}

export function swapDir(from: string, to: string): void {
  // mkdtemp creates 0700 folders; lib/ and classes/ are shared with whoever else runs Lantern here.
  fs.chmodSync(from, 0o755);
  fs.rmSync(to, { recursive: true, force: true });
  fs.renameSync(from, to);
}
