import { z } from 'zod';
import { isUuid } from '../uuid.js';
import { DomainError, validationError, type FieldError } from './domain-error.js';

/**
 * The one validation layer of the HTTP edge: path parameters, query strings and bodies are
 * checked here (zod schemas, the storable-text rule, ids, dates, cursors), so every feature
 * refuses the same inputs with the same 4xx problem.
 */

declare global {
  interface String {
    /** ES2024; Node ≥ 20 has it. */
    isWellFormed(): boolean;
  }
}

export { isUuid };

/**
 * Why a string cannot be stored, or null. PostgreSQL text cannot hold U+0000, and a lone
 * surrogate cannot be written as UTF-8: such strings make the database fail (a 500) or come
 * back changed (U+FFFD), so they are refused before they reach it.
 */
export function unstorable(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (!value.isWellFormed()) return 'must be well-formed Unicode (no lone surrogates)';
  return null;
}

/** A string of at most `max` characters that PostgreSQL can store as it is. */
export const storableText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .superRefine((s, ctx) => {
      const why = unstorable(s);
      if (why) ctx.addIssue({ code: 'custom', message: why });
    });

/** zod issues → RFC 6901 pointers, relative to `base` (e.g. `/comments/3`). */
export function fieldErrors(error: z.ZodError, base = ''): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const message = issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    return { pointer: base + path.map((p) => pointerSegment(String(p))).join(''), message };
  });
}

function pointerSegment(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function invalid(what: string, errors: FieldError[]): DomainError {
  return validationError(`${what} is invalid: ${errors.map((e) => `${e.pointer || '/'} ${e.message}`).join('; ')}.`, errors);
}

/** Parses or throws a 422 problem listing every invalid field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string, base = ''): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalid(what, fieldErrors(result.error, base));
}

// Deeper than any body Loupe accepts; a deeper one is refused rather than walked (stack depth).
const MAX_DEPTH = 64;

/**
 * The first string (value or key) in a parsed query string or JSON body that cannot be stored,
 * as a pointer into it; null when all can. Iterative, so a deeply nested body cannot exhaust
 * the stack.
 */
export function findUnstorable(value: unknown): FieldError | null {
  const stack: { value: unknown; pointer: string; depth: number }[] = [{ value, pointer: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      const why = unstorable(item.value);
      if (why) return { pointer: item.pointer, message: why };
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_DEPTH) return { pointer: item.pointer, message: `must not be nested deeper than ${MAX_DEPTH} levels` };
    const entries = Array.isArray(item.value) ? item.value.map((v, i) => [String(i), v] as const) : Object.entries(item.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const why = unstorable(key);
      if (why) return { pointer: item.pointer + pointerSegment(key), message: `this key ${why}` };
      stack.push({ value: child, pointer: item.pointer + pointerSegment(key), depth: item.depth + 1 });
    }
  }
  return null;
}

export type InputPart = 'path' | 'query' | 'body';

const PART_NAMES: Record<InputPart, string> = { path: 'The path', query: 'The query string', body: 'The request body' };

/**
 * Throws a 422 when a path parameter, the query string or the body holds a string PostgreSQL
 * cannot store. For a path parameter, `name` is its name and the pointer is `/<name>`.
 */
export function assertStorable(part: InputPart, value: unknown, name?: string): void {
  if (typeof value === 'string' && part === 'body') return assertStorableText(value);
  const found = findUnstorable(value);
  if (!found) return;
  const pointer = name === undefined ? found.pointer : pointerSegment(name) + found.pointer;
  throw invalid(PART_NAMES[part], [{ pointer, message: found.message }]);
}

// A text body (CSV) is reported by line, which is where its author looks.
function assertStorableText(text: string): void {
  const why = unstorable(text);
  if (!why) return;
  const at = text.includes('\u0000') ? text.indexOf('\u0000') : firstLoneSurrogate(text);
  const line = text.slice(0, at).split('\n').length;
  throw validationError(`The request body is invalid: line ${line} ${why}.`, [{ pointer: '', message: `line ${line} ${why}` }]);
}

function firstLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    else if (c >= 0xd800 && c <= 0xdfff) return i;
  }
  return text.length;
}

/** Longest path parameter any route accepts; the router's own limit (100) normally answers first. */
export const MAX_PATH_PARAM_LENGTH = 200;

/**
 * A path parameter that must be a UUID: anything else is "not found" (it cannot name a row),
 * never a database error. `notFoundError` says what was looked for.
 */
export function uuidParam(value: string, notFoundError: (shown: string) => DomainError): string {
  if (isUuid(value)) return value;
  throw notFoundError(shownParam(value));
}

/** A path parameter of free form (an author id, a list id): storable and at most `max` characters, else 422. */
export function textParam(value: string, name: string, max = MAX_PATH_PARAM_LENGTH): string {
  const why = value.length === 0 ? 'must not be empty' : value.length > max ? `must be at most ${max} characters` : unstorable(value);
  if (why) throw invalid(PART_NAMES.path, [{ pointer: pointerSegment(name), message: why }]);
  return value;
}

/** A parameter as a problem detail quotes it: an overlong one is cut, so the answer stays small. */
export function shownParam(value: string): string {
  return value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

/** A UUID in a query string or body. */
export const uuidField = (what: string) => z.uuid({ error: `must be ${what} (UUID)` });

/**
 * The instants every date input must lie in. PostgreSQL refuses the year 0000 and years of
 * five digits written as text, and JavaScript dates end at +275760: four-digit years are what
 * both sides agree on.
 */
export const MIN_DATE = new Date('0001-01-01T00:00:00.000Z');
export const MAX_DATE = new Date('9999-12-31T23:59:59.999Z');
const DATE_RANGE_MESSAGE = 'must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z';

export function isDateInRange(date: Date): boolean {
  const t = date.getTime();
  return Number.isFinite(t) && t >= MIN_DATE.getTime() && t <= MAX_DATE.getTime();
}

/** An ISO 8601 date-time with a time zone, in the range PostgreSQL and JavaScript share; kept as the string. */
export const isoDateTime = () =>
  z.iso
    .datetime({ offset: true, abort: true, error: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-24T10:00:00Z' })
    .refine((s) => isDateInRange(new Date(s)), DATE_RANGE_MESSAGE);

/** Like isoDateTime(), as a Date. */
export const isoDate = () => isoDateTime().transform((s) => new Date(s));

/**
 * A cursor of this API: base64url JSON of a tuple. Opaque to clients, so its shape promises
 * nothing; anything that does not decode to `shape` (garbage, a foreign cursor, a date out of
 * range) is a 422 with pointer `/cursor`, never a database error.
 */
export function encodeCursor(parts: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor<T>(value: string, shape: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw cursorError('not a cursor of this API');
  }
  const result = shape.safeParse(parsed);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw cursorError(issue?.code === 'custom' ? issue.message : 'not a cursor of this API');
}

/** The problem for a cursor that decodes but does not fit the request (another sort, say). */
export function cursorError(why: string): DomainError {
  return validationError(`The cursor is invalid: ${why}. Use nextCursor exactly as returned, with the same query.`, [{ pointer: '/cursor', message: why }]);
}

/** A date inside a cursor: an ISO string in range, as a Date. */
export const cursorDate = () =>
  z
    .string()
    .refine((s) => isDateInRange(new Date(s)), 'holds a date out of range')
    .transform((s) => new Date(s));

/** A cursor parameter whose decoded form must fit `shape`, checked with the rest of the query. */
export const cursorField = (shape: z.ZodType, max = 1000) =>
  storableText(max).refine((s) => {
    try {
      decodeCursor(s, shape);
      return true;
    } catch {
      return false;
    }
  }, 'is not a cursor this API returned');
