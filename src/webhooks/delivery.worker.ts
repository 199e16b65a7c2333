import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { CONFIG } from '../config/config.module.js';
import { MetricsService } from '../platform/metrics.service.js';
import type { Config } from '../config/config.js';
import { Contributes } from '../platform/platform-contributor.js';
import { OutboundHttpClient, type HttpResult } from '../platform/outbound/outbound-http.js';
import { DeliveriesRepository, type AttemptRecord, type ClaimedDelivery } from './deliveries.repository.js';
import { DELIVERY_QUEUE, DeliveryJobSchema, type DeliveryJob } from './delivery-queue.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';
import { nextRetryDelay, parseRetryAfter } from './retry-policy.js';
import { signWebhook } from './webhook-signature.js';

export type DeliveryOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

const EXCERPT_BYTES = 64 * 1024;
const USER_AGENT = 'Loupe-Webhooks/1';

/**
 * Sends one attempt of a delivery: the body serialised once, signed over those exact bytes
 * (Standard Webhooks), posted without following redirects; every attempt is logged. The next
 * attempt is a delayed job on LOUPE_WEBHOOK_RETRY_SCHEDULE (or the receiver's Retry-After).
 */
@Injectable()
@Contributes({ lifecycle: 'workers' })
export class DeliveryWorker implements OnModuleDestroy {
  private readonly logger = new Logger('WebhookDelivery');
  private worker: Worker<DeliveryJob, DeliveryOutcome> | undefined;
  private readonly http: OutboundHttpClient;

  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    private readonly metrics: MetricsService,
    @Inject(CONFIG) private readonly config: Config,
  ) {
    this.http = new OutboundHttpClient({
      timeoutMs: config.LOUPE_WEBHOOK_TIMEOUT_MS,
      allowPrivate: config.WEBHOOK_ALLOW_PRIVATE,
      excerptBytes: EXCERPT_BYTES,
      userAgent: USER_AGENT,
    });
  }

  start(): void {
    if (this.worker) return;
    this.worker = new Worker<DeliveryJob, DeliveryOutcome>(DELIVERY_QUEUE, (job) => this.process(job), {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: this.config.LOUPE_REDIS_PREFIX,
      concurrency: this.config.LOUPE_WEBHOOK_CONCURRENCY,
      // Longer than the request timeout, so a slow receiver does not make the job look stalled.
      lockDuration: this.config.LOUPE_WEBHOOK_TIMEOUT_MS + 10_000,
    });
    this.worker.on('failed', (job, err) => this.logger.warn({ jobId: job?.id, deliveryId: job?.data.deliveryId, err }, 'webhook job failed'));
    this.worker.on('error', (err) => this.logger.warn({ err }, 'webhook worker error'));
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
    await this.http.close();
  }

  /** Stops taking jobs and waits for the attempts in flight to be logged. */
  async stop(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    this.worker = undefined;
    await worker.close();
    await this.repository.drain();
  }

  async process(job: Job<DeliveryJob>): Promise<DeliveryOutcome> {
    const { deliveryId } = DeliveryJobSchema.parse(job.data);
    const outcome = await this.deliver(deliveryId);
    if (outcome !== 'skipped') this.metrics.webhookAttempts.inc({ outcome });
    return outcome;
  }

  async deliver(deliveryId: string): Promise<DeliveryOutcome> {
    const delivery = await this.repository.claim(deliveryId, this.config.LOUPE_WEBHOOK_TIMEOUT_MS + 5_000);
    if (!delivery) return 'skipped';
    const attemptedAt = new Date();
    if (!delivery.active) {
      await this.repository.record({ ...this.blank(delivery, attemptedAt), error: 'endpoint disabled', status: 'failed' });
      return 'failed';
    }
    const started = performance.now();
    const result = await this.send(delivery, attemptedAt);
    const latencyMs = Math.round(performance.now() - started);
    this.metrics.webhookSeconds.observe(latencyMs / 1000);
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const record: AttemptRecord = { ...this.blank(delivery, attemptedAt), statusCode: result.statusCode, latencyMs, error: result.error, responseExcerpt: result.excerpt };

    if (ok) {
      await this.repository.record({ ...record, status: 'succeeded' });
      return 'succeeded';
    }
    if (result.statusCode === 410) {
      await this.repository.record({ ...record, status: 'failed' });
      await this.disable(delivery, 'the endpoint answered 410 Gone');
      return 'failed';
    }
    const attemptsMade = delivery.attempts + 1;
    const scheduled = nextRetryDelay(this.config.LOUPE_WEBHOOK_RETRY_SCHEDULE, attemptsMade - delivery.scheduleFrom);
    const retryAfter = result.statusCode === 429 || result.statusCode === 503 ? parseRetryAfter(result.retryAfter, Date.now()) : undefined;
    const delayMs = scheduled === undefined ? undefined : (retryAfter ?? scheduled);
    const nextAttemptAt = delayMs === undefined ? null : new Date(Date.now() + delayMs);
    await this.repository.record({ ...record, status: nextAttemptAt ? 'pending' : 'failed', nextAttemptAt });

    const failingSince = await this.repository.markEndpointFailing(delivery.endpointId, attemptedAt);
    if (failingSince && Date.now() - failingSince.getTime() >= this.config.LOUPE_WEBHOOK_DISABLE_AFTER) {
      await this.disable(delivery, `failing without a success since ${failingSince.toISOString()}`);
    }
    if (delayMs === undefined) return 'failed';
    await this.scheduler.schedule([{ id: delivery.id, attempts: attemptsMade, delayMs }]);
    return 'retry';
  }

  private blank(delivery: ClaimedDelivery, attemptedAt: Date): AttemptRecord {
    return { deliveryId: delivery.id, endpointId: delivery.endpointId, attemptedAt, statusCode: null, latencyMs: 0, error: null, responseExcerpt: null, status: 'failed', nextAttemptAt: null };
  }

  private async disable(delivery: ClaimedDelivery, reason: string): Promise<void> {
    if (await this.repository.disableEndpoint(delivery.endpointId, reason)) {
      this.logger.warn({ endpointId: delivery.endpointId, reason }, 'webhook endpoint disabled');
    }
  }

  private send(delivery: ClaimedDelivery, at: Date): Promise<HttpResult> {
    // Serialised once: these exact bytes are signed and sent.
    const body = JSON.stringify({ type: delivery.eventType, timestamp: delivery.eventCreatedAt.toISOString(), data: delivery.payload });
    const secrets = delivery.previousSecret ? [delivery.secret, delivery.previousSecret] : [delivery.secret];
    return this.http.post(
      delivery.url,
      {
        'content-type': 'application/json',
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signWebhook(secrets, delivery.eventId, at, body),
      },
      body,
    );
  }
}
