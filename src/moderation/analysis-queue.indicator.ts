import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MetricsService } from '../platform/metrics.service.js';
import { Contributes } from '../platform/platform-contributor.js';
import { withTimeout } from '../platform/with-timeout.js';
import { ANALYSIS_QUEUE } from './analysis-queue.js';

/** Redis as the analysis queue sees it: the readiness check "redis" and the queue depth gauge. */
@Injectable()
@Contributes({ health: 'redis', metrics: true })
export class AnalysisQueueIndicator {
  constructor(
    @InjectQueue(ANALYSIS_QUEUE) private readonly queue: Queue,
    private readonly metrics: MetricsService,
  ) {}

  async checkHealth(): Promise<void> {
    await this.queue.getJobCounts('waiting');
  }

  async collectMetrics(): Promise<void> {
    try {
      const counts = await withTimeout(this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized'), 1_000, 'queue depth');
      for (const [state, n] of Object.entries(counts)) this.metrics.queueDepth.set({ state }, n);
    } catch {
      // Redis down: the depth is unknown, the other metrics still matter.
      this.metrics.queueDepth.reset();
    }
  }
}
