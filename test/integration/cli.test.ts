import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDemoReports } from '../../fixtures/demo';
import { KeyVerifier } from '../../graph/auth/apiKeys';
import { Graph } from '../../graph/driver';
import { MIGRATION_STEPS } from '../../graph/migrations/steps';
import { findFreePort } from '../../graph/server/freePort';
import { createLogger } from '../../src/log/logger';
import { ensureRedis, localRedisUrlFile } from '../../src/stack/localRedis';
import { localUriFile } from '../../src/stack/neo4j';
import { alive, exited, lastJsonLine, runCli, spawnCli, waitFor } from '../support/cli';
import { testGraph, testNeo4jUri, testPrefix, testRedisUrl } from '../support/services';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-'));

/** Pids of processes whose command line mentions `needle` (to find a JVM started for a data directory). */
function pidsMentioning(needle: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

describe('the lantern command line', () => {
  it('prints its commands with --help', async () => {
    const result = await runCli(['--help'], {});
    expect(result.code).toBe(0);
    for (const command of ['start', 'serve', 'migrate']) expect(result.stdout).toContain(command);
  });

  it('exits with code 2 and names the variable when the configuration is bad', async () => {
    const result = await runCli(['migrate'], { PORT: 'abc', REDIS_URL: 'localhost', LANTERN_DATA_DIR: tmp() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("PORT: must be a whole number from 1 to 65535 (got 'abc')");
    expect(result.stderr).toContain('REDIS_URL: must be a URL starting with redis://');
    expect(result.stdout).toBe('');
  });

  it('migrates the server NEO4J_URI names and prints the schema version as its last line', async () => {
    const result = await runCli(['migrate'], { NEO4J_URI: testNeo4jUri(), LANTERN_DATA_DIR: tmp() });
    expect(result.code).toBe(0);
    expect(lastJsonLine(result.stdout)).toMatchObject({
      applied: [],
      version: MIGRATION_STEPS[MIGRATION_STEPS.length - 1]!.version,
    });
  });

  it('rebuilds the candidate index of the graph NEO4J_URI names with reindex, its count as the last line', async () => {
    const env = {
      NEO4J_URI: testNeo4jUri(),
      LANTERN_DATA_DIR: tmp(),
      REDIS_URL: testRedisUrl(),
      LANTERN_QUEUE_PREFIX: testPrefix('cli-reindex'),
    };
    const graph = testGraph();
    const mentions = await graph
      .read(async (tx) => Number((await tx.run('MATCH (m:Mention) RETURN count(m) AS n')).records[0]!.get('n')))
      .finally(() => graph.close());
    const result = await runCli(['reindex'], env);
    expect(result.code).toBe(0);
    expect(lastJsonLine(result.stdout)).toMatchObject({ mentions });
  });

  it(
    'creates a key with keys create (the secret as the last line), ' + 'lists it without the secret, and revokes it',
    async () => {
      const env = { NEO4J_URI: testNeo4jUri(), LANTERN_DATA_DIR: tmp() };
      const person = ['--person-name', 'Kanya Thongdee', '--person-email', ' Kanya.T@Baan-Kru-Noi.example '];
      const unregistered = await runCli(
        ['keys', 'create', '--role', 'caseworker', '--org', 'th-cli-test', ...person],
        env,
      );
      expect(unregistered.code).toBe(2);
      expect(unregistered.stderr).toContain(
        "lantern: --org: organisation 'th-cli-test' is not registered; register it with POST /api/v1/orgs or " +
          'lantern orgs create',
      );
      const org = ['--slug', 'th-cli-test', '--name', 'Baan Kru Noi Shelter', '--country', 'TH'];
      const registered = await runCli(['orgs', 'create', ...org], env);
      expect(registered.code).toBe(0);
      expect(lastJsonLine(registered.stdout)).toMatchObject({ slug: 'th-cli-test', name: 'Baan Kru Noi Shelter' });
      expect((await runCli(['orgs', 'create', ...org], env)).code).toBe(1);
      const orgs = await runCli(['orgs', 'list'], env);
      expect(orgs.stdout).toContain('"name":"Baan Kru Noi Shelter"');
      const created = await runCli(
        ['keys', 'create', '--role', 'caseworker', '--org', 'th-cli-test', '--name', 'field laptop', ...person],
        env,
      );
      expect(created.code).toBe(0);
      const key = created.stdout.trim().split('\n').pop()!;
      expect(key).toMatch(/^lnt_/);
      const graph = new Graph({ uri: testNeo4jUri() });
      try {
        const verifier = new KeyVerifier(graph, undefined);
        const principal = await verifier.verify(key);
        expect(principal).toMatchObject({
          role: 'caseworker',
          org: 'th-cli-test',
          person: expect.stringMatching(/^usr_/),
          personName: 'Kanya Thongdee',
        });
        const listed = await runCli(['keys', 'list'], env);
        expect(listed.stdout).not.toContain(key);
        const summary = listed.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { id: string; person: unknown })
          .find((k) => k.id === principal!.keyId);
        expect(summary?.person).toEqual({
          id: principal!.person,
          name: 'Kanya Thongdee',
          email: 'kanya.t@baan-kru-noi.example',
        });
        expect((await runCli(['keys', 'revoke', principal!.keyId], env)).code).toBe(0);
        expect(await verifier.verify(key)).toBeUndefined();
        expect((await runCli(['keys', 'create', '--role', 'boss', '--org', 'x', ...person], env)).code).toBe(2);
      } finally {
        await graph.close();
      }
    },
  );

  it(
    'makes every key for a person: keys create names a missing --person-name or --person-email, ' +
      'a bad e-mail, and a known e-mail given with another name',
    async () => {
      const env = { NEO4J_URI: testNeo4jUri(), LANTERN_DATA_DIR: tmp() };
      const org = ['--slug', 'th-cli-people', '--name', 'Baan Tawan Shelter', '--country', 'TH'];
      await runCli(['orgs', 'create', ...org], env);
      const create = (...options: string[]) =>
        runCli(['keys', 'create', '--role', 'analyst', '--org', 'th-cli-people', ...options], env);
      const withoutName = await create('--person-email', 'dao@tawan.example');
      expect([withoutName.code, withoutName.stdout]).toEqual([1, '']);
      expect(withoutName.stderr).toContain("required option '--person-name <name>' not specified");
      const withoutEmail = await create('--person-name', 'Dao Rungrot');
      expect([withoutEmail.code, withoutEmail.stdout]).toEqual([1, '']);
      expect(withoutEmail.stderr).toContain("required option '--person-email <address>' not specified");
      const masked = await create('--person-name', 'Dao Rungrot', '--person-email', 'd***@tawan.example');
      expect([masked.code, masked.stdout]).toEqual([2, '']);
      expect(masked.stderr).toContain('lantern: --person-email: must be an e-mail address written out in full');

      expect((await create('--person-name', 'Dao Rungrot', '--person-email', 'dao@tawan.example')).code).toBe(0);
      const renamed = await create('--person-name', 'Dao R.', '--person-email', 'DAO@tawan.example');
      expect([renamed.code, renamed.stdout]).toEqual([2, '']);
      expect(renamed.stderr).toContain(
        "lantern: --person-name: the person with the e-mail dao@tawan.example is registered as 'Dao Rungrot'",
      );
      const listed = (await runCli(['keys', 'list'], env)).stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { org: string; person: { email: string } | null });
      expect(listed.filter((k) => k.org === 'th-cli-people').map((k) => k.person?.email)).toEqual([
        'dao@tawan.example',
      ]);
    },
  );

  it(
    'finds the running stack through the data directory lantern start announced it in, ' +
      'and without one stops naming LANTERN_DATA_DIR instead of starting a database',
    async () => {
      // What `lantern start` leaves for the other commands of this host: the address of its Neo4j.
      const running = tmp();
      writeFileSync(localUriFile(running), `${testNeo4jUri()}\n`);
      const listed = await runCli(['keys', 'list'], { LANTERN_DATA_DIR: running });
      expect([listed.code, listed.stderr]).toEqual([0, '']);
      const elsewhere = tmp();
      for (const command of [
        ['keys', 'list'],
        [
          'keys',
          'create',
          '--role',
          'analyst',
          '--org',
          'hub',
          '--person-name',
          'Pim',
          '--person-email',
          'pim@hub.example',
        ],
        ['orgs', 'list'],
      ]) {
        const refused = await runCli(command, { LANTERN_DATA_DIR: elsewhere }, 30_000);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`No running Lantern found through LANTERN_DATA_DIR=${elsewhere}`);
        expect(refused.stdout).toBe('');
      }
      expect(pidsMentioning(elsewhere)).toEqual([]);
      expect(readdirSync(elsewhere)).not.toContain('neo4j');
    },
  );

  it('refuses to run a worker when no Redis answers, saying what to set and never printing the password', async () => {
    const result = await runCli(['worker'], {
      NEO4J_URI: testNeo4jUri(),
      REDIS_URL: 'redis://:hunter2-not-shown@127.0.0.1:1',
      LANTERN_DATA_DIR: tmp(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No Redis answers at redis://:***@127.0.0.1:1');
    expect(result.stderr).toContain('set REDIS_URL');
    expect(result.stderr).not.toContain('hunter2');
  });

  it(
    'refuses to run a worker when its Neo4j does not answer, ' + 'naming the address and the variables to check',
    async () => {
      const result = await runCli(['worker'], {
        NEO4J_URI: 'bolt://127.0.0.1:1',
        REDIS_URL: testRedisUrl(),
        LANTERN_DATA_DIR: tmp(),
        LANTERN_QUEUE_PREFIX: testPrefix('cli-no-neo4j'),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Neo4j at bolt://127.0.0.1:1 does not answer (connect ECONNREFUSED');
      expect(result.stderr).toContain('check NEO4J_URI');
    },
  );

  it(
    'runs a worker on the private Redis that lantern start ' + 'announced on this host when REDIS_URL does not answer',
    async () => {
      const dataDir = tmp();
      // What `lantern start` does on a host without a Redis: a private redis-server, its address announced.
      const redis = await ensureRedis('redis://127.0.0.1:1', dataDir, createLogger('silent'));
      const child = spawnCli(['worker'], {
        NEO4J_URI: testNeo4jUri(),
        REDIS_URL: 'redis://127.0.0.1:1',
        LANTERN_DATA_DIR: dataDir,
        LANTERN_QUEUE_PREFIX: testPrefix('cli-private-redis'),
        LOG_LEVEL: 'info',
      });
      try {
        expect(readFileSync(localRedisUrlFile(dataDir), 'utf8').trim()).toBe(redis.url);
        await waitFor(
          async () => (child.output().includes('workers started') ? true : undefined),
          60_000,
          () => `the worker to start\n${child.output()}`,
        );
        expect(child.output()).toContain(`"url":"${redis.url}"`);
        child.kill('SIGTERM');
        expect(await exited(child, 30_000)).toBe(0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await redis.stop();
      }
      expect(existsSync(localRedisUrlFile(dataDir))).toBe(false);
    },
  );

  it('serves a healthy API with start against an external Neo4j, and stops cleanly on SIGTERM', async () => {
    const port = await findFreePort();
    const child = spawnCli(['start'], {
      NEO4J_URI: testNeo4jUri(),
      REDIS_URL: testRedisUrl(),
      PORT: String(port),
      LANTERN_DEMO: '0',
      LANTERN_DATA_DIR: tmp(),
      LANTERN_QUEUE_PREFIX: testPrefix('cli-start'),
    });
    try {
      const health = await waitFor(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          return res.status === 200 ? await res.json() : undefined;
        },
        60_000,
        () => `/health on ${port}\n${child.output()}`,
      );
      expect(health).toMatchObject({ status: 'ok', neo4j: 'up', redis: 'up' });
      child.kill('SIGTERM');
      expect(await exited(child, 30_000)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('starts its own Neo4j with the demo data when no NEO4J_URI is set, and leaves no process behind after ' +
    'SIGTERM', async () => {
    const port = await findFreePort();
    const dataDir = tmp();
    const child = spawnCli(['start'], {
      REDIS_URL: testRedisUrl(),
      PORT: String(port),
      LANTERN_DATA_DIR: dataDir,
      LANTERN_NEO4J_HEAP: '768m',
      LANTERN_QUEUE_PREFIX: testPrefix('cli-start-demo'),
    });
    try {
      await waitFor(
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/health`);
          return res.status === 200 ? true : undefined;
        },
        180_000,
        () => `/health on ${port}\n${child.output()}`,
      );
      const jvms = pidsMentioning(dataDir).filter((pid) => pid !== child.pid);
      expect(jvms.length).toBeGreaterThan(0);
      const graph = new Graph({ uri: readFileSync(localUriFile(dataDir), 'utf8').trim() });
      try {
        // The demo flows through the queues: every report ends processed, its subjects in entities.
        const processed = await waitFor(
          async () => {
            const r = await graph.read(
              async (tx) =>
                (
                  await tx.run(
                    'MATCH (r:Report) ' +
                      "RETURN count(r) AS all, count(CASE WHEN r.status = 'processed' THEN 1 END) AS done",
                  )
                ).records[0]!,
            );
            return r.get('all') === loadDemoReports().length && r.get('done') === r.get('all')
              ? r.get('done')
              : undefined;
          },
          180_000,
          'the demo reports to be processed',
        );
        expect(processed).toBe(loadDemoReports().length);
      } finally {
        await graph.close();
      }
      child.kill('SIGTERM');
      expect(await exited(child, 60_000)).toBe(0);
      await waitFor(
        async () => (jvms.every((pid) => !alive(pid)) ? true : undefined),
        30_000,
        'the local Neo4j to exit',
      );
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 420_000);
});
