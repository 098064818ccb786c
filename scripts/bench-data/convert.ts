/**
 * Usage: npx tsx scripts/bench-data/convert.ts FORMAT INPUT.csv OUTPUT.jsonl
 * FORMAT: splink-fake | splink-historical | febrl. Write OUTPUT outside the repository (e.g. /tmp):
 * the benchmark data are for measuring only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { convertCsv, FORMATS } from './formats';

function main(argv: string[]): number {
  const [name, input, output] = argv;
  const format = name ? FORMATS[name] : undefined;
  if (!format || !input || !output) {
    process.stderr.write(`usage: convert.ts (${Object.keys(FORMATS).join('|')}) INPUT.csv OUTPUT.jsonl\n`);
    return 2;
  }
  const records = convertCsv(format, readFileSync(input, 'utf8'));
  writeFileSync(output, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
  process.stderr.write(`${records.length} records written to ${output}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
