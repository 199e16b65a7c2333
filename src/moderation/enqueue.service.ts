import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { Batcher } from '../platform/batcher.js';
import { MetricsService } from '../platform/metrics.service.js';
import { Contributes } from '../platform/platform-contributor.js';
import { withTimeout } from '../platform/with-timeout.js';
import { ANALYSIS_JOB, ANALYSIS_QUEUE, jobIdFor, type AnalysisJob } from './analysis-queue.js';

// Redis being slow or down must not hold up ingest: after this, the sweeper takes over.
const ENQUEUE_TIMEOUT_MS = 2_000;

/** Adds analysis jobs after their comments are committed, batched into one addBulk per tick. */
@Injectable()
@Contributes({ lifecycle: 'enqueues' })
export class EnqueueService implements OnModuleDestroy {
  private readonly logger = new Logger('Enqueue');
  private readonly batcher: Batcher<string, void>;

  constructor(
    @InjectQueue(ANALYSIS_QUEUE) private readonly queue: Queue<AnalysisJob>,
    private readonly metrics: MetricsService,
  ) {
    this.batcher = new Batcher((ids) => this.addBulk(ids), { maxSize: 500, maxInFlight: 4 });
    // Redis away: BullMQ reconnects by itself; an unheard 'error' event would crash the process.
    this.queue.on('error', (err) => this.logger.warn(`queue connection: ${err.message}`));
  }

  /**
   * Fire and forget: never rejects. A comment whose job could not be added stays pending in
   * PostgreSQL, where the sweeper finds it.
   */
  enqueue(commentIds: readonly string[]): void {
    for (const id of commentIds) {
      this.batcher.add(id).catch((e: unknown) => {
        this.metrics.enqueueFailures.inc();
        this.logger.warn({ commentId: id, err: e }, 'enqueue failed; the sweeper will retry');
      });
    }
  }

  onModuleDestroy(): Promise<void> {
    return this.drain();
  }

  drain(): Promise<void> {
    return this.batcher.drain();
  }

  /** At shutdown, after the workers: their last verdicts may still have enqueues batched. */
  stop(): Promise<void> {
    return this.drain();
  }

  private async addBulk(ids: string[]): Promise<void[]> {
    await withTimeout(
      this.queue.addBulk(ids.map((commentId) => ({ name: ANALYSIS_JOB, data: { commentId }, opts: { jobId: jobIdFor(commentId) } }))),
      ENQUEUE_TIMEOUT_MS,
      'enqueue',
    );
    return ids.map(() => undefined);
  }
}
