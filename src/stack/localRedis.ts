import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../../graph/server/freePort';
import { pingRedis } from '../../workers/connection';
import { writeFileAtomically } from '../config/atomicFiles';
import type { Logger } from '../log/logger';
import { which } from './which';

export class RedisUnavailableError extends Error {
  constructor(url: string) {
    super(
      `Redis at ${displayRedisUrl(url)} does not answer and redis-server is not installed, so Lantern cannot start ` +
        `a private one.\n` +
        `Install it (Debian/Ubuntu: apt-get install -y redis-server) or set REDIS_URL to a running Redis 6.2+ ` +
        `(maxmemory-policy noeviction).`,
    );
    this.name = 'RedisUnavailableError';
  }
}

/** Where `lantern start` leaves the address of its private Redis, so `serve` and `worker` on this host find it. */
export const localRedisUrlFile = (dataDir: string) => path.join(dataDir, 'redis.url');

/** A Redis URL fit for a message or a log: any password is masked. */
export function displayRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable REDIS_URL)';
  }
}

export class RedisUnreachableError extends Error {
  constructor(url: string, reason: string) {
    super(
      `No Redis answers at ${displayRedisUrl(url)} (${reason}): set REDIS_URL to a running Redis 6.2+, or ` +
        `run \`lantern start\` on this host first.`,
    );
    this.name = 'RedisUnreachableError';
  }
}

export interface PrivateRedis {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

/**
 * redis-server cannot notice that its parent died, so it runs under a tiny shell guard that kills it when
 * its stdin closes. Closing stdin is also how `stop()` asks it to go: the same path serves a clean stop
 * and a parent killed with SIGKILL, so no orphan redis-server is ever left behind.
 */
const GUARD = 'redis-server "$@" & child=$!; cat >/dev/null; kill -TERM $child 2>/dev/null; wait $child';

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} before answering`);
    try {
      await pingRedis(url, 500);
      return;
    } catch (err) {
      if (Date.now() > deadline)
        throw new Error(`redis-server did not answer at ${url} within ${timeoutMs} ms: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function startPrivateRedis(options: {
  dir: string;
  port?: number;
  logger?: Logger;
  timeoutMs?: number;
}): Promise<PrivateRedis> {
  if (!which('redis-server')) throw new RedisUnavailableError('(private)');
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await findFreePort());
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    options.dir,
    '--save',
    '',
    '--appendonly',
    'yes',
    '--maxmemory-policy',
    'noeviction',
    '--logfile',
    path.join(options.dir, 'redis.log'),
  ];
  const child = spawn('sh', ['-c', GUARD, 'sh', ...args], { stdio: ['pipe', 'ignore', 'inherit'] });
  const url = `redis://127.0.0.1:${port}`;
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await waitForPing(url, child, options.timeoutMs ?? 15_000);
  } catch (err) {
    child.stdin?.end();
    throw err;
  }
  options.logger?.info({ url, dir: options.dir }, 'started a private redis-server');
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    dir: options.dir,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
      });
      return stopped;
    },
  };
}

export interface RedisHandle {
  url: string;
  private?: PrivateRedis;
  stop(): Promise<void>;
}

/** Uses the configured Redis when it answers; otherwise starts a private one under the data directory. */
export async function ensureRedis(url: string, dataDir: string, logger: Logger): Promise<RedisHandle> {
  try {
    await pingRedis(url);
    return { url, stop: async () => undefined };
  } catch (err) {
    logger.warn(
      { url: displayRedisUrl(url), err: (err as Error).message },
      'Redis does not answer; starting a private redis-server',
    );
  }
  if (!which('redis-server')) throw new RedisUnavailableError(url);
  const redis = await startPrivateRedis({ dir: path.join(dataDir, 'redis'), logger });
  writeFileAtomically(localRedisUrlFile(dataDir), `${redis.url}\n`);
  return {
    url: redis.url,
    private: redis,
    stop: async () => {
      rmSync(localRedisUrlFile(dataDir), { force: true });
      await redis.stop();
    },
  };
}

/**
 * For processes that join a running stack (`serve`, `worker`): the configured Redis when it answers,
 * else the private one a `lantern start` on this host announced, else an error that says what to do.
 */
export async function attachRedis(url: string, dataDir: string, logger: Logger): Promise<string> {
  const reason = await pingRedis(url).then(
    () => undefined,
    (err: Error) => err.message,
  );
  if (reason === undefined) return url;
  const announced = localRedisUrlFile(dataDir);
  if (existsSync(announced)) {
    const local = readFileSync(announced, 'utf8').trim();
    try {
      await pingRedis(local);
      logger.info({ url: local }, 'using the private Redis of the lantern start on this host');
      return local;
    } catch {
      logger.debug({ url: local }, 'the announced private Redis does not answer');
    }
  }
  throw new RedisUnreachableError(url, reason);
}
