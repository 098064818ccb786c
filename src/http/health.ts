import type { Router } from 'express';
import type { Graph } from '../../graph/driver';
import { HealthStatus } from '../domain/api';
import { VERSION } from '../version';
import { mountSection, routesFor, type Section } from './routeTable';

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

const TIMEOUT_MS = 2000;

const route = routesFor<HealthDeps>();

export const healthSection: Section<HealthDeps> = {
  components: { HealthStatus },
  routes: [
    route({
      method: 'get',
      path: '/health',
      tag: 'Operations',
      summary: 'Whether Neo4j and Redis answer',
      roles: 'public',
      responses: {
        200: { description: 'both answer', schema: HealthStatus },
        503: { description: 'a part is down, named in `down`', schema: HealthStatus },
      },
      handle: async ({ res }, deps) => {
        const [neo4j, redis] = await Promise.all([
          probe(() => deps.graph.ping(TIMEOUT_MS), TIMEOUT_MS),
          probe(deps.pingRedis, TIMEOUT_MS),
        ]);
        const ok = neo4j === 'up' && redis === 'up';
        const down = [neo4j === 'down' ? 'neo4j' : undefined, redis === 'down' ? 'redis' : undefined].filter(Boolean);
        res.status(ok ? 200 : 503).json({
          status: ok ? 'ok' : 'unavailable',
          neo4j,
          redis,
          version: VERSION,
          ...(ok ? {} : { down }),
        });
      },
    }),
  ],
};

/** 200 when Neo4j and Redis both answer, 503 naming the part that is down. */
export function healthRouter(deps: HealthDeps): Router {
  return mountSection(healthSection, deps);
}
