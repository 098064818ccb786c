import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package version, read once; shown by /health and stamped on exports. */
export const VERSION: string = (
  JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
