import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { DeliveriesRepository, type AttemptRecord, type ClaimedDelivery } from './deliveries.repository.js';
import { DELIVERY_QUEUE, DeliveryJobSchema, type DeliveryJob } from './delivery-queue.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';
import { nextRetryDelay, parseRetryAfter } from './retry-policy.js';
import { checkWebhookUrl } from './ssrf-guard.js';
import { signWebhook } from './webhook-signature.js';

export type DeliveryOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

const EXCERPT_BYTES = 64 * 1024;
const USER_AGENT = 'Loupe-Webhooks/1';

interface HttpResult {
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  retryAfter: string | null;
}

/** Reads at most `limit` bytes of the body for the log, then lets the rest go. */
async function readExcerpt(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  // PostgreSQL text cannot hold NUL.
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8').replaceAll('\u0000', '');
}

function describeFetchError(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `timed out after ${timeoutMs} ms`;
  const cause = err.cause;
  return cause ? `${err.message}: ${cause.code ?? cause.message ?? ''}`.trim() : err.message;
}

/**
 * Sends one attempt of a delivery: the body serialised once, signed over those exact bytes
 * (Standard Webhooks), posted without following redirects; every attempt is logged. The next
 * attempt is a delayed job on LOUPE_WEBHOOK_RETRY_SCHEDULE (or the receiver's Retry-After).
 */
@Injectable()
export class DeliveryWorker implements OnModuleDestroy {
  private readonly logger = new Logger('WebhookDelivery');
  private worker: Worker<DeliveryJob, DeliveryOutcome> | undefined;

  constructor(
    private readonly repository: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

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

  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Stops taking jobs and waits for the attempts in flight to be logged. */
  async stop(): Promise<void> {
    if (!this.worker) return;
    const worker = this.worker;
    this.worker = undefined;
    await worker.close();
  }

  async process(job: Job<DeliveryJob>): Promise<DeliveryOutcome> {
    const { deliveryId } = DeliveryJobSchema.parse(job.data);
    return this.deliver(deliveryId);
  }

  async deliver(deliveryId: string): Promise<DeliveryOutcome> {
    const delivery = await this.repository.claim(deliveryId, this.config.LOUPE_WEBHOOK_TIMEOUT_MS + 5_000);
    if (!delivery) return 'skipped';
    const attemptedAt = new Date();
    if (!delivery.active) {
      await this.repository.record({ ...this.blank(delivery, attemptedAt), error: 'endpoint disabled', status: 'failed' });
      return 'failed';
    }
    const blocked = await checkWebhookUrl(delivery.url, this.config.WEBHOOK_ALLOW_PRIVATE);
    const started = performance.now();
    const result: HttpResult = blocked ? { statusCode: null, error: `URL refused: ${blocked}`, excerpt: null, retryAfter: null } : await this.send(delivery, attemptedAt);
    const latencyMs = Math.round(performance.now() - started);
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const record: AttemptRecord = { ...this.blank(delivery, attemptedAt), statusCode: result.statusCode, latencyMs, error: result.error, responseExcerpt: result.excerpt };

    if (ok) {
      await this.repository.record({ ...record, status: 'succeeded' });
      await this.repository.markEndpointHealthy(delivery.endpointId);
      return 'succeeded';
    }
    if (result.statusCode === 410) {
      await this.repository.record({ ...record, status: 'failed' });
      await this.disable(delivery, 'the endpoint answered 410 Gone');
      return 'failed';
    }
    const attemptsMade = delivery.attempts + 1;
    const scheduled = nextRetryDelay(this.config.LOUPE_WEBHOOK_RETRY_SCHEDULE, attemptsMade);
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
    return { deliveryId: delivery.id, attemptedAt, statusCode: null, latencyMs: 0, error: null, responseExcerpt: null, status: 'failed', nextAttemptAt: null };
  }

  private async disable(delivery: ClaimedDelivery, reason: string): Promise<void> {
    if (await this.repository.disableEndpoint(delivery.endpointId, reason)) {
      this.logger.warn({ endpointId: delivery.endpointId, reason }, 'webhook endpoint disabled');
    }
  }

  private async send(delivery: ClaimedDelivery, at: Date): Promise<HttpResult> {
    // Serialised once: these exact bytes are signed and sent.
    const body = JSON.stringify({ type: delivery.eventType, timestamp: delivery.eventCreatedAt.toISOString(), data: delivery.payload });
    const secrets = delivery.previousSecret ? [delivery.secret, delivery.previousSecret] : [delivery.secret];
    try {
      const res = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.LOUPE_WEBHOOK_TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signWebhook(secrets, delivery.eventId, at, body),
        },
        body,
      });
      const excerpt = await readExcerpt(res, EXCERPT_BYTES).catch(() => null);
      const redirect = res.status >= 300 && res.status < 400 ? `redirects are not followed (${res.status} to ${res.headers.get('location') ?? '?'})` : null;
      return { statusCode: res.status, error: redirect, excerpt, retryAfter: res.headers.get('retry-after') };
    } catch (e) {
      return { statusCode: null, error: describeFetchError(e, this.config.LOUPE_WEBHOOK_TIMEOUT_MS), excerpt: null, retryAfter: null };
    }
  }
}
