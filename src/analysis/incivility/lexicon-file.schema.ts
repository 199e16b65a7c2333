import { z } from 'zod';
import { LEXICON_CATEGORIES, LEXICON_MATCHES, type LexiconFile } from './lexicon.js';

const Category = z.enum(LEXICON_CATEGORIES as [LexiconFile['entries'][number]['category'], ...LexiconFile['entries'][number]['category'][]]);
const Match = z.enum(LEXICON_MATCHES as [LexiconFile['entries'][number]['match'], ...LexiconFile['entries'][number]['match'][]]);
const SourceKey = z.string().regex(/^[a-z0-9][a-z0-9-]*$/u, 'a source key, lower case');

const Entry = z
  .object({
    term: z.string().trim().min(1).max(80),
    category: Category,
    match: Match,
    minRest: z.number().int().min(0).max(20).optional(),
    unless: z.array(z.string().min(1).max(80)).min(1).max(50).optional(),
    sources: z.array(SourceKey).min(1).optional(),
  })
  .strict()
  .refine((e) => (e.minRest === undefined && e.unless === undefined) || e.match === 'head' || e.match === 'modifier', {
    message: 'minRest and unless are for head and modifier terms only',
  });

/** One file in data/lexicons/: a language's incivility terms, with licence and sources. */
export const LexiconFileSchema = z
  .object({
    version: z.string().min(1).max(40),
    license: z.string().min(1).max(80),
    attribution: z.string().min(1).max(500),
    sources: z.record(SourceKey, z.object({ title: z.string().min(1).max(300), url: z.url().optional() }).strict()),
    entries: z.array(Entry).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    file.entries.forEach((e, i) => {
      for (const key of e.sources ?? []) {
        if (!(key in file.sources)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'sources'], message: `unknown source "${key}"` });
      }
    });
  });

// The schema's output must be what compileLexicon takes.
const _fits: (f: z.infer<typeof LexiconFileSchema>) => LexiconFile = (f) => f;
void _fits;
