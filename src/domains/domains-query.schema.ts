import { domainToASCII } from 'node:url';
import { parse } from 'tldts';
import { z } from 'zod';
import { validationError } from '../platform/http/domain-error.js';
import { isDateInRange, isoDateTime, unstorable, uuidField } from '../platform/http/validation.js';

export const DEFAULT_WINDOW_HOURS = 24;
/**
 * Longest window. The previous window doubles what a request reads: on the 1M-comment review
 * seed (90 days), the top list reads 62 days of linked comments (143 000) in about 1 s for 31
 * days, against 15 ms for the default 24 h and 150 ms for 7 days.
 */
export const MAX_WINDOW_DAYS = 31;
export const MAX_TOP_LIMIT = 200;

const windowShape = {
  since: isoDateTime().optional(),
  until: isoDateTime().optional(),
  siteId: uuidField('a site id').optional(),
};

/** GET /v1/domains/top. Unknown keys are refused (a typo must not silently widen the answer). */
export const TopQuerySchema = z
  .object({
    ...windowShape,
    limit: z.coerce
      .number({ error: `must be a whole number from 1 to ${MAX_TOP_LIMIT}` })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_TOP_LIMIT, `must be at most ${MAX_TOP_LIMIT}`)
      .default(50),
    rising: z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .optional()
      .transform((v) => v === 'true'),
  })
  .strict();
export type TopQuery = z.infer<typeof TopQuerySchema>;

/** GET /v1/domains/{domain}. */
export const DomainQuerySchema = z.object(windowShape).strict();
export type DomainQuery = z.infer<typeof DomainQuerySchema>;

// Lower-case ASCII labels of 1..63 letters, digits and inner hyphens; the last label not numeric
// (an IPv4 address has no registrable domain, and the engine stores none for it).
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

// The engine's own parse (src/analysis/links/normalize-host.ts): ICANN suffixes, no private ones.
const HOSTNAME_ONLY = { extractHostname: false, mixedInputs: false, validateHostname: false } as const;

/**
 * A domain from the path as the engine stores it (lower-case punycode, no trailing dot), or an
 * error message. A host below a registrable domain (`www.anti-spiegel.ru`) is refused with the
 * domain to ask for instead: links are counted by registrable domain only.
 */
export function normalizeDomain(input: string): { domain: string } | { error: string } {
  // A NUL or a lone surrogate is no domain; domainToASCII would otherwise be handed it.
  if (input.length > 300 || unstorable(input)) return { error: 'must be a domain name such as anti-spiegel.ru' };
  let host = input.trim().toLowerCase().replace(/\.$/, '');
  // eslint-disable-next-line no-control-regex -- any non-ASCII character means an IDN to convert
  if (/[^\x00-\x7f]/.test(host)) host = domainToASCII(host);
  if (!HOSTNAME.test(host)) return { error: 'must be a domain name such as anti-spiegel.ru' };
  const registrable = parse(host, HOSTNAME_ONLY).domain;
  if (registrable === null) return { error: `${host} is a public suffix, not a registrable domain` };
  if (registrable !== host) return { error: `must be a registrable domain: ${host} belongs to ${registrable}` };
  return { domain: host };
}

/** Parses the `{domain}` path segment or throws a 422 with pointer /domain. */
export function parseDomainOrThrow(input: string): string {
  const result = normalizeDomain(input);
  if ('domain' in result) return result.domain;
  throw validationError(`The domain is invalid: /domain ${result.error}.`, [{ pointer: '/domain', message: result.error }]);
}

/** A time window [since, until) and the same-length window just before it. */
export interface Window {
  since: Date;
  until: Date;
  previousSince: Date;
}

/**
 * until defaults to now, since to until − 24 h. since must come before until, and the window may
 * span at most MAX_WINDOW_DAYS.
 */
export function resolveWindow(query: { since?: string; until?: string }, now: Date): Window {
  const until = query.until ? new Date(query.until) : now;
  const since = query.since ? new Date(query.since) : new Date(until.getTime() - DEFAULT_WINDOW_HOURS * 3_600_000);
  const length = until.getTime() - since.getTime();
  if (length <= 0) {
    const pointer = query.until ? '/until' : '/since';
    const message = query.until ? 'must be after since' : 'must be before until (now)';
    throw validationError(`The query string is invalid: ${pointer} ${message}.`, [{ pointer, message }]);
  }
  if (length > MAX_WINDOW_DAYS * 86_400_000) {
    const message = `must be at most ${MAX_WINDOW_DAYS} days before until`;
    throw validationError(`The query string is invalid: /since ${message}.`, [{ pointer: '/since', message }]);
  }
  const previousSince = new Date(since.getTime() - length);
  // The previous window is compared too: it must not begin before the first date PostgreSQL reads as text.
  if (!isDateInRange(previousSince)) {
    const pointer = query.since ? '/since' : '/until';
    const message = 'must leave a window of the same length after 0001-01-01T00:00:00Z';
    throw validationError(`The query string is invalid: ${pointer} ${message}.`, [{ pointer, message }]);
  }
  return { since, until, previousSince };
}
