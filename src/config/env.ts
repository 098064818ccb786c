import { z } from 'zod';

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  '1': true,
  true: true,
  yes: true,
  on: true,
  '0': false,
  false: false,
  no: false,
  off: false,
};

const Flag = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const parsed = BOOLEAN_WORDS[v.trim().toLowerCase()];
      if (parsed === undefined) {
        ctx.addIssue({ code: 'custom', message: `must be one of 1, 0, true, false, yes, no, on, off (got '${v}')` });
        return z.NEVER;
      }
      return parsed;
    });

const Port = (fallback?: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || n < 1 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from 1 to 65535 (got '${v}')` });
        return z.NEVER;
      }
      return n;
    });

const WholeNumber = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v.trim()) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (got '${v}')` });
        return z.NEVER;
      }
      return n;
    });

const Probability = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0 || n >= 1) {
      ctx.addIssue({ code: 'custom', message: `must be a number strictly between 0 and 1 (got '${v}')` });
      return z.NEVER;
    }
    return n;
  });

const NEO4J_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];
const REDIS_SCHEMES = ['redis', 'rediss'];

const UrlWithScheme = (schemes: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return schemes.includes(new URL(v).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${schemes.map((s) => `${s}://`).join(', ')}` },
  );

const Secret = (minLength: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= minLength, {
      message: `must be at least ${minLength} characters long`,
    });

/** Failed API key attempts a client address may make per window before it is refused with 429. */
export const AUTH_FAILURE_DEFAULTS = { limit: 30, windowS: 900 } as const;

/**
 * The default of every tunable of a worker process (`WorkerRuntimeOptions` in workers/runtime.ts says what
 * each means), the environment's among them. A batch is up to 16 reports per resolver pass, and a lone
 * job waits at most 5 ms for company.
 */
export const WORKER_DEFAULTS = {
  concurrency: 2,
  batch: { maxSize: 16, maxWaitMs: 5 },
  lockDurationMs: 30_000,
  reconcilerIntervalMs: 30_000,
  receivedGraceMs: 60_000,
  stuckAfterMs: 10 * 60_000,
  /** One webhook delivery attempt, connection and answer together. */
  webhookTimeoutMs: 10_000,
} as const;

/**
 * Every environment variable Lantern reads. Names are the operator's vocabulary, so errors name the
 * variable and what it allows.
 */
export const EnvSchema = z
  .object({
    PORT: Port(3000),
    LANTERN_HOST: z.string().min(1).default('127.0.0.1'),
    NEO4J_URI: UrlWithScheme(NEO4J_SCHEMES).optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, {
        message: 'must be a Neo4j database name (letters, digits, dots, dashes)',
      })
      .optional(),
    LANTERN_NEO4J_PORT: Port(undefined),
    LANTERN_NEO4J_HEAP: z
      .string()
      .regex(/^\d+[mg]$/, { message: "must be a JVM size such as '768m' or '2g'" })
      .default('1g'),
    LANTERN_NEO4J_PAGECACHE: z
      .string()
      .regex(/^\d+[mg]$/, { message: "must be a size such as '256m' or '2g'" })
      .default('256m'),
    REDIS_URL: UrlWithScheme(REDIS_SCHEMES).default('redis://127.0.0.1:6379'),
    LANTERN_QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or - (no colons)' })
      .default('lantern'),
    LANTERN_DATA_DIR: z.string().min(1).default('./.lantern'),
    LANTERN_ADMIN_KEY: Secret(16),
    LANTERN_AUTH_FAILURE_LIMIT: WholeNumber(AUTH_FAILURE_DEFAULTS.limit, 1, 1_000_000),
    LANTERN_AUTH_FAILURE_WINDOW_S: WholeNumber(AUTH_FAILURE_DEFAULTS.windowS, 1, 86_400),
    LANTERN_TRUST_PROXY_HOPS: WholeNumber(0, 0, 10),
    LANTERN_SECRET: Secret(32),
    LANTERN_DEMO: Flag(true),
    LANTERN_MATCH_REVIEW: Probability,
    LANTERN_MATCH_AUTOLINK: Probability,
    LANTERN_WORKER_CONCURRENCY: WholeNumber(WORKER_DEFAULTS.concurrency, 1, 64),
    LANTERN_WORKER_BATCH: WholeNumber(WORKER_DEFAULTS.batch.maxSize, 1, 256),
    LANTERN_JOB_LOCK_MS: WholeNumber(WORKER_DEFAULTS.lockDurationMs, 1000, 600_000),
    LANTERN_TWO_PERSON_RULE: Flag(true),
    LANTERN_LEAD_REVIEW_DAYS: WholeNumber(180, 1, 3650),
    LANTERN_ISSUER: z.string().trim().min(1).max(200).default('Lantern'),
    LANTERN_REDRESS_CONTACT: z.string().trim().min(1).max(500).default('not configured: set LANTERN_REDRESS_CONTACT'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (
      env.LANTERN_MATCH_REVIEW !== undefined &&
      env.LANTERN_MATCH_AUTOLINK !== undefined &&
      env.LANTERN_MATCH_REVIEW >= env.LANTERN_MATCH_AUTOLINK
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['LANTERN_MATCH_REVIEW'],
        message: 'must be lower than LANTERN_MATCH_AUTOLINK',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;
