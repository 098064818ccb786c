/**
 * A real Neo4j Community DBMS for `lantern start` and the integration tests, without Docker or a Neo4j
 * tarball: Maven copies the jars from Maven Central into graph/server/lib, and Launcher.java runs them
 * embedded with Bolt enabled.
 *
 *   const neo = await startLocalNeo4j({ dataDir: '.lantern/neo4j', logger });
 *   const driver = neo4j.driver(neo.uri);      // auth is disabled; loopback only
 *   ...
 *   await neo.stop();
 *
 * No orphans: the JVM exits when its stdin pipe closes, which happens whenever this process dies, even by
 * SIGKILL. stop() (SIGTERM, then SIGKILL after stopTimeoutMs) is the clean path.
 */
import fs from 'node:fs';
import path from 'node:path';
import { classesAreCurrent, libIsCurrent, type Neo4jJars } from './buildDirs';
import { compileLauncher } from './compileLauncher';
import { withDirLock } from './dirLock';
import { PortInUseError } from './errors';
import { findFreePort } from './freePort';
import { fetchJars } from './jars';
import { checkJava, javacFor, resolveJava } from './java';
import { type LocalNeo4j, launch, type Neo4jProcessOptions } from './launch';
import { type Neo4jLogger, stderrLogger } from './log';

export type { Neo4jJars } from './buildDirs';
export { Neo4jStartError, Neo4jToolMissingError } from './errors';
export { type LocalNeo4j, NEO4J_JVM_FLAGS } from './launch';
export type { Neo4jLogger } from './log';

export interface StartLocalNeo4jOptions extends Neo4jProcessOptions {
  /** Neo4j home: the store goes to <dataDir>/data, Neo4j's logs to <dataDir>/logs. Created if missing. */
  dataDir: string;
  host?: string;
  /** 0 or undefined: pick a free port (and retry with another one if it is taken before Neo4j binds it). */
  port?: number;
  startTimeoutMs?: number;
  logger?: Neo4jLogger;
  /** Where pom.xml and Launcher.java live; defaults to this module's folder. */
  serverDir?: string;
  /** The java executable; defaults to $LANTERN_JAVA, then `java` on PATH. Neo4j 5.26 needs Java 17 or 21. */
  java?: string;
  /** Test seam for the port-race retry; defaults to findFreePort. */
  pickPort?: (host: string) => Promise<number>;
}

export interface EnsureNeo4jJarsOptions {
  serverDir?: string;
  logger?: Neo4jLogger;
  java?: string;
  mvn?: string;
}

export const NEO4J_SERVER_DIR = __dirname;

const inFlight = new Map<string, Promise<Neo4jJars>>();

/**
 * Makes sure graph/server/lib holds the Neo4j jars for the current pom.xml and graph/server/classes holds a
 * Launcher compiled from the current Launcher.java. Cheap when both are current (two hashes and a stat per jar).
 */
export function ensureNeo4jJars(opts: EnsureNeo4jJarsOptions = {}): Promise<Neo4jJars> {
  const serverDir = path.resolve(opts.serverDir ?? NEO4J_SERVER_DIR);
  let p = inFlight.get(serverDir);
  if (!p) {
    p = ensureJarsUnlocked(serverDir, opts).finally(() => inFlight.delete(serverDir));
    inFlight.set(serverDir, p);
  }
  return p;
}

async function ensureJarsUnlocked(serverDir: string, opts: EnsureNeo4jJarsOptions): Promise<Neo4jJars> {
  const logger = opts.logger ?? stderrLogger;
  const libDir = path.join(serverDir, 'lib');
  const classesDir = path.join(serverDir, 'classes');
  const java = resolveJava(opts.java);
  checkJava(java, logger);

  if (libIsCurrent(serverDir) && classesAreCurrent(serverDir)) {
    return { libDir, classesDir, fetched: false, compiled: false };
  }
  // Several processes (jest workers, a CLI next to a test run) may get here at once; Maven 3.8 does not
  // lock ~/.m2, and two swaps of lib/ would trample each other.
  return withDirLock(path.join(serverDir, 'target', '.jars.lock'), logger, async () => {
    let fetched = false;
    let compiled = false;
    if (!libIsCurrent(serverDir)) {
      await fetchJars(serverDir, opts.mvn ?? 'mvn', logger);
      fetched = true;
    }
    if (!classesAreCurrent(serverDir)) {
      await compileLauncher(serverDir, javacFor(java), logger);
      compiled = true;
    }
    return { libDir, classesDir, fetched, compiled };
  });
}

/** Starts Neo4j and resolves once it printed its ready line and answers a Bolt handshake. */
export async function startLocalNeo4j(opts: StartLocalNeo4jOptions): Promise<LocalNeo4j> {
  const logger = opts.logger ?? stderrLogger;
  const serverDir = path.resolve(opts.serverDir ?? NEO4J_SERVER_DIR);
  const java = resolveJava(opts.java);
  const host = opts.host ?? '127.0.0.1';
  const startTimeoutMs = opts.startTimeoutMs ?? 120_000;
  const deadline = Date.now() + startTimeoutMs;

  const jars = await ensureNeo4jJars({ serverDir, logger, java });
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });

  const fixedPort = opts.port === 0 ? undefined : opts.port;
  const pickPort = opts.pickPort ?? findFreePort;
  const attempts = fixedPort === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await pickPort(host));
    try {
      return await launch({ ...opts, host, port, dataDir, serverDir, java, logger, deadline, startTimeoutMs, jars });
    } catch (err) {
      if (err instanceof PortInUseError && attempt < attempts) {
        logger.warn({ port }, 'the picked Bolt port was taken before Neo4j could bind it; retrying on another port');
        continue;
      }
      throw err;
    }
  }
}
