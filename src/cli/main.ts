import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config';
import { VERSION } from '../version';
import { registerBenchMatch } from './benchMatch';
import { registerBenchNeutrality } from './benchNeutrality';
import { registerBenchPipeline } from './benchPipeline';
import { registerBenchSearch } from './benchSearch';
import { registerEvalClusters } from './evalClusters';
import { registerEvalPairs } from './evalPairs';
import { registerImportCommand } from './importCommand';
import { registerKeysCommand } from './keysCommand';
import { registerOrgsCommand } from './orgsCommand';
import { registerPartnersCommand } from './partnersCommand';
import { registerStackCommands } from './stackCommands';
import { registerVerifyCommand, registerVerifyNoticeCommand } from './verify';

/** Exit codes the operator can script against. */
export const EXIT = { ok: 0, failure: 1, config: 2 } as const;

export function buildProgram(): Command {
  const program = new Command('lantern')
    .description(
      'Lantern: resolve what victims report into a graph of people, companies and accounts, and export reviewed ' +
        'leads to bank compliance teams.',
    )
    .version(VERSION)
    .exitOverride();
  registerStackCommands(program);
  registerImportCommand(program);
  registerOrgsCommand(program);
  registerPartnersCommand(program);
  registerKeysCommand(program);
  const evalCmd = program.command('eval').description('Measure matching quality on labelled data (pairs or clusters).');
  registerEvalPairs(evalCmd);
  registerEvalClusters(evalCmd);
  const benchCmd = program
    .command('bench')
    .description(
      'Measure speed (a benchmark, not a test): the whole pipeline, or `bench match` for the matcher alone.',
    );
  registerBenchPipeline(benchCmd);
  registerBenchMatch(benchCmd);
  registerBenchNeutrality(benchCmd);
  registerBenchSearch(benchCmd);
  registerVerifyCommand(program);
  registerVerifyNoticeCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof ConfigError) {
      process.stderr.write(`lantern: ${err.message}\n`);
      return EXIT.config;
    }
    process.stderr.write(`lantern: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failure;
  }
}
