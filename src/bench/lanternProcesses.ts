import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/lantern.js');

export interface LanternProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * A `lantern` command in a process of its own (`worker`, `serve`), exactly as an operator scales out,
 * with the environment given. Resolves once its log shows `ready`; the log is kept only to explain a
 * failure to start.
 */
export async function startLanternProcess(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: string,
  timeoutMs = 120_000,
): Promise<LanternProcess> {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`lantern ${args.join(' ')} did not start within ${timeoutMs} ms:\n${log.slice(-2000)}`)),
      timeoutMs,
    );
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`lantern ${args.join(' ')} exited with code ${code} while starting:\n${log.slice(-2000)}`));
    };
    child.stderr!.on('data', (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-20_000);
      if (log.includes(ready)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
    child.once('exit', onExit);
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
