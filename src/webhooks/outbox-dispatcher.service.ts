import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';

const BATCH = 500;

/**
 * Turns committed outbox events into deliveries (one per enabled endpoint that wants the type)
 * every LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS, then enqueues their first attempt. Events of a
 * rolled-back transaction never exist for it; several processes share the work (SKIP LOCKED).
 */
@Injectable()
export class OutboxDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger('OutboxDispatcher');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;

  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.next(0);
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Dispatches one batch; returns how many events it took. */
  async dispatchOnce(): Promise<number> {
    const { events, deliveryIds } = await this.repository.dispatch(BATCH);
    await this.scheduler.schedule(deliveryIds.map((id) => ({ id, attempts: 0 })));
    return events;
  }

  private next(delayMs: number): void {
    if (!this.started) return;
    this.timer = setTimeout(() => {
      this.running = this.dispatchOnce()
        .then((events) => this.next(events === BATCH ? 0 : this.config.LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS))
        .catch((e: unknown) => {
          this.logger.warn({ err: e }, 'outbox dispatch failed');
          this.next(this.config.LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS);
        })
        .finally(() => (this.running = undefined));
    }, delayMs);
    this.timer.unref();
  }
}
