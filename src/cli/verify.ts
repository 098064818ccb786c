import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { verifyNoticeDelivery } from '../../graph/exports/noticeSignature';
import { PUBLIC_KEY_FILE } from '../../graph/exports/signing';
import { failedVerification, type VerifyResult, verifyBundle } from '../../graph/exports/verify';
import { errnoCode } from '../../graph/server/errors';
import { parseEnv, readEnvironment } from '../config';
import { WEBHOOK_HEADERS, WEBHOOK_TOLERANCE_SECONDS } from '../domain/notices';

/** The issuer's public key a check uses: the one given, else the one in the data directory (at the issuer). */
const publicKeyFile = (given: string | undefined) =>
  given ?? path.join(path.resolve(parseEnv(readEnvironment()).LANTERN_DATA_DIR), PUBLIC_KEY_FILE);

/** Prints a check's lines and its result as JSON on the last line; a failed check exits with 1. */
function report(lines: string[], result: { ok: boolean }): void {
  process.stdout.write(`${[...lines, JSON.stringify(result)].join('\n')}\n`);
  if (!result.ok) process.exitCode = 1;
}

const describeFailure = (err: unknown) => {
  const where = err instanceof Error && 'path' in err && typeof err.path === 'string' ? err.path : undefined;
  return `cannot read ${where ?? 'the input'}: ${errnoCode(err) ?? String(err)}`;
};

/** A file that cannot be read is a failed check like any other, reported on the JSON line. */
async function readInputs(bundle: string, keyFile: string): Promise<VerifyResult> {
  let zip: Buffer;
  let key: string;
  try {
    zip = readFileSync(bundle);
    key = readFileSync(keyFile, 'utf8');
  } catch (err) {
    return failedVerification([describeFailure(err)]);
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
      const result = await readInputs(bundle, publicKeyFile(opts.publicKey));
      const supersedes = result.supersedes === null ? '' : ` (superseding revision ${result.supersedes})`;
      report(
        result.ok
          ? [
              `${bundle}: bundle ${result.bundle} revision ${result.revision}${supersedes} is intact and signed by ` +
                `key ${result.keyId}`,
              ...result.leads
                .filter((l) => l.typologies.length > 0)
                .map((l) => `${bundle}: lead ${l.lead_id} shows ${l.typologies.join(', ')}`),
              ...(result.sarKeyTerm ? [`${bundle}: key term for a SAR: ${result.sarKeyTerm}`] : []),
            ]
          : result.problems.map((p) => `${bundle}: ${p}`),
        result,
      );
    });
}

/**
 * `lantern verify-notice BODY`: checks one webhook delivery as its receiver would (the body saved byte
 * for byte, the timestamp and signature from its headers), with the same key as bundles.
 */
export function registerVerifyNoticeCommand(program: Command): void {
  program
    .command('verify-notice')
    .description(
      `Check a webhook delivery: the Ed25519 signature (${WEBHOOK_HEADERS.signature}) over ` +
        `"\${${WEBHOOK_HEADERS.timestamp}}.\${body}" and the age of the timestamp. Prints the result as JSON on the ` +
        'last line.',
    )
    .argument('<body>', 'the request body, saved exactly as received')
    .requiredOption('--timestamp <seconds>', `the ${WEBHOOK_HEADERS.timestamp} header`)
    .requiredOption('--signature <base64>', `the ${WEBHOOK_HEADERS.signature} header`)
    .option('--key-id <hex>', `the ${WEBHOOK_HEADERS.keyId} header`)
    .option('--public-key <file>', "the issuer's public key (PEM); default: the one in LANTERN_DATA_DIR")
    .option(
      '--tolerance <seconds>',
      `how far the timestamp may be from now (default ${WEBHOOK_TOLERANCE_SECONDS})`,
      (v) => Number.parseInt(v, 10),
    )
    .action(
      (
        body: string,
        opts: { timestamp: string; signature: string; keyId?: string; publicKey?: string; tolerance?: number },
      ) => {
        let rawBody: Buffer;
        let key: string;
        try {
          rawBody = readFileSync(body);
          key = readFileSync(publicKeyFile(opts.publicKey), 'utf8');
        } catch (err) {
          report([`${body}: ${describeFailure(err)}`], { ok: false });
          return;
        }
        const result = verifyNoticeDelivery(
          { rawBody, timestamp: opts.timestamp, signature: opts.signature, keyId: opts.keyId },
          key,
          { toleranceSeconds: opts.tolerance },
        );
        report(
          result.ok
            ? [`${body}: notice ${result.notice?.id} (${result.notice?.kind}) is signed by the issuer`]
            : result.problems.map((p) => `${body}: ${p}`),
          result,
        );
      },
    );
}
