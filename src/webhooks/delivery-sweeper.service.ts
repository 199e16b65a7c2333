import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
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
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweepOnce().catch((e: unknown) => this.logger.warn({ err: e }, 'webhook sweep failed')), this.config.LOUPE_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
  }

  sweepOnce(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
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
