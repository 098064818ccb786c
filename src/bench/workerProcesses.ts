import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/lantern.js');

export interface WorkerProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `lantern worker` processes, exactly as an operator scales out, on the environment given. Resolves once
 * each has started its queue workers; their logs are kept only to explain a failure to start.
 */
export async function startWorkerProcesses(count: number, env: NodeJS.ProcessEnv, concurrency: number, timeoutMs = 120_000): Promise<WorkerProcess[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const child = spawn(process.execPath, [BIN, 'worker', '--concurrency', String(concurrency)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`a worker process did not start within ${timeoutMs} ms:\n${log.slice(-2000)}`)), timeoutMs);
        child.stderr!.on('data', (chunk: Buffer) => {
          log = (log + chunk.toString('utf8')).slice(-20_000);
          if (log.includes('workers started')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`a worker process exited with code ${code} while starting:\n${log.slice(-2000)}`));
        });
      });
      child.stderr!.resume();
      return {
        child,
        stop: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      };
    }),
  );
}
