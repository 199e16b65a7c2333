import { z } from 'zod';
import { cursorDate, cursorField, isoDate, storableText, uuidField } from '../platform/http/validation.js';
import { EVENT_TYPES } from './delivery-queue.js';

const url = storableText(2048).pipe(z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }));
const eventTypes = z
  .array(z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` }))
  .min(1, 'must name at least one event type')
  .transform((types) => [...new Set(types)]);
const description = storableText(500).nullable();

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

// The delivery log's cursor: [attemptedAt, attemptId] (encoded by the webhooks service).
const AttemptCursorShape = z.tuple([cursorDate(), uuidField('an attempt id')]);

export const AttemptLogQuerySchema = z
  .object({
    eventType: storableText(64).pipe(z.string().min(1, 'must not be empty')).optional(),
    success: z.enum(['true', 'false'], { error: 'must be true or false' }).transform((s) => s === 'true').optional(),
    from: isoDate().optional(),
    to: isoDate().optional(),
    limit: z.coerce.number().int('must be a whole number').min(1).max(200, 'must be at most 200').default(50),
    cursor: cursorField(AttemptCursorShape, 200).optional(),
  })
  .strict();

export const RecoverQuerySchema = z.object({ since: isoDate() }).strict();
