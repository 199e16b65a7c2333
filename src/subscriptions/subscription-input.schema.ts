import { z } from 'zod';
import { parseDuration } from '../config/config.js';
import { CreateListSchema } from '../lists/lists-input.schema.js';

/** Shortest and longest refresh: feeds are curated lists, not news tickers. */
export const MIN_REFRESH_MS = 60_000;
export const MAX_REFRESH_MS = 7 * 86_400_000;

export const SubscriptionInputSchema = z.strictObject({
  url: z
    .string()
    .max(2000)
    .refine((url) => /^https?:\/\/[^\s]+$/i.test(url) && URL.canParse(url), 'must be an absolute http(s) URL'),
  format: z.enum(['csv', 'json']),
  /** Sent as a bearer token: another Loupe's admin API token, to follow its export. */
  token: z.string().min(1).max(500).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
  refresh: z
    .string()
    .default('6h')
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms < MIN_REFRESH_MS || ms > MAX_REFRESH_MS) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration from 1m to 7d, such as 30m, 6h or 1d' });
        return z.NEVER;
      }
      return ms;
    }),
});
export type SubscriptionInput = z.infer<typeof SubscriptionInputSchema>;

/** POST /v1/lists: a list, and optionally the feed it is kept from. */
export const CreateListWithFeedSchema = z.strictObject({ ...CreateListSchema.shape, subscription: SubscriptionInputSchema.optional() });
export type CreateListWithFeed = z.infer<typeof CreateListWithFeedSchema>;
