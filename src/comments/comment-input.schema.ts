import { z } from 'zod';
import { validationError, type FieldError } from '../platform/http/domain-error.js';

export const MAX_BATCH = 500;
export const MAX_WAIT_MS = 5_000;

// PostgreSQL text cannot hold U+0000, and a lone surrogate cannot be stored as UTF-8: refuse both
// with a pointer instead of letting the database fail (500) or silently change the text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const storableText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes('\u0000'), 'must not contain the NUL character (U+0000)')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed Unicode (no lone surrogates)');

const id = (what: string) => storableText(200).pipe(z.string().min(1, `${what} must not be empty`));

/** The body of POST /v1/comments. Unknown fields are rejected so typos do not pass silently. */
export function commentInputSchema(maxTextLength: number) {
  return z
    .object({
      externalId: id('externalId'),
      text: storableText(maxTextLength).pipe(z.string().min(1, 'must not be empty')),
      articleUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048).optional(),
      author: z.object({ id: id('author.id').optional(), name: storableText(200).optional() }).strict().optional(),
      parentExternalId: id('parentExternalId').optional(),
      createdAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-24T10:00:00Z' }).optional(),
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

export const WaitQuerySchema = z
  .object({ wait: z.coerce.number().int('must be a whole number of milliseconds').min(0).max(MAX_WAIT_MS, `must be at most ${MAX_WAIT_MS}`).optional() })
  .strict();

/** zod issues → RFC 6901 pointers, relative to `base` (e.g. `/comments/3`). */
export function fieldErrors(error: z.ZodError, base = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const pointer = base + path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
    const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    return { pointer, message };
  });
}

/** Parses or throws a 422 problem listing every invalid field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string, base = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(result.error, base);
  throw validationError(`${what} is invalid: ${errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}.`, errors);
}
