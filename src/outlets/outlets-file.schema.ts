import { z } from 'zod';

const domain = z
  .string()
  .regex(/^(?!www\.)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a lower-case ASCII domain without scheme, www. or path');
const label = z.string().regex(/^[\p{Ll}\p{N}-]{2,63}$/u, 'a lower-case host label');

/** data/outlets/*.json: legitimate outlets with their official domains and brand labels. */
export const OutletsFileSchema = z.strictObject({
  version: z.string().min(1).max(64),
  license: z.string().min(1),
  attribution: z.string().min(1),
  description: z.string().optional(),
  outlets: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(120),
        country: z.string().regex(/^[A-Z]{2,3}$/),
        kind: z.enum(['newspaper', 'magazine', 'broadcaster', 'agency', 'portal', 'fact-checker']),
        domains: z.array(domain).min(1),
        brands: z.array(label).optional(),
        words: z.array(label).optional(),
      }),
    )
    .min(1),
});
export type OutletsFile = z.infer<typeof OutletsFileSchema>;
