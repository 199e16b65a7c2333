import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { ANALYSIS_QUEUE } from '../moderation/analysis-queue.js';
import { MetricsService } from './metrics.service.js';
import { withTimeout } from './with-timeout.js';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @InjectQueue(ANALYSIS_QUEUE) private readonly queue: Queue,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    try {
      const counts = await withTimeout(this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized'), 1_000, 'queue depth');
      for (const [state, n] of Object.entries(counts)) this.metrics.queueDepth.set({ state }, n);
    } catch {
      // Redis down: the depth is unknown, the other metrics still matter.
      this.metrics.queueDepth.reset();
    }
    return this.metrics.registry.metrics();
  }
}
