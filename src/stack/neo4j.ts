import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Graph } from '../../graph/driver';
import { startLocalNeo4j } from '../../graph/server/localNeo4j';
import type { Config } from '../config';
import { writeFileAtomically } from '../config/atomicFiles';
import type { Logger } from '../log/logger';

export interface Neo4jHandle {
  graph: Graph;
  uri: string;
  /** True when this process started the server and so must stop it. */
  local: boolean;
  /** The server's process, when this process started it. */
  pid?: number;
  stop(): Promise<void>;
}

/** Where `lantern start` leaves the address of the local Neo4j, so `serve` and `worker` on this host find it. */
export const localUriFile = (dataDir: string) => path.join(dataDir, 'neo4j.uri');

/** Names the data directory looked in, since a `lantern start` under another LANTERN_DATA_DIR is not found. */
export class Neo4jUnavailableError extends Error {
  constructor(dataDir: string) {
    super(
      `No running Lantern found through LANTERN_DATA_DIR=${dataDir} (no answering ${localUriFile(dataDir)}): ` +
        'run this with the LANTERN_DATA_DIR of the running `lantern start`, start one, or set NEO4J_URI ' +
        '(neo4j://, neo4j+s://, bolt://).',
    );
    this.name = 'Neo4jUnavailableError';
  }
}

async function connect(uri: string, config: Config): Promise<Graph> {
  const graph = new Graph({
    uri,
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
  });
  try {
    await graph.driver.verifyConnectivity();
  } catch (err) {
    await graph.close();
    // The driver's message is a paragraph of advice; its cause (refused, unknown host, bad credentials) is the news.
    const message = (err as Error).message;
    throw new Error(
      `Neo4j at ${uri} does not answer (${/Caused by: (.*)$/s.exec(message)?.[1] ?? message}): check NEO4J_URI, ` +
        `NEO4J_USER and NEO4J_PASSWORD, or run \`lantern start\` on this host first.`,
    );
  }
  return graph;
}

/**
 * `owned`: start a local server when NEO4J_URI is not set (only `lantern start`, and throwaway benchmark
 * stacks). `attach`: reuse the local server a `lantern start` announced in the data directory, or fail
 * with what to do; every other command attaches, so none boots a second database beside a running one.
 */
export async function openNeo4j(config: Config, logger: Logger, mode: 'owned' | 'attach'): Promise<Neo4jHandle> {
  if (config.neo4j.uri) {
    const graph = await connect(config.neo4j.uri, config);
    return { graph, uri: config.neo4j.uri, local: false, stop: () => graph.close() };
  }
  const uriFile = localUriFile(config.dataDir);
  if (existsSync(uriFile)) {
    const uri = readFileSync(uriFile, 'utf8').trim();
    try {
      const graph = await connect(uri, config);
      return { graph, uri, local: false, stop: () => graph.close() };
    } catch {
      logger.debug({ uri }, 'the announced local Neo4j does not answer');
    }
  }
  if (mode === 'attach') throw new Neo4jUnavailableError(config.dataDir);
  const server = await startLocalNeo4j({
    dataDir: path.join(config.dataDir, 'neo4j'),
    port: config.neo4j.localPort,
    heap: config.neo4j.localHeap,
    pageCache: config.neo4j.localPageCache,
    logger,
  });
  writeFileAtomically(uriFile, `${server.uri}\n`);
  const graph = await connect(server.uri, config);
  logger.info({ uri: server.uri }, 'local Neo4j is up');
  return {
    graph,
    uri: server.uri,
    local: true,
    pid: server.pid,
    async stop() {
      await graph.close();
      rmSync(uriFile, { force: true });
      await server.stop();
    },
  };
}
