import { z } from 'zod';
import type { IncivilityCode } from '../analysis/index.js';
import { storableText } from '../platform/http/validation.js';
import { ENTRY_KINDS, LIST_CATEGORIES } from './list-entry.schema.js';

// Every string here is stored: the storable-text rule refuses a NUL or a lone surrogate (422) instead of U+FFFD.
const text = (max: number) => storableText(max).trim().nullish().transform((v) => (v ? v : null));
const name = storableText(200).trim().pipe(z.string().min(1, 'must not be empty'));

export const CreateListSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, at most 64'),
    name,
    description: text(2000),
    source: text(2000),
    license: text(200),
  })
  .strict();

export const UpdateListSchema = z
  .object({
    name: name.optional(),
    description: text(2000).optional(),
    source: text(2000).optional(),
    license: text(200).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const UpdateEntrySchema = z
  .object({
    category: z.enum(LIST_CATEGORIES).optional(),
    severity: z.number().min(0).max(1).optional(),
    entity: text(120).optional(),
    note: text(500).optional(),
    sourceUrl: storableText(2000).pipe(z.url()).nullish().optional(),
  })
  .strict();

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const EntrySearchSchema = z
  .object({
    q: storableText(200).trim().pipe(z.string().min(1, 'must not be empty')).optional(),
    category: z.enum(LIST_CATEGORIES).optional(),
    kind: z.enum(ENTRY_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: storableText(500).optional(),
  })
  .strict();

export const ImportQuerySchema = z
  .object({
    format: z.enum(['csv', 'json']).optional(),
    mode: z.enum(['merge', 'replace']).default('merge'),
    dryRun: bool.default(false),
  })
  .strict();

export const ExportQuerySchema = z.object({ format: z.enum(['csv', 'json']).default('json') }).strict();

export const SiteSettingsSchema = z
  .object({
    /** null: every enabled list. */
    lists: z.array(storableText(64).pipe(z.string().min(1, 'must not be empty'))).max(100).nullable(),
    severityOverrides: z.partialRecord(z.enum(LIST_CATEGORIES), z.number().min(0).max(1)).default({}),
  })
  .strict();

// A record, not a list, so tsc refuses to build when the engine gains a code this one lacks.
const INCIVILITY_CODE_SET: Record<IncivilityCode, true> = { 'text.insult': true, 'text.abuse': true, 'text.profanity': true, 'text.threat': true };
export const INCIVILITY_CODES = Object.keys(INCIVILITY_CODE_SET) as [IncivilityCode, ...IncivilityCode[]];

const incivilityCode = z.enum(INCIVILITY_CODES, { error: `unknown incivility code; one of ${INCIVILITY_CODES.join(', ')}` });

/** The body of PUT /v1/sites/:id/incivility-settings; it replaces the stored settings (absent: none). */
export const IncivilitySettingsSchema = z
  .object({
    /** Code → the probability from which the reason is given, replacing the model's own. */
    thresholds: z.partialRecord(incivilityCode, z.number().min(0, 'must be a probability from 0 to 1').max(1, 'must be a probability from 0 to 1')).default({}),
    /** Codes never given for this site. */
    disabled: z
      .array(incivilityCode)
      .default([])
      .transform((codes) => [...new Set(codes)].sort()),
  })
  .strict();

export const AllowDomainSchema = z.object({ domain: storableText(300).pipe(z.string().min(1, 'must not be empty')), note: text(500) }).strict();

export const RecentJobsSchema = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();
