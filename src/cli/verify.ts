import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PUBLIC_KEY_FILE } from '../../graph/exports/signing';
import { failedVerification, type VerifyResult, verifyBundle } from '../../graph/exports/verify';
import { errnoCode } from '../../graph/server/errors';
import { parseEnv, readEnvironment } from '../config';

/** A file that cannot be read is a failed check like any other, reported on the JSON line. */
async function readInputs(bundle: string, keyFile: string): Promise<VerifyResult> {
  let zip: Buffer;
  let key: string;
  try {
    zip = readFileSync(bundle);
    key = readFileSync(keyFile, 'utf8');
  } catch (err) {
    const where = err instanceof Error && 'path' in err && typeof err.path === 'string' ? err.path : bundle;
    return failedVerification([`cannot read ${where}: ${errnoCode(err) ?? String(err)}`]);
  }
  return verifyBundle(zip, key);
}

/**
 * `lantern verify BUNDLE.zip`: checks a downloaded bundle's file hashes and manifest signature. A
 * recipient passes the issuer's public key (GET /api/v1/exports/public-key, saved as PEM); at the
 * issuer, the key in the data directory is the default. The last line of stdout is the result as JSON;
 * the exit code is 1 when anything does not check out.
 */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Check an export bundle (ZIP): the SHA-256 of every file and the Ed25519 signature of its manifest. Prints ' +
        'the result as JSON on the last line.',
    )
    .argument('<bundle>', 'the bundle ZIP, as downloaded from GET /api/v1/exports/:id.zip')
    .option('--public-key <file>', "the issuer's public key (PEM); default: the one in LANTERN_DATA_DIR")
    .action(async (bundle: string, opts: { publicKey?: string }) => {
      const keyFile =
        opts.publicKey ?? path.join(path.resolve(parseEnv(readEnvironment()).LANTERN_DATA_DIR), PUBLIC_KEY_FILE);
      const result = await readInputs(bundle, keyFile);
      const intact = `bundle ${result.bundle} revision ${result.revision} is intact and signed by key ${result.keyId}`;
      const lines = result.ok
        ? [
            `${bundle}: ${intact}`,
            ...result.leads
              .filter((l) => l.typologies.length > 0)
              .map((l) => `${bundle}: lead ${l.lead_id} shows ${l.typologies.join(', ')}`),
            ...(result.sarKeyTerm ? [`${bundle}: key term for a SAR: ${result.sarKeyTerm}`] : []),
          ]
        : result.problems.map((p) => `${bundle}: ${p}`);
      process.stdout.write(`${[...lines, JSON.stringify(result)].join('\n')}\n`);
      if (!result.ok) process.exitCode = 1;
    });
}
