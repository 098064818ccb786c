import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import { Neo4jStartError } from './errors';

/** Polls check until it returns true, throwing onTimeout() past the deadline; check may throw to give up. */
export async function waitFor(
  check: () => boolean,
  deadline: number,
  onTimeout: () => Error,
  intervalMs: number,
): Promise<void> {
  for (;;) {
    if (check()) return;
    if (Date.now() > deadline) throw onTimeout();
    await sleep(intervalMs);
  }
}

/** Resolves once a Bolt handshake on uri succeeds; gives up when the process is dead or past the deadline. */
export async function waitForBolt(
  uri: string,
  deadline: number,
  dead: () => boolean,
  tail: string[],
  timeoutMs: number,
): Promise<void> {
  const driver = neo4j.driver(uri, undefined, {
    maxConnectionPoolSize: 1,
    connectionTimeout: 5_000,
    logging: { level: 'error', logger: () => undefined },
  });
  try {
    for (;;) {
      try {
        await driver.verifyConnectivity();
        return;
      } catch (err) {
        if (dead()) throw new Neo4jStartError('Neo4j exited before accepting Bolt connections', tail);
        if (Date.now() > deadline) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new Neo4jStartError(`Neo4j did not accept Bolt connections within ${timeoutMs} ms: ${reason}`, tail);
        }
        await sleep(250);
      }
    }
  } finally {
    await driver.close();
  }
}
