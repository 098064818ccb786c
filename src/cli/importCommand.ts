/**
 * `lantern import FILE.csv`: sends a CSV file of reports to a running Lantern, follows the import until
 * it is over, and prints the rows that were refused. Progress and errors go to stderr; the last line of
 * stdout is one JSON object, for scripts.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Command, CommanderError } from 'commander';
import { MAX_IMPORT_BYTES } from '../domain/csvImport';
import { type ImportRowError, ImportView } from '../domain/imports';
import { runBulkImport } from './bulkImport';

const EXIT = { done: 0, failed: 1, usage: 2 } as const;
const DEFAULT_URL = 'http://127.0.0.1:3000';
const POLL_MS = 500;
/** How long polling may fail in a row (a restarting server) before the command gives up. */
const LOST_CONTACT_MS = 60_000;
/** How long an import may wait for a worker before the command says where to look. */
const WORKER_HINT_MS = 30_000;

interface ImportOptions {
  url?: string;
  key?: string;
  bulk?: boolean;
  org?: string;
  country?: string;
}

/** Ends the command with a message on stderr and an exit code. */
class Stop extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** An import's status, or a bulk import's phase, with its counts. */
type Progress = Pick<ImportView, 'rows' | 'processedRows'> & { status: string };

/** A bar redrawn in place on a terminal; elsewhere (logs, CI) a line at each change of status and every few seconds. */
export class ProgressReporter {
  private lastLine = '';
  private lastStatus = '';
  private lastLineAt = 0;
  private drawn = false;

  constructor(
    private readonly id: string,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  update(p: Progress): void {
    const counts = p.rows > 0 ? ` ${p.processedRows}/${p.rows} rows` : '';
    if (this.out.isTTY) {
      const width = 30;
      const filled = p.rows > 0 ? Math.round((width * Math.min(p.processedRows, p.rows)) / p.rows) : 0;
      this.out.write(`\r${this.id} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${p.status}${counts}\x1b[K`);
      this.drawn = true;
      return;
    }
    const line = `${this.id}: ${p.status}${counts}`;
    if (line !== this.lastLine && (p.status !== this.lastStatus || Date.now() - this.lastLineAt >= 5000)) {
      this.out.write(`${line}\n`);
      this.lastLine = line;
      this.lastStatus = p.status;
      this.lastLineAt = Date.now();
    }
  }

  /** A message between two updates, without breaking the bar. */
  note(text: string): void {
    this.out.write(this.drawn ? `\r\x1b[K${text}\n` : `${text}\n`);
  }

  end(): void {
    if (this.drawn) this.out.write('\n');
  }
}

function reasonOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

async function call(url: string, init: RequestInit, base: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    throw new Stop(
      EXIT.failed,
      `cannot reach Lantern at ${base} (${reasonOf(err)}); is it running? Point to it with --url or LANTERN_URL`,
    );
  }
}

/** The server's own words for a refusal: its error and, when it names them, the bad fields. */
async function refusal(res: Response, what: string): Promise<Stop> {
  const body = (await res.json().catch(() => ({}))) as {
    error?: string;
    issues?: Array<{ path: string; message: string }>;
  };
  const lines = [
    `${what} (HTTP ${res.status}): ${body.error ?? res.statusText}`,
    ...(body.issues ?? []).map((i) => `  ${i.path}: ${i.message}`),
  ];
  return new Stop(EXIT.failed, lines.join('\n'));
}

function describeRowError(e: ImportRowError): string {
  return e.column ? `row ${e.row}, ${e.column}: ${e.message}` : `row ${e.row}: ${e.message}`;
}

async function readCsvFile(file: string): Promise<Buffer> {
  const size = await stat(file).then(
    (s) => s.size,
    (err: NodeJS.ErrnoException) => {
      throw new Stop(EXIT.usage, `cannot read ${file}: ${err.code ?? err.message}`);
    },
  );
  if (size > MAX_IMPORT_BYTES) {
    throw new Stop(
      EXIT.failed,
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} ` +
        `MB: split the file`,
    );
  }
  return readFile(file);
}

function baseUrl(given: string): string {
  try {
    const url = new URL(given);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
    return url.toString().replace(/\/+$/, '');
  } catch {
    throw new Stop(EXIT.usage, `--url must be an http:// or https:// address of a running Lantern (got '${given}')`);
  }
}

async function follow(id: string, base: string, key: string): Promise<ImportView> {
  const progress = new ProgressReporter(id);
  const started = Date.now();
  let lastContact = Date.now();
  let hinted = false;
  try {
    for (;;) {
      await sleep(POLL_MS);
      let res: Response;
      try {
        res = await fetch(`${base}/api/v1/imports/${encodeURIComponent(id)}`, {
          headers: { authorization: `Bearer ${key}` },
        });
      } catch (err) {
        if (Date.now() - lastContact > LOST_CONTACT_MS)
          throw new Stop(
            EXIT.failed,
            `lost contact with Lantern at ${base} (${reasonOf(err)}); the import ${id} carries on there`,
          );
        continue;
      }
      lastContact = Date.now();
      if (!res.ok) throw await refusal(res, `could not follow import ${id}`);
      const view = ImportView.parse(await res.json());
      progress.update(view);
      if (view.status === 'done' || view.status === 'failed') return view;
      if (!hinted && view.status === 'received' && Date.now() - started > WORKER_HINT_MS) {
        progress.note(
          `${id} is still waiting for a worker: is 'lantern start' or 'lantern worker' running against the same Redis?`,
        );
        hinted = true;
      }
    }
  } finally {
    progress.end();
  }
}

async function runImport(file: string, options: ImportOptions): Promise<number> {
  const key = options.key ?? process.env.LANTERN_API_KEY;
  if (!key) throw new Stop(EXIT.usage, 'no API key: pass --key KEY or set LANTERN_API_KEY to a caseworker key');
  const base = baseUrl(options.url ?? process.env.LANTERN_URL ?? DEFAULT_URL);
  const body = await readCsvFile(file);

  const res = await call(
    `${base}/api/v1/imports`,
    { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv; charset=utf-8' }, body },
    base,
  );
  if (res.status !== 202) throw await refusal(res, 'Lantern refused the file');
  const { id } = (await res.json()) as { id: string };

  const view = await follow(id, base, key);
  for (const e of view.errors) process.stderr.write(`${describeRowError(e)}\n`);
  if (view.error) process.stderr.write(`${view.error}\n`);
  process.stderr.write(
    `${id}: ${view.status}; ${view.accepted} of ${view.rows} rows accepted in ${view.reportIds.length} ` +
      `reports, ${view.failed} refused\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ id, status: view.status, rows: view.rows, accepted: view.accepted, failed: view.failed })}\n`,
  );
  return view.status === 'done' ? EXIT.done : EXIT.failed;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import a CSV file of reports into a running Lantern (one row per subject; ' +
        'see docs/csv-import.md) and wait until it is processed. With --bulk, resolve a whole CSV or labelled ' +
        "JSONL file at once straight into the stack's database, in large transactions.",
    )
    .argument('<file>', 'the CSV file, UTF-8 (with --bulk also .jsonl: one labelled record a line)')
    .option('--url <url>', `the Lantern to send it to (default: $LANTERN_URL or ${DEFAULT_URL})`)
    .option('--key <key>', 'a caseworker API key (default: $LANTERN_API_KEY)')
    .option('--bulk', "resolve the whole file at once in the running stack's database (needs --org)")
    .option('--org <slug>', 'with --bulk: the organisation the reports come from')
    .option('--country <code>', 'with --bulk: the reporting country of JSONL records that give no defaultCountry')
    // A mistyped command line is a usage error (2), not a failed import (1).
    .exitOverride((err) => {
      throw err.exitCode === 0 ? err : new CommanderError(EXIT.usage, err.code, err.message);
    })
    .action(async (file: string, options: ImportOptions) => {
      try {
        if (options.bulk) {
          if (!options.org)
            throw new Stop(EXIT.usage, '--bulk needs --org SLUG: the organisation the reports come from');
          const progress = new ProgressReporter(path.basename(file));
          try {
            process.exitCode = await runBulkImport(file, {
              org: options.org,
              country: options.country,
              progress: (phase, done, total) => progress.update({ status: phase, rows: total, processedRows: done }),
              onDone: () => progress.end(),
            });
          } catch (err) {
            progress.end();
            throw err;
          }
          return;
        }
        process.exitCode = await runImport(file, options);
      } catch (err) {
        if (!(err instanceof Stop)) throw err;
        process.stderr.write(`lantern import: ${err.message}\n`);
        process.exitCode = err.exitCode;
      }
    });
}
