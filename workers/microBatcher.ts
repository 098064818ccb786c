/**
 * Gathers the jobs a worker process holds at the same moment into one batch, as DataLoader does for
 * look-ups: a queue worker with concurrency N hands its processor up to N jobs at once, and resolving
 * them in one pass costs one set of graph round trips and one commit instead of N. A batch runs when
 * it is full or when `maxWaitMs` has passed since its first item, and only while fewer than
 * `maxConcurrent` batches are running: items arriving meanwhile wait and go together as soon as one
 * ends (group commit). Batches thus grow with the load instead of many small transactions competing
 * for the same counters and entities.
 */
export interface MicroBatchOptions {
  maxSize: number;
  maxWaitMs: number;
  /** Batches of this batcher running at once; 1 unless set. */
  maxConcurrent?: number;
}

/** The batch function answers each item in order: a value, or the error that item alone fails with. */
export type BatchFunction<I, O> = (items: I[]) => Promise<Array<O | Error>>;

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: Error) => void;
}

export class MicroBatcher<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private timer: NodeJS.Timeout | undefined;
  private running = 0;

  constructor(
    private readonly run: BatchFunction<I, O>,
    private readonly options: MicroBatchOptions,
  ) {
    if (options.maxSize < 1) throw new RangeError('maxSize must be at least 1');
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.length === 0 || this.running >= (this.options.maxConcurrent ?? 1)) return;
    const batch = this.waiting.splice(0, this.options.maxSize);
    this.running += 1;
    void this.settle(batch).finally(() => {
      this.running -= 1;
      this.flush();
    });
    // A backlog larger than one batch starts the next at once when concurrency allows.
    if (this.waiting.length > 0) this.flush();
  }

  /**
   * When a batch fails as a whole, each item is tried on its own, so that one report the graph refuses
   * cannot take the others of its batch down with it (they would exhaust their retries together).
   */
  private async settle(batch: Array<Waiting<I, O>>): Promise<void> {
    let results: Array<O | Error>;
    try {
      results = await this.run(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`the batch function answered ${results.length} of ${batch.length} items`);
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(asError(error));
      await Promise.all(batch.map((w) => this.settle([w])));
      return;
    }
    batch.forEach((w, i) => {
      const result = results[i] as O | Error;
      if (result instanceof Error) w.reject(result);
      else w.resolve(result);
    });
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
