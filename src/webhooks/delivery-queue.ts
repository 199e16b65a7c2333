import { z } from 'zod';

export const DELIVERY_QUEUE = 'deliver-webhook';
export const DELIVERY_JOB = 'deliver';

// The event types are the outbox's; endpoints subscribe to them.
export { EVENT_TYPES, type EventType } from '../outbox/outbox-sql.js';
export const TEST_EVENT_TYPE = 'webhook.test';

/** Jobs carry the delivery id only: payload and secret stay in PostgreSQL. */
export const DeliveryJobSchema = z.object({ deliveryId: z.uuid() }).strict();
export type DeliveryJob = z.infer<typeof DeliveryJobSchema>;

/**
 * One job id per (delivery, attempt number): a re-enqueue of the same attempt is a no-op, the next
 * attempt gets a new id. BullMQ reserves ':' in ids, so the separator is '-'.
 */
export function deliveryJobId(deliveryId: string, attempt: number): string {
  return `${deliveryId}-${attempt}`;
}
