import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

// Threads stand in for processes (an API and its workers) that start on one data directory at the same
// moment: each round they meet at a barrier, then all load the signing key of a fresh directory.
const THREADS = 4;
const ROUNDS = 150;

const threadBody = `
const { workerData, parentPort } = require('node:worker_threads');
require('tsx/cjs');
const { loadSigningKey } = require(workerData.module);
const barrier = new Int32Array(workerData.barrier);
const outcomes = [];
for (let round = 0; round < workerData.rounds; round++) {
  Atomics.add(barrier, round, 1);
  while (Atomics.load(barrier, round) < workerData.threads) {}
  try {
    outcomes.push(loadSigningKey(workerData.dirs[round]).keyId);
  } catch (err) {
    outcomes.push('failed: ' + err.message);
  }
}
parentPort.postMessage(outcomes);
`;

describe('the signing key of a new data directory', () => {
  it('is one and the same key for every process that starts on the directory at the same moment', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-key-race-'));
    try {
      const dirs = Array.from({ length: ROUNDS }, (_, i) => path.join(root, String(i)));
      const barrier = new SharedArrayBuffer(4 * ROUNDS);
      const module = path.resolve(__dirname, '../../../graph/exports/signing.ts');
      const perThread = await Promise.all(
        Array.from({ length: THREADS }, () => new Promise<string[]>((resolve, reject) => {
          const worker = new Worker(threadBody, { eval: true, workerData: { module, barrier, dirs, rounds: ROUNDS, threads: THREADS } });
          worker.once('message', resolve);
          worker.once('error', reject);
        })),
      );
      const disagreements = dirs.map((_, round) => new Set(perThread.map((outcomes) => outcomes[round]))).filter((keys) => keys.size !== 1 || [...keys][0]!.startsWith('failed'));
      expect(disagreements).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});
