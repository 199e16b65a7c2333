import { domainToASCII } from 'node:url';
import { z } from 'zod';
import type { ListEntry } from '../analysis/types.js';
import { storableText } from '../platform/http/validation.js';

export const LIST_CATEGORIES = [
  'state_media',
  'disinformation',
  'conspiracy',
  'pseudoscience',
  'hyperpartisan',
  'satire',
  'unreliable',
  'platform',
  'shortener',
] as const;
export type ListCategory = (typeof LIST_CATEGORIES)[number];

export const ENTRY_KINDS = ['domain', 'path', 'family'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** A list entry as the API, the CLI and import files speak it (one pattern string per entry). */
export interface EntryInput {
  /** `anti-spiegel.ru`, `t.me/neuesausrussland` (domain + path prefix) or `rtde.*` (family). */
  pattern: string;
  kind: EntryKind;
  category: ListCategory;
  severity: number;
  entity: string | null;
  note: string | null;
  sourceUrl: string | null;
}

const HOST = /^(?!www\.)[a-z0-9-]+(\.[a-z0-9-]+)+$/;
const FAMILY = /^[a-z0-9-]+\.\*$/;
const PATH = /^\/[^\s?#]+$/;

/**
 * The kind a pattern has when none is given: `x.*` family, `host/path` path, else domain. A
 * scheme and trailing slashes do not count (`https://example.org/` is a domain).
 */
export function inferKind(pattern: string): EntryKind {
  const p = pattern.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/+$/, '');
  if (p.endsWith('.*')) return 'family';
  return p.includes('/') ? 'path' : 'domain';
}

/**
 * The canonical form of a pattern, or a sentence saying what is wrong with it. Forgiving with
 * what people paste (scheme, `www.`, upper case, trailing slash, Unicode domains become
 * punycode); strict about the result: one registrable-looking host, optionally a path prefix.
 */
export function normalizePattern(raw: string, kind: EntryKind): { pattern: string } | { error: string } {
  let p = raw.trim();
  if (kind === 'family') {
    p = p.toLowerCase();
    return FAMILY.test(p) ? { pattern: p } : { error: 'a family is one label followed by .* (such as rtde.*)' };
  }
  p = p.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = p.indexOf('/');
  const hostPart = (slash === -1 ? p : p.slice(0, slash)).toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
  const path = slash === -1 ? '' : p.slice(slash).replace(/\/+$/, '');
  const host = domainToASCII(hostPart);
  if (!host || !HOST.test(host) || host.length > 253) return { error: `"${hostPart}" is not a host name (such as example.org)` };
  if (kind === 'domain') {
    return path === '' ? { pattern: host } : { error: 'a domain entry has no path; use kind "path" for a domain with a path prefix' };
  }
  if (path === '' || !PATH.test(path)) return { error: 'a path entry is a host followed by a path prefix (such as t.me/channel)' };
  return { pattern: `${host}${path.toLowerCase()}` };
}

// Stored as given: a NUL or a lone surrogate is refused (an invalid row), never kept as U+FFFD.
const optionalText = (max: number) =>
  storableText(max)
    .nullish()
    .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()));

/** One entry from a request body or an import row; `pattern` comes out canonical. */
export const EntryInputSchema = z
  .object({
    pattern: storableText(400).pipe(z.string().min(1, 'must not be empty')),
    kind: z.enum(ENTRY_KINDS).optional(),
    category: z.enum(LIST_CATEGORIES),
    severity: z.number().min(0).max(1),
    entity: optionalText(120),
    note: optionalText(500),
    sourceUrl: storableText(2000)
      .pipe(z.url())
      .refine((u) => /^https?:/i.test(u), 'must be an http(s) URL')
      .nullish()
      .transform((v) => v ?? null),
  })
  .strict()
  .transform((e, ctx): EntryInput => {
    const kind = e.kind ?? inferKind(e.pattern.trim());
    const normalized = normalizePattern(e.pattern, kind);
    if ('error' in normalized) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: normalized.error });
      return z.NEVER;
    }
    return { pattern: normalized.pattern, kind, category: e.category, severity: e.severity, entity: e.entity, note: e.note, sourceUrl: e.sourceUrl };
  });

/** The key that identifies an entry within a list (two entries never share it). */
export function entryKey(e: Pick<EntryInput, 'pattern'>): string {
  return e.pattern;
}

/** The analysis engine's form of an entry. */
export function toListEntry(e: EntryInput): ListEntry {
  const base = { category: e.category, severity: e.severity, ...(e.entity ? { entity: e.entity } : {}), ...(e.note ? { note: e.note } : {}) };
  if (e.kind === 'family') return { ...base, family: e.pattern };
  if (e.kind === 'domain') return { ...base, domain: e.pattern };
  const slash = e.pattern.indexOf('/');
  return { ...base, domain: e.pattern.slice(0, slash), path: e.pattern.slice(slash) };
}

/** The entry form of a bundled list file's entry (domain/path/family fields). */
export function fromListEntry(e: ListEntry, sourceUrl: string | null): EntryInput {
  const kind: EntryKind = e.family ? 'family' : e.path ? 'path' : 'domain';
  const raw = e.family ?? `${e.domain ?? ''}${e.path ?? ''}`;
  const normalized = normalizePattern(raw, kind);
  return {
    pattern: 'pattern' in normalized ? normalized.pattern : raw,
    kind,
    category: e.category,
    severity: e.severity,
    entity: e.entity ?? null,
    note: e.note ?? null,
    sourceUrl,
  };
}
