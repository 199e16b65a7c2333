import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { OUTBOX_CHANNEL } from '../outbox/outbox-sql.js';
import { Contributes } from '../platform/platform-contributor.js';
import { DeliveriesRepository } from './deliveries.repository.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';

const BATCH = 500;
const RELISTEN_MS = 2_000;

/**
 * Turns committed outbox events into deliveries (one per enabled endpoint that wants the type),
 * then enqueues their first attempt. It runs when PostgreSQL notifies that a committed statement
 * wrote events (LISTEN, from any process: the worker's verdicts, the API's decisions), and every
 * LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS in case a notification was missed (listener reconnecting).
 * Events of a rolled-back transaction never exist for it; several processes share the work
 * (SKIP LOCKED).
 */
@Injectable()
@Contributes({ lifecycle: 'schedulers' })
export class OutboxDispatcher implements OnModuleDestroy {
  private readonly logger = new Logger('OutboxDispatcher');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  /** A notification came while a dispatch was running: run again as soon as it ends. */
  private again = false;
  private listener: pg.Client | undefined;
  private relisten: NodeJS.Timeout | undefined;

  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.listen();
    this.next(0);
  }

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    clearTimeout(this.relisten);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.running;
  }

  /** Dispatches one batch; returns how many events it took. */
  async dispatchOnce(): Promise<number> {
    const { events, deliveryIds } = await this.repository.dispatch(BATCH);
    await this.scheduler.schedule(deliveryIds.map((id) => ({ id, attempts: 0 })));
    return events;
  }

  /** Dispatch now (or right after the dispatch in progress). */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.next(0);
  }

  private next(delayMs: number): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.again = false;
      this.running = this.dispatchOnce()
        .then((events) => this.next(events === BATCH || this.again ? 0 : this.config.LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS))
        .catch((e: unknown) => {
          this.logger.warn({ err: e }, 'outbox dispatch failed');
          this.next(this.config.LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS);
        })
        .finally(() => (this.running = undefined));
    }, delayMs);
    this.timer.unref();
  }

  /** One connection LISTENing for the outbox trigger; on loss, polling carries on until it is back. */
  private async listen(): Promise<void> {
    if (!this.started) return;
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL, connectionTimeoutMillis: 5_000 });
    const retry = (err: Error): void => {
      if (this.listener === client) this.listener = undefined;
      void client.end().catch(() => undefined);
      if (!this.started) return;
      this.logger.warn(`outbox listener: ${err.message}; polling every ${this.config.LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS} ms until it reconnects`);
      clearTimeout(this.relisten);
      this.relisten = setTimeout(() => void this.listen(), RELISTEN_MS);
      this.relisten.unref();
    };
    client.on('error', retry);
    client.on('end', () => {
      if (this.listener === client) retry(new Error('connection closed'));
    });
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      retry(e as Error);
      return;
    }
    if (!this.started) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    // Events written while nobody listened.
    this.wake();
  }
}
