/**
 * The local Neo4j that `lantern start` and the integration tests run on: a real Neo4j Community from Maven
 * Central jars (graph/server). Each test starts its own JVM on its own data directory, so these tests do
 * not depend on (or disturb) the shared test database from globalSetup.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { findFreePort } from '../../graph/server/freePort';
import { type LocalNeo4j, type Neo4jLogger, startLocalNeo4j } from '../../graph/server/localNeo4j';

const START_TIMEOUT = 180_000;

/** Keeps the launcher's messages out of the jest output unless something goes wrong. */
function collectingLogger(): Neo4jLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (obj: object, msg?: string) =>
    lines.push(`${level} ${msg ?? ''} ${JSON.stringify(obj)}`);
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

/** True once the pid no longer names a live process (a zombie awaiting its reaper counts as gone). */
function pidIsGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state field follows the parenthesised command name, which may itself contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pidIsGone(pid)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return pidIsGone(pid);
}

async function runCypher<T>(
  uri: string,
  query: string,
  params: Record<string, unknown>,
  pick: (r: Neo4jRecord) => T,
): Promise<T[]> {
  const driver = neo4j.driver(uri);
  try {
    const result = await driver.executeQuery(query, params);
    return result.records.map(pick);
  } finally {
    await driver.close();
  }
}

describe('local Neo4j launcher (graph/server)', () => {
  let tmpRoot: string;
  const running: LocalNeo4j[] = [];

  beforeAll(() => {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'lantern-neo4j-launcher-'));
  });

  afterAll(async () => {
    await Promise.all(running.map((n) => n.stop()));
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  async function start(name: string, extra: Partial<Parameters<typeof startLocalNeo4j>[0]> = {}): Promise<LocalNeo4j> {
    const n = await startLocalNeo4j({ dataDir: path.join(tmpRoot, name), logger: collectingLogger(), ...extra });
    running.push(n);
    return n;
  }

  test(
    'starts on a free loopback port and answers RETURN 1 over Bolt',
    async () => {
      const n = await start('free-port');
      expect(n.port).toBeGreaterThan(0);
      expect(n.uri).toBe(`bolt://127.0.0.1:${n.port}`);
      const [one] = await runCypher(n.uri, 'RETURN 1 AS one', {}, (r) => neo4j.integer.toNumber(r.get('one')));
      expect(one).toBe(1);
      await n.stop();
    },
    START_TIMEOUT,
  );

  test(
    'data written before stop() is still there after a restart on the same data directory',
    async () => {
      const marker = `probe-${Date.now()}`;
      const first = await start('persist');
      await runCypher(first.uri, 'CREATE (:LauncherProbe {marker: $marker})', { marker }, () => null);
      await first.stop();

      const second = await start('persist');
      const found = await runCypher(
        second.uri,
        'MATCH (p:LauncherProbe {marker: $marker}) RETURN count(p) AS n',
        { marker },
        (r) => neo4j.integer.toNumber(r.get('n')),
      );
      expect(found).toEqual([1]);
      await second.stop();
    },
    2 * START_TIMEOUT,
  );

  test(
    'stop() ends the JVM (its pid is gone when stop() resolves) and a second stop() is a harmless no-op',
    async () => {
      const n = await start('stop');
      expect(pidIsGone(n.pid)).toBe(false);
      await n.stop();
      expect(pidIsGone(n.pid)).toBe(true);
      await expect(n.stop()).resolves.toBeUndefined();
    },
    START_TIMEOUT,
  );

  test(
    'when the picked port is taken before Neo4j binds it, start retries on another port',
    async () => {
      const blocker = net.createServer();
      const blockedPort = await findFreePort();
      await new Promise<void>((resolve) => blocker.listen(blockedPort, '127.0.0.1', resolve));
      let picks = 0;
      try {
        const n = await start('port-race', {
          pickPort: async (host) => (picks++ === 0 ? blockedPort : findFreePort(host)),
        });
        expect(picks).toBe(2);
        expect(n.port).not.toBe(blockedPort);
        const [one] = await runCypher(n.uri, 'RETURN 1 AS one', {}, (r) => neo4j.integer.toNumber(r.get('one')));
        expect(one).toBe(1);
        await n.stop();
      } finally {
        await new Promise((r) => blocker.close(r));
      }
    },
    2 * START_TIMEOUT,
  );

  test(
    'killing the parent process with SIGKILL leaves no orphan JVM',
    async () => {
      const dataDir = path.join(tmpRoot, 'orphan');
      const script = path.join(tmpRoot, 'parent.ts');
      const modulePath = path.resolve(__dirname, '../../graph/server/localNeo4j');
      fs.writeFileSync(
        script,
        [
          `import { startLocalNeo4j } from ${JSON.stringify(modulePath)};`,
          `startLocalNeo4j({ dataDir: ${JSON.stringify(dataDir)} }).then((n) => {`,
          `  process.stdout.write(JSON.stringify({ parentPid: process.pid, jvmPid: n.pid }) + '\\n');`,
          `  setInterval(() => undefined, 60_000);`,
          `}, (err) => { console.error(err); process.exit(1); });`,
        ].join('\n'),
      );
      // Plain node with tsx's require hook, not the tsx CLI: the CLI is a wrapper process, and killing
      // the wrapper would not kill the Node process that owns the JVM.
      const parent = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stderr: string[] = [];
      readline.createInterface({ input: parent.stderr! }).on('line', (l) => stderr.push(l));
      let jvmPid: number | undefined;
      try {
        const firstLine = await new Promise<string>((resolve, reject) => {
          readline.createInterface({ input: parent.stdout! }).once('line', resolve);
          parent.once('exit', (code) =>
            reject(new Error(`parent exited with ${code}:\n${stderr.slice(-30).join('\n')}`)),
          );
        });
        const info = JSON.parse(firstLine) as { parentPid: number; jvmPid: number };
        jvmPid = info.jvmPid;
        expect(info.parentPid).toBe(parent.pid);
        expect(pidIsGone(jvmPid)).toBe(false);
        expect(fs.readFileSync(`/proc/${jvmPid}/cmdline`, 'utf8')).toContain('Launcher');

        const parentExit = new Promise((r) => parent.once('exit', r));
        process.kill(parent.pid!, 'SIGKILL');
        await parentExit;

        expect(await waitUntilGone(jvmPid, 30_000)).toBe(true);
      } finally {
        if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
        // Only if the guarantee failed: do not let this test leak the JVM it started.
        if (jvmPid !== undefined && !pidIsGone(jvmPid)) process.kill(jvmPid, 'SIGKILL');
      }
    },
    START_TIMEOUT,
  );
});
