/**
 * Group commit: callers add one item at a time and get their own result back, while the items
 * are written in one statement per batch. A batch is flushed on the next turn of the event loop
 * (so a lone item waits no timer) or when it reaches `maxSize`; while `maxInFlight` batches are
 * already being written, new items gather into a bigger next batch. Under load this trades a
 * round trip per item for one per batch, which is where the CPU of the 2-core target goes.
 */
export interface BatcherOptions {
  maxSize: number;
  maxInFlight: number;
}

interface Pending<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

export class Batcher<T, R> {
  private queue: Pending<T, R>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly idleWaiters: (() => void)[] = [];

  /** `flush` returns one result per item, in order; a thrown error rejects the whole batch. */
  constructor(
    private readonly flush: (items: T[]) => Promise<R[]>,
    private readonly options: BatcherOptions,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or being written (for shutdown). */
  async drain(): Promise<void> {
    if (this.queue.length === 0 && this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxSize);
      this.inFlight++;
      void this.run(batch);
    }
    if (this.queue.length === 0 && this.inFlight === 0) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.flush(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(results[i] as R));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.inFlight--;
      this.pump();
    }
  }
}
