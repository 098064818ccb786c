import type { Command } from 'commander';
import { audit } from '../../graph/audit';
import {
  createApiKey,
  listApiKeys,
  PersonNameConflictError,
  revokeApiKey,
  UnregisteredOrganisationError,
} from '../../graph/auth/apiKeys';
import { CreateKeyInput } from '../domain/auth';
import { OPERATOR, refuseOptions, withGraph } from './withGraph';

/**
 * `lantern keys create|list|revoke`: API keys from the command line, against NEO4J_URI or the stack a
 * `lantern start` under the same LANTERN_DATA_DIR runs.
 */
export function registerKeysCommand(program: Command): void {
  const keys = program
    .command('keys')
    .description('Create, list and revoke API keys (stored hashed; a new key is shown once).');

  keys
    .command('create')
    .description('create a key for a person; its secret is the last line of stdout')
    .requiredOption('--role <role>', 'caseworker, analyst, partner or admin')
    .requiredOption('--org <slug>', 'the organisation (a registered slug: lantern orgs create)')
    .requiredOption('--person-name <name>', "the name of the person who holds the key, e.g. 'Nok Chaiyaporn'")
    .requiredOption(
      '--person-email <address>',
      'their e-mail: one address is one person, who may hold several keys (approvals count people, not keys)',
    )
    .option('--name <label>', 'a label to recognise the key by')
    .action(async (opts: { role: string; org: string; name?: string; personName: string; personEmail: string }) => {
      const { personName, personEmail, ...rest } = opts;
      const parsed = CreateKeyInput.safeParse({ ...rest, person: { name: personName, email: personEmail } });
      // person.email is the option --person-email.
      if (!parsed.success)
        return refuseOptions(parsed.error.issues.map((issue) => ({ ...issue, path: [issue.path.join('-')] })));
      const created = await withGraph(async ({ graph }) => {
        const key = await createApiKey(graph, { ...parsed.data, createdBy: 'cli' });
        await audit(graph, {
          ...OPERATOR,
          action: 'key.created',
          target: key.id,
          details: { role: key.role, org: key.org, person: key.person.id },
        });
        return key;
      }).catch((err: unknown) => {
        if (err instanceof UnregisteredOrganisationError)
          return refuseOptions([{ path: ['org'], message: err.message }]);
        if (err instanceof PersonNameConflictError)
          return refuseOptions([{ path: ['person-name'], message: err.message }]);
        throw err;
      });
      if (!created) return;
      process.stderr.write(
        `created ${created.id} (${created.role} of ${created.org}, held by ${created.person.name} ` +
          `<${created.person.email}>); the key is shown once:\n`,
      );
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
