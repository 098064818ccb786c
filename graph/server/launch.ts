/**
 * One Neo4j JVM: spawned on a given port, ready once it printed its ready line and answers Bolt, and
 * stopped by SIGTERM (SIGKILL after stopTimeoutMs), or by its stdin closing when this process dies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Neo4jJars } from './buildDirs';
import { errnoCode, Neo4jStartError, Neo4jToolMissingError, PortInUseError } from './errors';
import type { Neo4jLogger } from './log';
import { pushTail } from './outputTail';
import { waitFor, waitForBolt } from './ready';

export interface LocalNeo4j {
  uri: string;
  host: string;
  port: number;
  pid: number;
  dataDir: string;
  /** SIGTERM, wait up to stopTimeoutMs, then SIGKILL. Safe to call more than once. */
  stop(): Promise<void>;
}

/** How the JVM runs, whatever port and folder it runs on. */
export interface Neo4jProcessOptions {
  /** JVM -Xmx, e.g. '1g'. */
  heap?: string;
  /** Neo4j page cache (off-heap), e.g. '256m'. */
  pageCache?: string;
  /** Neo4j transaction timeout, e.g. '120s'. */
  txTimeout?: string;
  stopTimeoutMs?: number;
  /** Appended after the default JVM flags. */
  jvmArgs?: string[];
}

export interface LaunchParams extends Neo4jProcessOptions {
  host: string;
  port: number;
  dataDir: string;
  serverDir: string;
  java: string;
  logger: Neo4jLogger;
  deadline: number;
  startTimeoutMs: number;
  jars: Neo4jJars;
}

/** The flags Neo4j's own server scripts add; without them Netty and the page cache log reflective-access failures. */
export const NEO4J_JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-XX:+ExitOnOutOfMemoryError',
  '-XX:-OmitStackTraceInFastThrow',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dfile.encoding=UTF-8',
];

const READY_PREFIX = 'LANTERN_NEO4J_READY ';
const PORT_IN_USE_PREFIX = 'LANTERN_NEO4J_PORT_IN_USE';
const EXIT_PORT_IN_USE = 98; // Launcher.EXIT_PORT_IN_USE

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function trackChild(child: ChildProcess): void {
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: sending a signal is. SIGTERM rather than SIGKILL because the JVM
  // no longer needs us to finish its clean shutdown, and a clean shutdown spares the next start a recovery.
  process.on('exit', () => {
    for (const c of liveChildren) {
      try {
        c.kill('SIGTERM');
      } catch {
        // already gone
      }
    }
  });
}

function hostForUri(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export async function launch(p: LaunchParams): Promise<LocalNeo4j> {
  const { host, port, dataDir, logger } = p;
  const started = Date.now();
  const args = [
    `-Xmx${p.heap ?? '1g'}`,
    ...NEO4J_JVM_FLAGS,
    ...(p.jvmArgs ?? []),
    '-cp',
    [path.join(p.jars.libDir, '*'), p.jars.classesDir].join(path.delimiter),
    'Launcher',
    '--host',
    host,
    '--port',
    String(port),
    '--data-dir',
    dataDir,
    '--pagecache',
    p.pageCache ?? '256m',
    '--tx-timeout',
    p.txTimeout ?? '120s',
  ];
  // stdin stays a pipe we never write to: its EOF is the JVM's signal that we are gone.
  // detached: its own process group, so a terminal's Ctrl-C reaches only us and the CLI decides the
  // shutdown order (stop serving, then stop the database) instead of Neo4j vanishing under live requests.
  const child = spawn(p.java, args, { cwd: p.serverDir, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin.on('error', () => undefined); // EPIPE once the JVM has exited
  trackChild(child);

  const tail: string[] = [];
  let readyUri: string | undefined;
  let portInUse = false;
  let stopRequested = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let spawnError: Error | undefined;
  child.once('error', (err) => {
    spawnError = err;
  });

  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    pushTail(tail, line);
    if (line.startsWith(READY_PREFIX)) readyUri = line.slice(READY_PREFIX.length).trim();
    else if (line.startsWith(PORT_IN_USE_PREFIX)) portInUse = true;
  });
  readline.createInterface({ input: child.stderr }).on('line', (line) => {
    pushTail(tail, line);
    logger.debug?.({ src: 'neo4j', pid: child.pid }, line);
  });

  const killNow = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };

  try {
    await waitFor(
      () => {
        if (spawnError) {
          const missing = errnoCode(spawnError) === 'ENOENT';
          throw missing ? new Neo4jToolMissingError(`Java (${p.java})`, spawnError.message) : spawnError;
        }
        if (readyUri) return true;
        if (child.exitCode !== null || child.signalCode !== null) {
          if (portInUse || child.exitCode === EXIT_PORT_IN_USE) throw new PortInUseError(port, tail);
          throw new Neo4jStartError(
            `Neo4j exited during startup (code ${child.exitCode}, signal ${child.signalCode})`,
            tail,
          );
        }
        return false;
      },
      p.deadline,
      () => new Neo4jStartError(`Neo4j did not report ready within ${p.startTimeoutMs} ms`, tail),
      // Exit and readiness are signalled by events; polling every 50 ms costs nothing next to a 10 s start.
      50,
    );
    const uri = `bolt://${hostForUri(host)}:${port}`;
    if (readyUri !== uri) logger.warn({ readyUri, uri }, 'Launcher reported an unexpected address');
    const dead = () => child.exitCode !== null || child.signalCode !== null;
    await waitForBolt(uri, p.deadline, dead, tail, p.startTimeoutMs);
  } catch (err) {
    await killNow();
    throw err;
  }

  const uri = `bolt://${hostForUri(host)}:${port}`;
  logger.info({ uri, pid: child.pid, dataDir, ms: Date.now() - started }, 'local Neo4j is ready');
  void exited.then(({ code, signal }) => {
    if (stopRequested) return;
    logger.error({ uri, code, signal, lastOutput: tail.slice(-10) }, 'local Neo4j exited unexpectedly');
  });

  let stopping: Promise<void> | undefined;
  const stopTimeoutMs = p.stopTimeoutMs ?? 30_000;
  return {
    uri,
    host,
    port,
    pid: child.pid!,
    dataDir,
    stop() {
      stopping ??= (async () => {
        stopRequested = true;
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          exited.then(() => false),
          new Promise<boolean>((r) => {
            timer = setTimeout(() => r(true), stopTimeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          logger.warn({ pid: child.pid, stopTimeoutMs }, 'Neo4j did not stop in time; killing it');
          await killNow();
        }
        logger.info({ uri }, 'local Neo4j stopped');
      })();
      return stopping;
    },
  };
}
