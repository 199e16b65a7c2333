import { Inject, Injectable } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { Contributes } from '../platform/platform-contributor.js';
import { Sweeper } from '../platform/sweeper.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';

const SWEEP_LIMIT = 1_000;
// Events pruned per statement, and statements per sweep at most (bounded work per tick).
const PRUNE_BATCH = 5_000;
const PRUNE_ROUNDS = 4;
// A due job normally runs within milliseconds; this much overdue means it is gone.
const OVERDUE_MS = 5_000;

/**
 * PostgreSQL holds every pending delivery and its next attempt time; Redis only the jobs. Every
 * LOUPE_SWEEP_INTERVAL_MS, pending deliveries overdue by a few seconds whose job is missing (a
 * flushed Redis, an enqueue that failed) get it back, and events older than
 * LOUPE_WEBHOOK_RETENTION_DAYS with nothing pending are deleted with their delivery log.
 */
@Injectable()
@Contributes({ lifecycle: 'schedulers' })
export class DeliverySweeper extends Sweeper {
  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    super('WebhookSweeper', config.LOUPE_SWEEP_INTERVAL_MS);
  }

  protected async sweep(): Promise<number> {
    const overdue = await this.repository.findOverdue(OVERDUE_MS, SWEEP_LIMIT);
    let requeued = 0;
    for (const delivery of overdue) {
      if (await this.scheduler.requeueIfMissing(delivery)) requeued++;
    }
    if (requeued > 0) this.logger.log(`re-enqueued ${requeued} webhook deliveries`);
    await this.prune();
    return requeued;
  }

  /** Deletes old events with their deliveries and attempts; returns how many events. */
  async prune(): Promise<number> {
    const days = this.config.LOUPE_WEBHOOK_RETENTION_DAYS;
    if (days === 0) return 0;
    let pruned = 0;
    for (let round = 0; round < PRUNE_ROUNDS; round++) {
      const n = await this.repository.prune(days, PRUNE_BATCH);
      pruned += n;
      if (n < PRUNE_BATCH) break;
    }
    if (pruned > 0) this.logger.log(`pruned ${pruned} webhook events older than ${days} days`);
    return pruned;
  }
}
