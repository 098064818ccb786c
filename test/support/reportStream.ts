/**
 * A stream of invented reports for the fault and end-to-end neutrality tests, with what those tests
 * check after it: every report processed exactly once, and the clusters its subjects ended in, keyed
 * by the caseworker's own labels (case reference + subject ref) so that runs compare although every
 * run gives its reports and entities new ids.
 */

import { personName, seededRandom } from '../../fixtures/bench/generate';
import { REGIONS } from '../../fixtures/bench/pools';
import { mobileNumber } from '../../fixtures/bench/workload';
import type { Graph } from '../../graph/driver';
import type { ReportInput, ReportSubject } from '../../src/domain/report';
import { createLogger } from '../../src/log/logger';
import { startWorkers, type WorkerRuntime } from '../../workers/runtime';
import { waitFor } from './cli';
import { groupPartition } from './partition';
import { resetGraph, testRedisUrl } from './services';
import { startTestStack, type TestStack } from './stack';

type Recurring = { country: ReportInput['country']; subject: (variant: number) => Omit<ReportSubject, 'ref'> };

const at = <T>(items: readonly T[], i: number): T => items[i % items.length]!;

/**
 * Subjects that come back report after report in other spellings (typos, word order, honorifics,
 * diacritics, local and international phone formats, separators in numbers), next to decoys that must
 * stay apart: a common name with nothing else, companies that differ by a number, an account one digit off.
 */
const RECURRING: readonly Recurring[] = [
  {
    country: 'TH',
    subject: (v) => ({
      schema: 'Person',
      role: 'Exploiter',
      properties: {
        name: [at(['Somchai Rattanaphongsiri', 'Somchay Rattanapongsiri', 'Khun Somchai Rattanaphongsiri'], v)],
        ...(v % 3 === 1 ? {} : { phone: [at(['081-234-5678', '+66 81 234 5678'], v)] }),
      },
    }),
  },
  {
    country: 'KH',
    subject: (v) => ({
      schema: 'Person',
      role: 'RecruiterOrIntermediary',
      properties: {
        name: [at(['Heng Sovannarith', 'Sovannarith Heng', 'Heng Sovanarith'], v)],
        phone: [at(['012 345 678', '+855 12 345 678'], v)],
      },
    }),
  },
  {
    country: 'VN',
    subject: (v) => ({
      schema: 'Person',
      properties: {
        name: [at(['Phạm Quốc Khánh', 'Pham Quoc Khanh'], v)],
        email: [at(['khanh.pq@example.com', 'Khanh.PQ@example.com'], v)],
      },
    }),
  },
  {
    country: 'MY',
    subject: (v) => ({
      schema: 'Person',
      properties: {
        name: [at(['Tan Ah Kow', 'Jason Tan', 'Tan Ah Kau'], v)],
        ...(v % 3 === 2 ? { birthDate: ['1970-09-09'] } : { phone: [at(['012-345 6789', '+60 12-345 6789'], v)] }),
      },
    }),
  },
  {
    country: 'VN',
    subject: (v) => ({ schema: 'Person', properties: { name: [at(['Nguyen Van Nam', 'Nguyễn Văn Nam'], v)] } }),
  },
  {
    country: 'TH',
    subject: (v) => ({
      schema: 'Company',
      properties: {
        name: [at(['Andaman Blue Fishery Co., Ltd.', 'Andaman Blue Fishery Company Limited'], v)],
        registrationNumber: [at(['0105558123456', '0-1055-58123-45-6'], v)],
      },
    }),
  },
  {
    country: 'KH',
    subject: (v) => ({ schema: 'Company', properties: { name: [`Golden Star ${1 + (v % 3)} Development Co., Ltd.`] } }),
  },
  {
    country: 'TH',
    subject: (v) => ({
      schema: 'BankAccount',
      properties: { accountNumber: [at(['123-4-56789-0', '1234567890', '1234567891'], v)], bankName: ['Kasikornbank'] },
    }),
  },
];

export interface StreamReport {
  /** The caseworker's own label for the report (its case reference), stable across runs. */
  clientId: string;
  input: ReportInput;
}

/**
 * `count` reports, each naming one recurring subject (in the spelling of its turn) and someone
 * generated for this report alone, linked to it. The same count and seed always give the same stream.
 */
export function reportStream(count: number, seed = 8): StreamReport[] {
  return Array.from({ length: count }, (_, i) => {
    const recurring = RECURRING[i % RECURRING.length]!;
    const variant = Math.floor(i / RECURRING.length);
    const rng = seededRandom(seed * 100_003 + i);
    const pool = REGIONS.find((r) => r.region === recurring.country) ?? REGIONS[0]!;
    const main = { ref: 'main', ...recurring.subject(variant) };
    const other: ReportSubject = {
      ref: 'other',
      schema: 'Person',
      role: 'Exploiter',
      properties: { name: [personName(rng, pool)], phone: [mobileNumber(rng, pool.region)] },
    };
    const clientId = `FLT-${seed}-${String(i).padStart(3, '0')}`;
    const linkType = main.schema === 'Person' ? 'Associate' : 'Ownership';
    return {
      clientId,
      input: {
        caseRef: clientId,
        country: recurring.country,
        reportedAt: '2024-06-01',
        subjects: [other, main],
        links: [{ type: linkType, from: 'other', to: 'main' }],
      },
    };
  });
}

/** Report ids by client id: what the API answered for each report of a stream. */
export type Accepted = Map<string, string>;

/**
 * Submits a report as a careful client does: with its own Idempotency-Key, and again (same key) after a
 * network error or a 5xx or 429, until the API answers 202. A fault that makes the API stumble must
 * still never turn one report into two.
 */
export async function submitReport(
  stack: TestStack,
  key: string,
  report: StreamReport,
  timeoutMs = 90_000,
): Promise<string> {
  let last = '';
  return waitFor(
    async () => {
      const res = await stack
        .call('/api/v1/reports', {
          method: 'POST',
          key,
          json: report.input,
          headers: { 'Idempotency-Key': report.clientId },
        })
        .catch((err: Error) => {
          last = err.message;
          return undefined;
        });
      if (!res) return undefined;
      if (res.status === 202) return ((await res.json()) as { id: string }).id;
      last = `${res.status} ${await res.text()}`;
      if (res.status >= 500 || res.status === 429) return undefined;
      throw new Error(`report ${report.clientId} refused: ${last}`);
    },
    timeoutMs,
    `report ${report.clientId} to be accepted (last answer: ${last})`,
  );
}

/** Submits reports one after the other; `between(i)` runs after the i-th, for faults mid-stream. */
export async function submitStream(
  stack: TestStack,
  key: string,
  reports: readonly StreamReport[],
  between?: (submitted: number) => Promise<void>,
): Promise<Accepted> {
  const accepted: Accepted = new Map();
  for (const report of reports) {
    accepted.set(report.clientId, await submitReport(stack, key, report));
    await between?.(accepted.size);
  }
  return accepted;
}

/** Resolves when every accepted report is processed or failed; probes that fail (a server down) are retried. */
export async function untilSettled(graph: Graph, accepted: Accepted, timeoutMs = 120_000): Promise<void> {
  const ids = [...accepted.values()];
  await waitFor(
    async () => {
      const done = await graph.read(async (tx) => {
        const r = await tx.run(
          "UNWIND $ids AS id MATCH (r:Report {id: id}) WHERE r.status IN ['processed', 'failed'] RETURN count(r) AS n",
          { ids },
        );
        return Number(r.records[0]?.get('n'));
      });
      return done === ids.length ? true : undefined;
    },
    timeoutMs,
    `${ids.length} reports to be processed`,
  );
}

export interface PipelineAudit {
  /** Report nodes in the graph; the graph holds this stream only. */
  reports: number;
  processed: number;
  mentions: number;
  /** Mentions that do not resolve to exactly one entity. */
  notResolvedOnce: number;
  /** Pairs of nodes joined twice by the same kind of relationship: work done twice. */
  doubledRelationships: number;
  /**
   * Identifiers whose stored count is not the number of mentions holding them (entities hold
   * identifiers too; only mentions count): a mention written twice, or counted twice.
   */
  miscounted: number;
}

/** What `audit` must find after a stream that was processed exactly once. */
export function expectedAudit(reports: readonly StreamReport[]): PipelineAudit {
  const mentions = reports.reduce((n, r) => n + r.input.subjects.length, 0);
  return {
    reports: reports.length,
    processed: reports.length,
    mentions,
    notResolvedOnce: 0,
    doubledRelationships: 0,
    miscounted: 0,
  };
}

/** Exactly once, as the graph shows it: no report lost or made twice, no mention or edge written twice. */
export async function audit(graph: Graph, accepted: Accepted): Promise<PipelineAudit> {
  const one = async (query: string, params: Record<string, unknown> = {}) =>
    graph.read(async (tx) => Number((await tx.run(query, params)).records[0]?.get('n') ?? 0));
  return {
    reports: await one('MATCH (r:Report) RETURN count(r) AS n'),
    processed: await one(
      "UNWIND $ids AS id MATCH (r:Report {id: id}) WHERE r.status = 'processed' RETURN count(r) AS n",
      { ids: [...accepted.values()] },
    ),
    mentions: await one('MATCH (m:Mention) RETURN count(m) AS n'),
    notResolvedOnce: await one('MATCH (m:Mention) WHERE COUNT { (m)-[:RESOLVED_TO]->() } <> 1 RETURN count(m) AS n'),
    doubledRelationships: await one(
      `MATCH (a)-[r:MENTIONS|RESOLVED_TO|HAS_KEY|HAS_IDENTIFIER|REPORTED|MATCHED]->(b)
       WITH a, b, type(r) AS kind, count(r) AS times WHERE times > 1 RETURN count(*) AS n`,
    ),
    miscounted: await one(
      'MATCH (k:Identifier) WHERE k.count <> COUNT { (k)<-[:HAS_IDENTIFIER]-(:Mention) } RETURN count(k) AS n',
    ),
  };
}

/**
 * The clusters the stream's subjects ended in, each subject named `clientId/ref`: comparable with the
 * clusters of any other run of the same reports, whatever ids that run gave.
 */
export async function clientPartition(graph: Graph, accepted: Accepted): Promise<string[][]> {
  const rows = await graph.read(async (tx) => {
    const r = await tx.run(
      `UNWIND $reports AS report
       MATCH (:Report {id: report.id})-[:MENTIONS]->(m:Mention)-[:RESOLVED_TO]->(e:Entity)
       RETURN report.client + '/' + m.ref AS member, e.id AS entity`,
      { reports: [...accepted].map(([client, id]) => ({ client, id })) },
    );
    return r.records.map((x) => [x.get('member') as string, x.get('entity') as string] as const);
  });
  return groupPartition(rows);
}

/** Clusters with more than one member: a partition of singletons would make any comparison vacuous. */
export const joined = (partition: string[][]): string[][] => partition.filter((g) => g.length > 1);

/** The organisation every stream is submitted in. */
export const STREAM_ORG = 'kh-faults';

export interface StreamOutcome {
  accepted: Accepted;
  audit: PipelineAudit;
  partition: string[][];
}

/**
 * Empties the graph, sends the reports through the real API to `workers` worker runtimes in this
 * process (each with its own BullMQ workers, Redis connections and resolver), waits until all are
 * processed, and returns what the graph then holds. With nothing going wrong this is the reference a
 * run with faults must match.
 */
export async function runStream(
  name: string,
  reports: readonly StreamReport[],
  options: { neo4jUri?: string; workers?: number; concurrency?: number } = {},
): Promise<StreamOutcome> {
  const stack = await startTestStack(name, { workers: false, neo4jUri: options.neo4jUri });
  const runtimes: WorkerRuntime[] = [];
  try {
    await resetGraph(stack.graph);
    for (let i = 0; i < (options.workers ?? 1); i += 1) {
      runtimes.push(
        await startWorkers({
          graph: stack.graph,
          redisUrl: testRedisUrl(),
          prefix: stack.prefix,
          logger: createLogger('silent'),
          concurrency: options.concurrency ?? 2,
          workerName: `${name}-${i}`,
        }),
      );
    }
    const accepted = await submitStream(stack, await stack.keyFor('caseworker', STREAM_ORG), reports);
    await untilSettled(stack.graph, accepted);
    return {
      accepted,
      audit: await audit(stack.graph, accepted),
      partition: await clientPartition(stack.graph, accepted),
    };
  } finally {
    await Promise.all(runtimes.map((r) => r.close()));
    await stack.close();
  }
}

/** Reports in the graph not processed yet: a fault injected now lands while work is under way. */
export async function unprocessed(graph: Graph): Promise<number> {
  return graph.read(async (tx) =>
    Number((await tx.run("MATCH (r:Report) WHERE r.status <> 'processed' RETURN count(r) AS n")).records[0]?.get('n')),
  );
}
