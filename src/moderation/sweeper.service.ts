import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { MetricsService } from '../platform/metrics.service.js';
import { Contributes } from '../platform/platform-contributor.js';
import { Sweeper } from '../platform/sweeper.js';
import { ANALYSIS_JOB, ANALYSIS_QUEUE, jobIdFor, type AnalysisJob } from './analysis-queue.js';
import { AnalysisRepository } from './analysis.repository.js';

const SWEEP_LIMIT = 1_000;

/**
 * PostgreSQL is the truth, Redis only transport: every few seconds, comments pending longer than
 * LOUPE_SWEEP_AFTER_MS get their job back — after a FLUSHALL, a Redis restart, an enqueue that
 * failed after commit, or a job that used up its attempts. A waiting or running job is left alone.
 */
@Injectable()
@Contributes({ lifecycle: 'schedulers' })
export class SweeperService extends Sweeper {
  constructor(
    @InjectQueue(ANALYSIS_QUEUE) private readonly queue: Queue<AnalysisJob>,
    private readonly repository: AnalysisRepository,
    private readonly metrics: MetricsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super('Sweeper', config.LOUPE_SWEEP_INTERVAL_MS);
  }

  /** Re-enqueues stale pending comments; returns how many got a new job. */
  protected async sweep(): Promise<number> {
    const ids = await this.repository.findStalePending(this.config.LOUPE_SWEEP_AFTER_MS, SWEEP_LIMIT);
    let requeued = 0;
    for (const id of ids) {
      if (await this.requeue(id)) requeued++;
    }
    if (requeued > 0) {
      this.metrics.swept.inc(requeued);
      this.logger.log(`re-enqueued ${requeued} pending comments`);
    }
    return requeued;
  }

  private async requeue(commentId: string): Promise<boolean> {
    const jobId = jobIdFor(commentId);
    const state = await this.queue.getJobState(jobId);
    if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children') return false;
    if (state === 'failed') {
      const job = await this.queue.getJob(jobId);
      if (job) {
        await job.retry('failed');
        return true;
      }
    }
    if (state === 'completed') await this.queue.remove(jobId);
    await this.queue.add(ANALYSIS_JOB, { commentId }, { jobId });
    return true;
  }
}
