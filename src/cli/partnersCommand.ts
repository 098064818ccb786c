import type { Command } from 'commander';
import { audit } from '../../graph/audit';
import { listPartners, registerPartner } from '../../graph/auth/partners';
import { CreatePartnerInput } from '../domain/partners';
import { OPERATOR, refuseOptions, withGraph } from './withGraph';

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
      const outcome = await withGraph(async ({ graph }) => {
        const registered = await registerPartner(graph, parsed.data);
        const { slug, name, webhookUrl } = registered.partner;
        if (registered.created)
          await audit(graph, {
            ...OPERATOR,
            action: 'partner.registered',
            target: slug,
            details: { name, webhook: webhookUrl !== null },
          });
        return registered;
      });
      if (!outcome.created) {
        process.stderr.write(`lantern: organisation '${parsed.data.slug}' is already registered\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`${JSON.stringify(outcome.partner)}\n`);
    });

  partners
    .command('list')
    .description('list partner banks as JSON lines')
    .action(async () => {
      for (const partner of await withGraph(({ graph }) => listPartners(graph)))
        process.stdout.write(`${JSON.stringify(partner)}\n`);
    });
}
