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
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import neo4j from 'neo4j-driver';
import { findFreePort } from './freePort';

/** Structurally a subset of pino's Logger, so a pino logger can be passed as is. */
export interface Neo4jLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** Receives the JVM's own log lines when present. */
  debug?(obj: object, msg?: string): void;
}

export interface LocalNeo4j {
  uri: string;
  host: string;
  port: number;
  pid: number;
  dataDir: string;
  /** SIGTERM, wait up to stopTimeoutMs, then SIGKILL. Safe to call more than once. */
  stop(): Promise<void>;
}

export interface StartLocalNeo4jOptions {
  /** Neo4j home: the store goes to <dataDir>/data, Neo4j's logs to <dataDir>/logs. Created if missing. */
  dataDir: string;
  host?: string;
  /** 0 or undefined: pick a free port (and retry with another one if it is taken before Neo4j binds it). */
  port?: number;
  /** JVM -Xmx, e.g. '1g'. */
  heap?: string;
  /** Neo4j page cache (off-heap), e.g. '256m'. */
  pageCache?: string;
  /** Neo4j transaction timeout, e.g. '120s'. */
  txTimeout?: string;
  startTimeoutMs?: number;
  stopTimeoutMs?: number;
  logger?: Neo4jLogger;
  /** Where pom.xml and Launcher.java live; defaults to this module's folder. */
  serverDir?: string;
  /** The java executable; defaults to $LANTERN_JAVA, then `java` on PATH. Neo4j 5.26 needs Java 17 or 21. */
  java?: string;
  /** Appended after the default JVM flags. */
  jvmArgs?: string[];
  /** Test seam for the port-race retry; defaults to findFreePort. */
  pickPort?: (host: string) => Promise<number>;
}

export interface EnsureNeo4jJarsOptions {
  serverDir?: string;
  logger?: Neo4jLogger;
  java?: string;
  mvn?: string;
}

export interface Neo4jJars {
  libDir: string;
  classesDir: string;
  /** Whether this call ran Maven (a fresh lib/), and whether it ran javac. */
  fetched: boolean;
  compiled: boolean;
}

export class Neo4jToolMissingError extends Error {
  constructor(tool: string, detail = '') {
    super(
      `${tool} is needed to run the local Neo4j but was not found${detail ? ` (${detail})` : ''}. ` +
        `Install a JDK and Maven (Debian/Ubuntu: apt-get install -y maven openjdk-17-jdk-headless), ` +
        `or point LANTERN_JAVA at a Java 17/21 java binary, or set NEO4J_URI to an existing Neo4j.`,
    );
    this.name = 'Neo4jToolMissingError';
  }
}

export class Neo4jStartError extends Error {
  constructor(
    message: string,
    readonly outputTail: string[] = [],
  ) {
    super(outputTail.length ? `${message}\n--- last lines of Neo4j output ---\n${outputTail.join('\n')}` : message);
    this.name = 'Neo4jStartError';
  }
}

class PortInUseError extends Neo4jStartError {
  constructor(
    readonly port: number,
    tail: string[],
  ) {
    super(`Bolt port ${port} is already in use`, tail);
    this.name = 'PortInUseError';
  }
}

export const NEO4J_SERVER_DIR = __dirname;

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
const LIB_STAMP = '.lantern-stamp.json';
const CLASSES_STAMP = '.lantern-stamp';
const TAIL_LINES = 40;

const stderrLogger: Neo4jLogger = {
  info: (obj, msg) => writeStderr('info', obj, msg),
  warn: (obj, msg) => writeStderr('warn', obj, msg),
  error: (obj, msg) => writeStderr('error', obj, msg),
  ...(process.env.LANTERN_NEO4J_DEBUG ? { debug: (obj: object, msg?: string) => writeStderr('debug', obj, msg) } : {}),
};

function writeStderr(level: string, obj: object, msg?: string): void {
  const extra = Object.keys(obj).length ? ` ${JSON.stringify(obj)}` : '';
  process.stderr.write(`[lantern:neo4j] ${level}: ${msg ?? ''}${extra}\n`);
}

// ---------------------------------------------------------------------------------------------------------
// Jars and launcher class

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

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

interface LibStamp {
  pomSha256: string;
  jars: string[];
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

function libIsCurrent(serverDir: string): boolean {
  const libDir = path.join(serverDir, 'lib');
  const stamp = readJson<LibStamp>(path.join(libDir, LIB_STAMP));
  if (!stamp || stamp.pomSha256 !== sha256File(path.join(serverDir, 'pom.xml')) || stamp.jars.length === 0) return false;
  return stamp.jars.every((jar) => fs.existsSync(path.join(libDir, jar)));
}

function classesStampValue(serverDir: string): string {
  // Tied to the jars too: a Neo4j upgrade must recompile against the new API.
  return `${sha256File(path.join(serverDir, 'Launcher.java'))} ${sha256File(path.join(serverDir, 'pom.xml'))}`;
}

function classesAreCurrent(serverDir: string): boolean {
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

async function fetchJars(serverDir: string, mvn: string, logger: Neo4jLogger): Promise<void> {
  const targetDir = path.join(serverDir, 'target');
  fs.mkdirSync(targetDir, { recursive: true });
  // Copy into a fresh folder and swap it in, so a failed or interrupted run never leaves a half-filled lib/
  // and jars from an older Neo4j never linger on the classpath.
  const tmp = fs.mkdtempSync(path.join(targetDir, 'lib-'));
  const started = Date.now();
  logger.info(
    { serverDir },
    'fetching the Neo4j jars with Maven (the first run downloads about 125 MB into ~/.m2; later runs copy from there)',
  );
  try {
    const result = await runStreaming(
      mvn,
      ['-q', '-B', '-f', path.join(serverDir, 'pom.xml'), 'dependency:copy-dependencies', `-Dlantern.libDir=${tmp}`],
      serverDir,
      logger,
      'mvn',
    );
    if (result.spawnError) throw new Neo4jToolMissingError('Maven (mvn)', result.spawnError.message);
    if (result.code !== 0) {
      throw new Neo4jStartError(`mvn dependency:copy-dependencies failed with exit code ${result.code}`, result.tail);
    }
    const jars = fs.readdirSync(tmp).filter((f) => f.endsWith('.jar')).sort();
    if (jars.length === 0) throw new Neo4jStartError('mvn dependency:copy-dependencies produced no jars', result.tail);
    const stamp: LibStamp = { pomSha256: sha256File(path.join(serverDir, 'pom.xml')), jars };
    fs.writeFileSync(path.join(tmp, LIB_STAMP), JSON.stringify(stamp, null, 2));
    swapDir(tmp, path.join(serverDir, 'lib'));
    logger.info({ jars: jars.length, ms: Date.now() - started }, 'Neo4j jars ready');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function compileLauncher(serverDir: string, javac: string, logger: Neo4jLogger): Promise<void> {
  const targetDir = path.join(serverDir, 'target');
  fs.mkdirSync(targetDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(targetDir, 'classes-'));
  try {
    const result = await runStreaming(
      javac,
      // --release keeps the class loadable by a Java 17 runtime even if javac is newer.
      ['--release', '17', '-nowarn', '-d', tmp, '-cp', path.join(serverDir, 'lib', '*'), path.join(serverDir, 'Launcher.java')],
      serverDir,
      logger,
      'javac',
    );
    if (result.spawnError) throw new Neo4jToolMissingError('javac (a JDK, not only a JRE)', result.spawnError.message);
    if (result.code !== 0) throw new Neo4jStartError(`javac Launcher.java failed with exit code ${result.code}`, result.tail);
    fs.writeFileSync(path.join(tmp, CLASSES_STAMP), classesStampValue(serverDir));
    swapDir(tmp, path.join(serverDir, 'classes'));
    logger.info({ classesDir: path.join(serverDir, 'classes') }, 'compiled the Neo4j launcher');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function swapDir(from: string, to: string): void {
  // mkdtemp creates 0700 folders; lib/ and classes/ are shared with whoever else runs Lantern here.
  fs.chmodSync(from, 0o755);
  fs.rmSync(to, { recursive: true, force: true });
  fs.renameSync(from, to);
}

async function withDirLock<T>(lockDir: string, logger: Neo4jLogger, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockIsStale(lockDir)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}; remove it if no Maven run is active`);
      if (!announced) {
        logger.info({ lockDir }, 'another process is preparing the Neo4j jars; waiting');
        announced = true;
      }
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function lockIsStale(lockDir: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
  } catch {
    // The owner may be between mkdir and writing its pid; only an old pid-less lock is abandoned.
    try {
      return Date.now() - fs.statSync(lockDir).mtimeMs > 30_000;
    } catch {
      return true;
    }
  }
  return !Number.isInteger(pid) || pid <= 0 || !processExists(pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface RunResult {
  code: number | null;
  tail: string[];
  spawnError?: Error;
}

/** Runs a tool with its output going to the logger (never to our stdout, which belongs to the CLI). */
function runStreaming(cmd: string, args: string[], cwd: string, logger: Neo4jLogger, src: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const tail: string[] = [];
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (raw: string) => {
      // Maven 3.8 prints colour resets even in batch mode.
      const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
      if (!line.trim()) return;
      pushTail(tail, line);
      logger.info({ src }, line);
    };
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    readline.createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('error', (err) => resolve({ code: null, tail, spawnError: err }));
    child.once('close', (code) => resolve({ code, tail }));
  });
}

function resolveJava(java?: string): string {
  return java ?? process.env.LANTERN_JAVA ?? 'java';
}

function javacFor(java: string): string {
  return path.isAbsolute(java) ? path.join(path.dirname(java), 'javac') : 'javac';
}

const checkedJava = new Set<string>();

function checkJava(java: string, logger: Neo4jLogger): void {
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
    logger.warn({ java, major }, 'Neo4j 5.26 supports Java 17 and 21 only; set LANTERN_JAVA to a Java 17/21 java binary if startup fails');
  }
  checkedJava.add(java);
}

// ---------------------------------------------------------------------------------------------------------
// Process lifecycle

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

function pushTail(tail: string[], line: string): void {
  tail.push(line);
  if (tail.length > TAIL_LINES) tail.shift();
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function hostForUri(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
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

  const fixedPort = opts.port !== undefined && opts.port !== 0;
  const pickPort = opts.pickPort ?? findFreePort;
  const attempts = fixedPort ? 1 : 3;
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ? opts.port! : await pickPort(host);
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

interface LaunchParams extends StartLocalNeo4jOptions {
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

async function launch(p: LaunchParams): Promise<LocalNeo4j> {
  const { host, port, dataDir, logger } = p;
  const started = Date.now();
  const args = [
    `-Xmx${p.heap ?? '1g'}`,
    ...NEO4J_JVM_FLAGS,
    ...(p.jvmArgs ?? []),
    '-cp',
    [path.join(p.jars.libDir, '*'), p.jars.classesDir].join(path.delimiter),
    'Launcher',
    '--host', host,
    '--port', String(port),
    '--data-dir', dataDir,
    '--pagecache', p.pageCache ?? '256m',
    '--tx-timeout', p.txTimeout ?? '120s',
  ];
  // stdin stays a pipe we never write to: its EOF is the JVM's signal that we are gone.
  // detached: its own process group, so a terminal's Ctrl-C reaches only us and the CLI decides the
  // shutdown order (stop serving, then stop the database) instead of Neo4j vanishing under live requests.
  const child = spawn(p.java, args, { cwd: p.serverDir, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin!.on('error', () => undefined); // EPIPE once the JVM has exited
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

  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    pushTail(tail, line);
    if (line.startsWith(READY_PREFIX)) readyUri = line.slice(READY_PREFIX.length).trim();
    else if (line.startsWith(PORT_IN_USE_PREFIX)) portInUse = true;
  });
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
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
          const code = (spawnError as NodeJS.ErrnoException).code;
          throw code === 'ENOENT' ? new Neo4jToolMissingError(`Java (${p.java})`, spawnError.message) : spawnError;
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
    await waitForBolt(uri, p.deadline, () => child.exitCode !== null || child.signalCode !== null, tail, p.startTimeoutMs);
  } catch (err) {
    await killNow();
    throw err;
  }

  const uri = `bolt://${hostForUri(host)}:${port}`;
  logger.info({ uri, pid: child.pid, dataDir, ms: Date.now() - started }, 'local Neo4j is ready');
  void exited.then(({ code, signal }) => {
    if (!stopRequested) logger.error({ uri, code, signal, lastOutput: tail.slice(-10) }, 'local Neo4j exited unexpectedly');
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

async function waitFor(check: () => boolean, deadline: number, onTimeout: () => Error, intervalMs: number): Promise<void> {
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw onTimeout();
    await sleep(intervalMs);
  }
}

async function waitForBolt(uri: string, deadline: number, dead: () => boolean, tail: string[], timeoutMs: number): Promise<void> {
  const driver = neo4j.driver(uri, undefined, {
    maxConnectionPoolSize: 1,
    connectionTimeout: 5_000,
    logging: { level: 'error', logger: () => undefined },
  });
  try {
    for (;;) {
      try {
        await driver.verifyConnectivity();
        return;
      } catch (err) {
        if (dead()) throw new Neo4jStartError('Neo4j exited before accepting Bolt connections', tail);
        if (Date.now() > deadline) {
          throw new Neo4jStartError(`Neo4j did not accept Bolt connections within ${timeoutMs} ms: ${(err as Error).message}`, tail);
        }
        await sleep(250);
      }
    }
  } finally {
    await driver.close();
  }
}
