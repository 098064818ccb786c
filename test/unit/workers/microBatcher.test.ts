import { MicroBatcher } from '../../../workers/microBatcher';

describe('MicroBatcher', () => {
  it('runs the items held at the same moment as one batch and answers each with its own result', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((i) => i * 10);
      },
      { maxSize: 10, maxWaitMs: 5 },
    );
    await expect(Promise.all([1, 2, 3].map((i) => batcher.add(i)))).resolves.toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('starts a batch as soon as it is full, without waiting', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items;
      },
      { maxSize: 2, maxWaitMs: 60_000 },
    );
    await Promise.all([1, 2, 3, 4].map((i) => batcher.add(i)));
    expect(batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('holds what arrives while a batch runs and sends it together as the next batch (group commit)', async () => {
    const batches: number[][] = [];
    let release: () => void = () => undefined;
    const firstRunning = new Promise<void>((resolve) => {
      release = resolve;
    });
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await firstRunning;
        return items;
      },
      { maxSize: 10, maxWaitMs: 1 },
    );
    const first = batcher.add(1);
    await new Promise((r) => setTimeout(r, 10));
    const later = [2, 3, 4].map((i) => batcher.add(i));
    await new Promise((r) => setTimeout(r, 10));
    expect(batches).toEqual([[1]]);
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails only the item the batch function answers with an error', async () => {
    const batcher = new MicroBatcher<number, number>(
      async (items) => items.map((i) => (i === 2 ? new Error('no report 2') : i)),
      { maxSize: 10, maxWaitMs: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((i) => batcher.add(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('no report 2');
  });

  it('when a whole batch throws, tries each item alone so that one bad item cannot sink the others', async () => {
    const calls: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        calls.push(items);
        if (items.includes(2)) throw new Error('the graph refused item 2');
        return items;
      },
      { maxSize: 10, maxWaitMs: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((i) => batcher.add(i)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('rejects every item when the batch function answers the wrong number of results', async () => {
    const batcher = new MicroBatcher<number, number>(async (items) => [...items, 0], { maxSize: 10, maxWaitMs: 1 });
    const results = await Promise.allSettled([1, 2].map((i) => batcher.add(i)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
