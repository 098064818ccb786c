import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeFileAtomically } from '../../../src/config/atomicFiles';

// Threads stand in for processes (an API and its workers) that start on one new data directory at the
// same moment: each round they meet at a barrier, then all load the secret and the signing key of a
// fresh directory. Racing like this, the old O_EXCL-then-write code handed some of them an empty file.
const THREADS = 4;
const ROUNDS = 150;

const threadBody = `
const { workerData, parentPort } = require('node:worker_threads');
require('tsx/cjs');
const { loadSigningKey } = require(workerData.signing);
const { resolveSecret } = require(workerData.config);
const barrier = new Int32Array(workerData.barrier);
const outcomes = [];
for (let round = 0; round < workerData.rounds; round++) {
  Atomics.add(barrier, round, 1);
  while (Atomics.load(barrier, round) < workerData.threads) {}
  try {
    outcomes.push(resolveSecret(workerData.dirs[round]) + ' ' + loadSigningKey(workerData.dirs[round]).keyId);
  } catch (err) {
    outcomes.push('failed: ' + err.message);
  }
}
parentPort.postMessage(outcomes);
`;

describe('the secret and the signing key of a new data directory', () => {
  it('are the same for every process that starts on the directory at the same moment, and complete', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-create-once-'));
    try {
      const dirs = Array.from({ length: ROUNDS }, (_, i) => path.join(root, String(i)));
      const barrier = new SharedArrayBuffer(4 * ROUNDS);
      const workerData = {
        signing: path.resolve(__dirname, '../../../graph/exports/signing.ts'),
        config: path.resolve(__dirname, '../../../src/config/index.ts'),
        barrier,
        dirs,
        rounds: ROUNDS,
        threads: THREADS,
      };
      const perThread = await Promise.all(
        Array.from(
          { length: THREADS },
          () =>
            new Promise<string[]>((resolve, reject) => {
              const worker = new Worker(threadBody, { eval: true, workerData });
              worker.once('message', resolve);
              worker.once('error', reject);
            }),
        ),
      );
      const outcomes = dirs.map((_, round) => [...new Set(perThread.map((outcome) => outcome[round]!))]);
      expect(outcomes.filter((seen) => seen.length !== 1 || !/^[\w-]{43} [0-9a-f]{64}$/.test(seen[0]!))).toEqual([]);
      // No draft is left behind, and the secret and private key stay readable by their owner only.
      expect(readdirSync(dirs[0]!).sort()).toEqual(['secret', 'signing']);
      expect(readdirSync(path.join(dirs[0]!, 'signing')).sort()).toEqual(['ed25519.key.pem', 'ed25519.pub.pem']);
      expect(statSync(path.join(dirs[0]!, 'secret')).mode & 0o077).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('an address file replaced while other processes read it', () => {
  it('is always read whole, the old contents or the new, never a part', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-atomic-'));
    const file = path.join(dir, 'neo4j.uri');
    // Long contents make a partial read likely if the file were truncated and rewritten in place.
    const versions = ['a', 'b'].map((c) => `bolt://127.0.0.1:${c.repeat(200_000)}\n`);
    try {
      writeFileAtomically(file, versions[0]!);
      const writer = new Worker(
        `const { workerData } = require('node:worker_threads');
         require('tsx/cjs');
         const { writeFileAtomically } = require(workerData.module);
         for (let i = 0; i < 400; i++) writeFileAtomically(workerData.file, workerData.versions[i % 2]);`,
        {
          eval: true,
          workerData: { module: path.resolve(__dirname, '../../../src/config/atomicFiles.ts'), file, versions },
        },
      );
      const finished = new Promise<void>((resolve, reject) => {
        writer.once('exit', () => resolve());
        writer.once('error', reject);
      });
      let running = true;
      void finished.then(() => (running = false));
      const partial: number[] = [];
      let reads = 0;
      while (running) {
        const seen = readFileSync(file, 'utf8');
        reads += 1;
        if (!versions.includes(seen)) partial.push(seen.length);
        await new Promise((r) => setImmediate(r));
      }
      await finished;
      expect(reads).toBeGreaterThan(10);
      expect(partial).toEqual([]);
      expect(readdirSync(dir)).toEqual(['neo4j.uri']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
