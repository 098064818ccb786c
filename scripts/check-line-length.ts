/**
 * Lines of at most 120 characters in the sources Biome formats. The formatter keeps code within that
 * width; what it cannot wrap (comments, long strings) is checked here. Part of `npm run lint`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 120;
const CHECKED = /\.(?:ts|js|mjs|cjs|css)$/u;

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => CHECKED.test(file));

const long: string[] = [];
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed by git but deleted in the working tree
  }
  text.split('\n').forEach((line, i) => {
    if ([...line].length > MAX) long.push(`${file}:${i + 1}: ${[...line].length} characters`);
  });
}

if (long.length > 0) {
  process.stderr.write(`${long.length} lines over ${MAX} characters:\n${long.join('\n')}\n`);
  process.exitCode = 1;
}
