import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { PeriodicTask } from './periodic-task.js';

/**
 * A worker-process service that sweeps every `intervalMs` (PostgreSQL is the truth: what lost its
 * Redis job gets it back): one sweep at a time, started by the worker bootstrap, stopped with the
 * module. A failed sweep is logged and the next tick tries again.
 */
export abstract class Sweeper implements OnModuleDestroy {
  protected readonly logger: Logger;
  private readonly task: PeriodicTask<number>;

  protected constructor(name: string, intervalMs: number) {
    this.logger = new Logger(name);
    this.task = new PeriodicTask(() => this.sweep(), intervalMs, (e) => this.logger.warn({ err: e }, 'sweep failed'));
  }

  /** One sweep; returns how many items got their job back. */
  protected abstract sweep(): Promise<number>;

  start(): void {
    this.task.start();
  }

  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Sweeps now (or joins the sweep in progress); returns how many items got their job back. */
  sweepOnce(): Promise<number> {
    return this.task.runOnce();
  }
}
