import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Graph } from '../../graph/driver';
import { migrate } from '../../graph/migrations/migrate';
import { type LocalNeo4j, startLocalNeo4j } from '../../graph/server/localNeo4j';
import {
  audit,
  clientPartition,
  expectedAudit,
  joined,
  reportStream,
  runStream,
  STREAM_ORG,
  submitStream,
  unprocessed,
  untilSettled,
} from '../support/reportStream';
import { resetGraph } from '../support/services';
import { startTestStack } from '../support/stack';

const REPORTS = reportStream(40);

describe('the local Neo4j stopped and started again in the middle of a stream', () => {
  // A Neo4j of this test's own (data directory, port), so that the run's shared one is never stopped.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lantern-faults-neo4j-'));
  let server: LocalNeo4j;
  // The start after the stop, kept here so that afterAll stops it even when the test gives up early.
  let restarted: Promise<LocalNeo4j> | undefined;

  beforeAll(async () => {
    server = await startLocalNeo4j({ dataDir, heap: '512m' });
    const graph = new Graph({ uri: server.uri });
    try {
      await migrate(graph);
    } finally {
      await graph.close();
    }
  }, 180_000);

  afterAll(async () => {
    if (restarted) server = await restarted.catch(() => server);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delays processing but loses and duplicates nothing, and the clusters equal those of a run without the ' +
    'restart', async () => {
    const reference = await runStream('neo4j-reference', REPORTS, { neo4jUri: server.uri });
    expect(reference.audit).toEqual(expectedAudit(REPORTS));
    expect(joined(reference.partition).length).toBeGreaterThan(3);

    const stack = await startTestStack('neo4j-restart', { neo4jUri: server.uri });
    try {
      await resetGraph(stack.graph);
      const key = await stack.keyFor('caseworker', STREAM_ORG);
      let pendingAtStop = 0;
      const accepted = await submitStream(stack, key, REPORTS, async (submitted) => {
        if (submitted !== REPORTS.length / 2) return;
        pendingAtStop = await unprocessed(stack.graph);
        await server.stop();
        // Back on the same port with the same store while the rest of the stream is being submitted:
        // the API and the workers must ride out the gap on their own.
        restarted = startLocalNeo4j({ dataDir, port: server.port, heap: '512m' });
      });
      server = await restarted!;
      expect(pendingAtStop).toBeGreaterThan(0);

      await untilSettled(stack.graph, accepted, 180_000);
      expect(await audit(stack.graph, accepted)).toEqual(expectedAudit(REPORTS));
      expect(await clientPartition(stack.graph, accepted)).toEqual(reference.partition);
    } finally {
      if (restarted) server = await restarted.catch(() => server);
      await stack.close();
    }
  }, 400_000);
});
