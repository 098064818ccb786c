import type { Command } from 'commander';
import { listPartners, registerPartner } from '../../graph/auth/partners';
import { CreatePartnerInput } from '../domain/partners';
import { refuseOptions, registerOnce, withGraph } from './withGraph';

/** `lantern partners create|list`: the partner banks exports and partner keys must name. */
export function registerPartnersCommand(program: Command): void {
  const partners = program
    .command('partners')
    .description('Register and list partner banks (exports and partner keys must name a registered one).');

  partners
    .command('create')
    .description('register a partner bank; prints it as JSON')
    .requiredOption('--slug <slug>', 'its short id in keys and exports, e.g. th-andaman-bank')
    .requiredOption('--name <name>', 'its display name')
    .requiredOption('--contact <email>', "its compliance team's e-mail address")
    .option('--webhook-url <url>', 'where signed change notices are POSTed (https://, or http:// on localhost)')
    .action(async (opts: { slug: string; name: string; contact: string; webhookUrl?: string }) => {
      const parsed = CreatePartnerInput.safeParse(opts);
      if (!parsed.success) return refuseOptions(parsed.error.issues);
      await registerOnce(
        parsed.data.slug,
        async (graph) => {
          const { created, partner } = await registerPartner(graph, parsed.data);
          return { created, record: partner };
        },
        'partner.registered',
        ({ name, webhookUrl }) => ({ name, webhook: webhookUrl !== null }),
      );
    });

  partners
    .command('list')
    .description('list partner banks as JSON lines')
    .action(async () => {
      for (const partner of await withGraph(({ graph }) => listPartners(graph)))
        process.stdout.write(`${JSON.stringify(partner)}\n`);
    });
}
