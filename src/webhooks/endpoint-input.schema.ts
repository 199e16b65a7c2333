import { z } from 'zod';
import { EVENT_TYPES } from './delivery-queue.js';

const url = z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).max(2048, 'must be at most 2048 characters');
const eventTypes = z
  .array(z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }))
  .min(1, 'must name at least one event type')
  .transform((types) => [...new Set(types)]);
const description = z.string().max(500, 'must be at most 500 characters').refine((s) => !s.includes('\u0000'), 'must not contain NUL').nullable();

export const CreateEndpointSchema = z
  .object({
    url,
    eventTypes: eventTypes.default([...EVENT_TYPES]),
    enabled: z.boolean().default(true),
    description: description.default(null),
  })
  .strict();

export const UpdateEndpointSchema = z
  .object({ url: url.optional(), eventTypes: eventTypes.optional(), enabled: z.boolean().optional(), description: description.optional() })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'must change at least one of url, eventTypes, enabled, description');

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-24T10:00:00Z' }).transform((s) => new Date(s));

export const AttemptLogQuerySchema = z
  .object({
    eventType: z.string().min(1).max(64).optional(),
    success: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((s) => s === 'true').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int('must be a whole number').min(1).max(200, 'must be at most 200').default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const RecoverQuerySchema = z.object({ since: isoDate }).strict();
