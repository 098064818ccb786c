import type { Command } from 'commander';
import { audit } from '../../graph/audit';
import { listOrganisations, registerOrganisation } from '../../graph/auth/organisations';
import { CreateOrganisationInput } from '../domain/orgs';
import { OPERATOR, refuseOptions, withGraph } from './withGraph';

/** `lantern orgs create|list`: the registry of organisations, which keys must belong to. */
export function registerOrgsCommand(program: Command): void {
  const orgs = program
    .command('orgs')
    .description('Register and list organisations (a key can only be made for a registered one).');

  orgs
    .command('create')
    .description('register an organisation; prints it as JSON')
    .requiredOption('--slug <slug>', 'its short id in keys and reports, e.g. th-ruamjai-shelter')
    .requiredOption('--name <name>', 'its display name')
    .requiredOption('--country <code>', 'ISO 3166-1 alpha-2, e.g. TH')
    .action(async (opts: { slug: string; name: string; country: string }) => {
      const parsed = CreateOrganisationInput.safeParse(opts);
      if (!parsed.success) return refuseOptions(parsed.error.issues);
      const outcome = await withGraph(async ({ graph }) => {
        const registered = await registerOrganisation(graph, parsed.data);
        const { slug, name, country } = registered.organisation;
        if (registered.created)
          await audit(graph, { ...OPERATOR, action: 'org.registered', target: slug, details: { name, country } });
        return registered;
      });
      if (!outcome.created) {
        process.stderr.write(`lantern: organisation '${parsed.data.slug}' is already registered\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${JSON.stringify(outcome.organisation)}\n`);
    });

  orgs
    .command('list')
    .description('list organisations as JSON lines')
    .action(async () => {
      for (const org of await withGraph(({ graph }) => listOrganisations(graph)))
        process.stdout.write(`${JSON.stringify(org)}\n`);
    });
}
