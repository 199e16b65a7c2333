import { z } from 'zod';

export const DELIVERY_QUEUE = 'deliver-webhook';
export const DELIVERY_JOB = 'deliver';

export const EVENT_TYPES = ['comment.verdict', 'comment.decision', 'comment.rescored'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
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
