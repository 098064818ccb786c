import { Router } from 'express';
import type { Graph } from '../../graph/driver';
import { VERSION } from '../version';

export interface HealthDeps {
  graph: Graph;
  /** Resolves when Redis answers. */
  pingRedis: () => Promise<unknown>;
}

type PartState = 'up' | 'down';

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<PartState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** 200 when Neo4j and Redis both answer, 503 naming the part that is down. */
export function healthRouter(deps: HealthDeps, timeoutMs = 2000): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [neo4j, redis] = await Promise.all([probe(() => deps.graph.ping(timeoutMs), timeoutMs), probe(deps.pingRedis, timeoutMs)]);
    const ok = neo4j === 'up' && redis === 'up';
    const down = [neo4j === 'down' ? 'neo4j' : undefined, redis === 'down' ? 'redis' : undefined].filter(Boolean);
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'unavailable',
      neo4j,
      redis,
      version: VERSION,
      ...(ok ? {} : { down }),
    });
  });
  return router;
}
