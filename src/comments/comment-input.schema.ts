import { z } from 'zod';
import { isoDateTime, storableText } from '../platform/http/validation.js';

export const MAX_BATCH = 500;
export const MAX_WAIT_MS = 5_000;

const id = (what: string) => storableText(200).pipe(z.string().min(1, `${what} must not be empty`));

/** The body of POST /v1/comments. Unknown fields are rejected so typos do not pass silently. */
export function commentInputSchema(maxTextLength: number) {
  return z
    .object({
      externalId: id('externalId'),
      text: storableText(maxTextLength).pipe(z.string().min(1, 'must not be empty')),
      articleUrl: storableText(2048).pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).optional(),
      author: z.object({ id: id('author.id').optional(), name: storableText(200).optional() }).strict().optional(),
      parentExternalId: id('parentExternalId').optional(),
      createdAt: isoDateTime().optional(),
      language: z
        .string()
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as "de" or "en-GB"')
        .max(16)
        .optional(),
    })
    .strict();
}

export type CommentInput = z.infer<ReturnType<typeof commentInputSchema>>;

export const BatchEnvelopeSchema = z
  .object({ comments: z.array(z.unknown()).min(1, 'must hold at least one comment').max(MAX_BATCH, `must hold at most ${MAX_BATCH} comments`) })
  .strict();

/** GET /v1/comments?externalId=… */
export const ExternalIdQuerySchema = z.object({ externalId: storableText(200).pipe(z.string().min(1, 'is required')) }).strict();

export const WaitQuerySchema = z
  .object({ wait: z.coerce.number().int('must be a whole number of milliseconds').min(0).max(MAX_WAIT_MS, `must be at most ${MAX_WAIT_MS}`).optional() })
  .strict();

