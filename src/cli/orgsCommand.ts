import type { Command } from 'commander';
import { listOrganisations, registerOrganisation } from '../../graph/auth/organisations';
import { CreateOrganisationInput } from '../domain/orgs';
import { refuseOptions, registerOnce, withGraph } from './withGraph';

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
      await registerOnce(
        parsed.data.slug,
        async (graph) => {
          const { created, organisation } = await registerOrganisation(graph, parsed.data);
          return { created, record: organisation };
        },
        'org.registered',
        ({ name, country }) => ({ name, country }),
      );
    });

  orgs
    .command('list')
    .description('list organisations as JSON lines')
    .action(async () => {
      for (const org of await withGraph(({ graph }) => listOrganisations(graph)))
        process.stdout.write(`${JSON.stringify(org)}\n`);
    });
}
