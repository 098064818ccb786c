import neo4j, { type Driver, isRetryableError, type ManagedTransaction } from 'neo4j-driver';

export interface GraphConnectionOptions {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

/**
 * True for failures that say the database was unreachable or busy (a restart, a lost connection, a
 * leader switch, a deadlock), not that the work itself is wrong: the same work succeeds later.
 */
export function isTransientGraphError(error: unknown): boolean {
  return isRetryableError(error);
}

/**
 * One driver per process. The `neo4j://` and `neo4j+s://` schemes route across a cluster or Aura;
 * nothing here assumes a single server.
 */
export class Graph {
  readonly driver: Driver;
  readonly database: string | undefined;

  constructor(options: GraphConnectionOptions) {
    const auth =
      options.password !== undefined ? neo4j.auth.basic(options.user ?? 'neo4j', options.password) : undefined;
    this.driver = neo4j.driver(options.uri, auth, {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 60_000,
      // Concurrent resolvers on a loaded machine can deadlock several times in a row on shared
      // entities; each retry succeeds once the other transaction commits, so they get time to.
      maxTransactionRetryTime: 120_000,
    });
    this.database = options.database;
  }

  /**
   * A managed write transaction: retried on transient errors (deadlocks, leader switches), so `work`
   * must be safe to run twice.
   */
  async write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  /** Schema statements cannot share a transaction with data writes, so they run one by one on their own. */
  async runSchema(statement: string): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(statement);
    } finally {
      await session.close();
    }
  }

  /** Resolves when the server answers a query within `timeoutMs`, rejects otherwise. */
  async ping(timeoutMs = 3000): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        session.run('RETURN 1 AS ok'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`Neo4j did not answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
      await session.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}
