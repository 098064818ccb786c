import type { Command } from 'commander';
import { audit } from '../../graph/audit';
import { createApiKey, listApiKeys, revokeApiKey } from '../../graph/auth/apiKeys';
import { migrate } from '../../graph/migrations/migrate';
import { loadConfig } from '../config';
import { CreateKeyInput } from '../domain/auth';
import { createLogger } from '../log/logger';
import { type Neo4jHandle, openNeo4j } from '../stack/neo4j';

/** Operator actions are audited as the command line, not as an API key. */
const OPERATOR = { actor: 'cli', role: 'admin', org: 'lantern' };

async function withGraph<T>(work: (neo4j: Neo4jHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const neo4j = await openNeo4j(config, createLogger(config.logLevel), 'owned');
  try {
    await migrate(neo4j.graph);
    return await work(neo4j);
  } finally {
    await neo4j.stop();
  }
}

/** `lantern keys create|list|revoke`: API keys from the command line, against NEO4J_URI or the local stack. */
export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('Create, list and revoke API keys (stored hashed; a new key is shown once).');

  keys
    .command('create')
    .description('create a key; its secret is the last line of stdout')
    .requiredOption('--role <role>', 'caseworker, analyst, partner or admin')
    .requiredOption('--org <slug>', 'the organisation (a slug, created on first use)')
    .option('--name <label>', 'a label to recognise the key by')
    .action(async (opts: { role: string; org: string; name?: string }) => {
      const parsed = CreateKeyInput.safeParse(opts);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          process.stderr.write(`lantern: --${issue.path.join('.')}: ${issue.message}\n`);
        process.exitCode = 2;
        return;
      }
      const created = await withGraph(async ({ graph }) => {
        const key = await createApiKey(graph, { ...parsed.data, createdBy: 'cli' });
        await audit(graph, {
          ...OPERATOR,
          action: 'key.created',
          target: key.id,
          details: { role: key.role, org: key.org },
        });
        return key;
      });
      process.stderr.write(`created ${created.id} (${created.role} of ${created.org}); the key is shown once:\n`);
      process.stdout.write(`${created.key}\n`);
    });

  keys
    .command('list')
    .description('list keys (never their secrets) as JSON lines')
    .action(async () => {
      const list = await withGraph(({ graph }) => listApiKeys(graph));
      for (const key of list) process.stdout.write(`${JSON.stringify(key)}\n`);
    });

  keys
    .command('revoke <id>')
    .description('revoke a key by its id; it stops working at once')
    .action(async (id: string) => {
      const revoked = await withGraph(async ({ graph }) => {
        const found = await revokeApiKey(graph, id);
        if (found) await audit(graph, { ...OPERATOR, action: 'key.revoked', target: id });
        return found;
      });
      if (!revoked) {
        process.stderr.write(`lantern: no key ${id}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${JSON.stringify({ id, revoked: true })}\n`);
    });
}
