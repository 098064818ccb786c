import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { readOrCreateFile } from './atomicFiles';
import { type Env, EnvSchema } from './env';

export { type Env, EnvSchema } from './env';

/** Thrown when the environment is invalid; the CLI turns it into exit code 2. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export interface Config {
  port: number;
  host: string;
  neo4j: {
    uri?: string;
    user: string;
    password?: string;
    database?: string;
    localPort?: number;
    localHeap: string;
    localPageCache: string;
  };
  redisUrl: string;
  queuePrefix: string;
  dataDir: string;
  adminKey?: string;
  /** Failed key attempts one client address may make per window before it is refused with 429. */
  authFailures: { limit: number; windowMs: number };
  /** Reverse proxies in front of the API whose X-Forwarded-For is believed (0: none). */
  trustProxyHops: number;
  secret: string;
  demo: boolean;
  match: { review?: number; autoLink?: number };
  workers: { concurrency: number; batch: number; lockDurationMs: number };
  leads: { twoPersonRule: boolean; reviewDays: number; issuer: string; redressContact: string };
  logLevel: Env['LOG_LEVEL'];
}

/**
 * Reads `.env` from the working directory when present. Variables already in the environment win, so an
 * operator can always override the file.
 */
export function readEnvironment(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const file = path.join(cwd, '.env');
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}

export function parseEnv(env: NodeJS.ProcessEnv): Env {
  const known = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k]]));
  const result = EnvSchema.safeParse(known);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  return result.data;
}

/**
 * The HMAC secret must survive restarts (case-reference hashes are compared across years), so when the
 * operator gives none it is generated once and kept, readable by the owner only, in the data directory.
 */
export function resolveSecret(dataDir: string, given?: string): string {
  if (given) return given;
  return readOrCreateFile(
    path.join(dataDir, 'secret'),
    () => `${randomBytes(32).toString('base64url')}\n`,
    0o600,
  ).trim();
}

export function loadConfig(env: NodeJS.ProcessEnv = readEnvironment()): Config {
  const e = parseEnv(env);
  const dataDir = path.resolve(e.LANTERN_DATA_DIR);
  return {
    port: e.PORT ?? 3000,
    host: e.LANTERN_HOST,
    neo4j: {
      uri: e.NEO4J_URI,
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      localPort: e.LANTERN_NEO4J_PORT,
      localHeap: e.LANTERN_NEO4J_HEAP,
      localPageCache: e.LANTERN_NEO4J_PAGECACHE,
    },
    redisUrl: e.REDIS_URL,
    queuePrefix: e.LANTERN_QUEUE_PREFIX,
    dataDir,
    adminKey: e.LANTERN_ADMIN_KEY,
    authFailures: { limit: e.LANTERN_AUTH_FAILURE_LIMIT, windowMs: e.LANTERN_AUTH_FAILURE_WINDOW_S * 1000 },
    trustProxyHops: e.LANTERN_TRUST_PROXY_HOPS,
    secret: resolveSecret(dataDir, e.LANTERN_SECRET),
    demo: e.LANTERN_DEMO,
    match: { review: e.LANTERN_MATCH_REVIEW, autoLink: e.LANTERN_MATCH_AUTOLINK },
    workers: {
      concurrency: e.LANTERN_WORKER_CONCURRENCY,
      batch: e.LANTERN_WORKER_BATCH,
      lockDurationMs: e.LANTERN_JOB_LOCK_MS,
    },
    leads: {
      twoPersonRule: e.LANTERN_TWO_PERSON_RULE,
      reviewDays: e.LANTERN_LEAD_REVIEW_DAYS,
      issuer: e.LANTERN_ISSUER,
      redressContact: e.LANTERN_REDRESS_CONTACT,
    },
    logLevel: e.LOG_LEVEL,
  };
}
