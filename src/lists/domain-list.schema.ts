import { z } from 'zod';
import { LIST_CATEGORIES } from './list-entry.schema.js';

const CATEGORIES = LIST_CATEGORIES;

const hostname = z
  .string()
  .min(3)
  .max(253)
  .regex(/^(?!www\.)[a-z0-9\u00a1-\uffff-]+(\.[a-z0-9\u00a1-\uffff-]+)+$/, 'a lower-case host name without scheme, www. or path');

const ListEntrySchema = z
  .object({
    domain: hostname.optional(),
    path: z.string().regex(/^\/[^\s?#]+$/, 'a path starting with /').optional(),
    family: z.string().regex(/^[a-z0-9-]+\.\*$/, 'a label pattern such as rtde.*').optional(),
    category: z.enum(CATEGORIES),
    severity: z.number().min(0).max(1),
    entity: z.string().min(1).max(120).optional(),
    note: z.string().max(500).optional(),
    sources: z.array(z.string().min(1)).optional(),
  })
  .strict()
  .refine((e) => (e.domain !== undefined) !== (e.family !== undefined), {
    message: 'an entry has exactly one of domain or family',
  })
  .refine((e) => e.path === undefined || e.domain !== undefined, { message: 'path needs a domain' });

export const DomainListSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    name: z.string().min(1),
    version: z.string().min(1).max(64),
    license: z.string().min(1),
    attribution: z.string().optional(),
    sources: z
      .record(
        z.string(),
        z.object({ title: z.string(), url: z.string().url(), publisher: z.string().optional(), date: z.string().optional() }).strict(),
      )
      .optional(),
    entries: z.array(ListEntrySchema),
  })
  .strict()
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.entries.forEach((entry, i) => {
      const key = entry.family ?? `${entry.domain}${entry.path?.toLowerCase() ?? ''}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['entries', i], message: `duplicate entry "${key}"` });
      seen.add(key);
      for (const key of entry.sources ?? []) {
        if (!list.sources?.[key]) {
          ctx.addIssue({ code: 'custom', path: ['entries', i, 'sources'], message: `unknown source key "${key}"` });
        }
      }
    });
  });
