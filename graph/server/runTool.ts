import { spawn } from 'node:child_process';
import readline from 'node:readline';
import type { Neo4jLogger } from './log';
import { pushTail } from './outputTail';

export interface RunResult {
  code: number | null;
  tail: string[];
  spawnError?: Error;
}

/** Runs a tool with its output going to the logger (never to our stdout, which belongs to the CLI). */
export function runStreaming(
  cmd: string,
  args: string[],
  cwd: string,
  logger: Neo4jLogger,
  src: string,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const tail: string[] = [];
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const onLine = (raw: string) => {
      // Maven 3.8 prints colour resets even in batch mode.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour escapes begin with ESC
      const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
      if (!line.trim()) return;
      pushTail(tail, line);
      logger.info({ src }, line);
    };
    readline.createInterface({ input: child.stdout }).on('line', onLine);
    readline.createInterface({ input: child.stderr }).on('line', onLine);
    child.once('error', (err) => resolve({ code: null, tail, spawnError: err }));
    child.once('close', (code) => resolve({ code, tail }));
  });
}
