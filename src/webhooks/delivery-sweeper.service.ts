import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { PeriodicTask } from '../platform/periodic-task.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';

const SWEEP_LIMIT = 1_000;
// A due job normally runs within milliseconds; this much overdue means it is gone.
const OVERDUE_MS = 5_000;

/**
 * PostgreSQL holds every pending delivery and its next attempt time; Redis only the jobs. Every
 * LOUPE_SWEEP_INTERVAL_MS, pending deliveries overdue by a few seconds whose job is missing (a
 * flushed Redis, an enqueue that failed) get it back.
 */
@Injectable()
export class DeliverySweeper implements OnModuleDestroy {
  private readonly logger = new Logger('WebhookSweeper');
  private readonly task: PeriodicTask<number>;

  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CONFIG) config: Config,
  ) {
    this.task = new PeriodicTask(() => this.sweep(), config.LOUPE_SWEEP_INTERVAL_MS, (e) => this.logger.warn({ err: e }, 'webhook sweep failed'));
  }

  start(): void {
    this.task.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  sweepOnce(): Promise<number> {
    return this.task.runOnce();
  }

  private async sweep(): Promise<number> {
    const overdue = await this.repository.findOverdue(OVERDUE_MS, SWEEP_LIMIT);
    let requeued = 0;
    for (const delivery of overdue) {
      if (await this.scheduler.requeueIfMissing(delivery)) requeued++;
    }
    if (requeued > 0) this.logger.log(`re-enqueued ${requeued} webhook deliveries`);
    return requeued;
  }
}
