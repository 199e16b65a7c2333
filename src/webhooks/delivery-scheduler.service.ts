import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { withTimeout } from '../platform/with-timeout.js';
import { DELIVERY_JOB, DELIVERY_QUEUE, deliveryJobId, type DeliveryJob } from './delivery-queue.js';

// Redis slow or away must not hold up the dispatcher or an API call: the delivery sweeper
// re-enqueues whatever could not be added.
const ENQUEUE_TIMEOUT_MS = 2_000;

// The attempt schedule is ours (next_attempt_at in PostgreSQL); BullMQ's own retries only cover
// a handler that threw (database away), and the claim's lease keeps them from sending twice.
const JOB_OPTIONS: JobsOptions = { attempts: 3, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: true, removeOnFail: { count: 1_000 } };

export interface DeliveryToSchedule {
  id: string;
  /** Attempts made so far: the job id of the next one. */
  attempts: number;
  delayMs?: number;
}

/** Adds delivery jobs; never rejects (a delivery left without a job is the sweeper's). */
@Injectable()
export class DeliveryScheduler {
  private readonly logger = new Logger('WebhookScheduler');

  constructor(@InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJob>) {
    this.queue.on('error', (err) => this.logger.warn(`queue connection: ${err.message}`));
  }

  async schedule(deliveries: readonly DeliveryToSchedule[]): Promise<void> {
    if (deliveries.length === 0) return;
    try {
      await withTimeout(
        this.queue.addBulk(
          deliveries.map((d) => ({
            name: DELIVERY_JOB,
            data: { deliveryId: d.id },
            opts: { ...JOB_OPTIONS, jobId: deliveryJobId(d.id, d.attempts), delay: Math.max(0, Math.round(d.delayMs ?? 0)) },
          })),
        ),
        ENQUEUE_TIMEOUT_MS,
        'webhook enqueue',
      );
    } catch (e) {
      this.logger.warn({ err: e, deliveries: deliveries.length }, 'webhook enqueue failed; the delivery sweeper will retry');
    }
  }

  /**
   * Enqueues now, replacing a delayed or finished job of the same attempt (a manual retry must not
   * wait for the scheduled one). An active job is left alone: its attempt is running.
   */
  async scheduleNow(deliveries: readonly DeliveryToSchedule[]): Promise<void> {
    for (const d of deliveries) {
      await this.removeUnlessRunning(deliveryJobId(d.id, d.attempts));
    }
    await this.schedule(deliveries);
  }

  /** Re-adds the job of a delivery whose job is missing; false when one is waiting or running. */
  async requeueIfMissing(d: DeliveryToSchedule): Promise<boolean> {
    const jobId = deliveryJobId(d.id, d.attempts);
    const state = await this.queue.getJobState(jobId);
    if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized' || state === 'waiting-children') return false;
    if (state === 'completed' || state === 'failed') await this.queue.remove(jobId);
    await this.queue.add(DELIVERY_JOB, { deliveryId: d.id }, { ...JOB_OPTIONS, jobId });
    return true;
  }

  private async removeUnlessRunning(jobId: string): Promise<void> {
    try {
      const state = await withTimeout(this.queue.getJobState(jobId), ENQUEUE_TIMEOUT_MS, 'job state');
      if (state !== 'active' && state !== 'unknown') await this.queue.remove(jobId);
    } catch (e) {
      this.logger.warn({ err: e, jobId }, 'could not replace a webhook job');
    }
  }
}
