import fc from 'fast-check';
import { encodeRequest } from '../support/fuzz-http.js';
import type { FuzzCredentials, FuzzIds } from '../support/fuzz-target.js';

/** One generated request, labelled so that failures group into classes. */
export interface FuzzCase {
  /** The route it aims at, as the controller declares it: `POST /v1/comments/:id/decision`. */
  route: string;
  /** Where the malformation is and what it is: `body:nul`, `query:date-out-of-range`, `framing:bad-content-length`. */
  kind: string;
  /** Which credential it carried: the route's own (`right`), none, garbage… */
  auth: string;
  method: string;
  /** The bytes sent, exactly. */
  bytes: Buffer;
  /** HEAD: the answer has no body. */
  head: boolean;
  /** The message is incomplete on purpose (a body shorter than its Content-Length): closing without an answer is fine. */
  incomplete: boolean;
}

export interface FuzzContext {
  port: number;
  credentials: FuzzCredentials;
  ids: FuzzIds;
}

type Credential = 'site' | 'moderator' | 'admin' | 'none' | 'metrics' | 'spare';

/** A JSON fragment written as-is (numbers JSON.stringify cannot write, invalid escapes, raw bytes). */
class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of `value` with RawJson fragments spliced in verbatim. */
function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The body as bytes. JSON text goes out as UTF-8, except that `\x80`-`\xff` written with the
 * marker U+F8xx (private use) become that raw byte: the only way to put invalid UTF-8 (a lone
 * surrogate's CESU bytes, a stray continuation byte) into an otherwise well-formed body.
 */
function bodyBytes(text: string): Buffer {
  const parts: Buffer[] = [];
  let plain = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code >= 0xf880 && code <= 0xf8ff) {
      parts.push(Buffer.from(plain, 'utf8'), Buffer.from([code - 0xf800]));
      plain = '';
    } else plain += ch;
  }
  parts.push(Buffer.from(plain, 'utf8'));
  return Buffer.concat(parts);
}
const rawByte = (b: number): string => String.fromCharCode(0xf800 + b);

/** Percent-encodes every byte outside unreserved characters (lone surrogates become U+FFFD, as UTF-8 would have it). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

// ---------------------------------------------------------------------------------------------
// Values

const utf16Unit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const OUT_OF_RANGE_DATES = [
  '0000-01-01T00:00:00Z',
  '0000-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z',
  '-000001-01-01T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '0001-01-01T00:00:00+14:00',
  '1000-01-01T00:00:00-12:00',
  '294277-01-01T00:00:00Z',
  '10000-01-01T00:00:00Z',
] as const;

const MALFORMED_DATES = [
  '2026-02-30T10:00:00Z',
  '2026-11-24T24:00:00Z',
  '2026-11-24T10:00:00+25:00',
  '2026-11-24T10:00:60Z',
  '2026-11-24T10:00:00',
  '2026-11-24',
  '2026-11-24T10:00:00.1234567890123Z',
  'yesterday',
  '1732442400',
  '',
  '2026-11-24T10:00:00Z\u0000',
] as const;

const dateValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...OUT_OF_RANGE_DATES).map((v) => ({ kind: 'date-out-of-range', value: v })) },
  { weight: 2, arbitrary: fc.constantFrom(...MALFORMED_DATES).map((v) => ({ kind: 'date-malformed', value: v })) },
  {
    weight: 1,
    arbitrary: fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => ({ kind: 'date-random', value: d.toISOString() })),
  },
);

const cursorValue = fc.oneof(
  fc.constantFrom('', '!!!', '====', 'null', 'eyJ9', '%00', '\u0000').map((v) => ({ kind: 'cursor-garbage', value: v })),
  fc.string({ maxLength: 60 }).map((v) => ({ kind: 'cursor-garbage', value: v })),
  fc
    .tuple(
      fc.constantFrom('score', 'oldest', 'newest', 'x'),
      fc.oneof(fc.double(), fc.constant(null), fc.string({ maxLength: 5 })),
      fc.oneof(fc.constantFrom(...OUT_OF_RANGE_DATES), fc.constantFrom('garbage', '', '0')),
      fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', '', '\u0000')),
    )
    .chain((t) => fc.subarray([...t], { minLength: 0 }).map((parts) => ({ kind: 'cursor-tampered', value: Buffer.from(JSON.stringify(parts)).toString('base64url') }))),
  // Well-formed cursors of the queue ([sort, key, receivedAt, id]) and the delivery log ([at, id]) whose date is out of range.
  fc
    .tuple(fc.constantFrom(...OUT_OF_RANGE_DATES, 'garbage'), fc.uuid(), fc.constantFrom<[string, unknown]>(['score', 0.5], ['oldest', null], ['newest', null], ['score', Number.MAX_VALUE]), fc.boolean())
    .map(([date, id, [sort, key], queue]) => ({ kind: 'cursor-date-out-of-range', value: Buffer.from(JSON.stringify(queue ? [sort, key, date, id] : [date, id])).toString('base64url') })),
  fc.jsonValue({ maxDepth: 3 }).map((v) => ({ kind: 'cursor-tampered', value: Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url') })),
  fc.integer({ min: 1000, max: 20_000 }).map((n) => ({ kind: 'cursor-overlong', value: 'A'.repeat(n) })),
);

const nastyStringValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\u0000'.repeat(50)).map((v) => ({ kind: 'nul', value: v })) },
  { weight: 3, arbitrary: fc.constantFrom('\ud800', 'x\udfff', '\udc00\ud800', 'a\ud83d').map((v) => ({ kind: 'lone-surrogate', value: v })) },
  { weight: 2, arbitrary: fc.string({ unit: utf16Unit, maxLength: 30 }).map((v) => ({ kind: 'random-utf16', value: v })) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map((v) => ({ kind: 'random-unicode', value: v })) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n', '\u202e', '\ufeff', '\u200b').map((v) => ({ kind: 'empty-or-invisible', value: v })) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty').map((v) => ({ kind: 'prototype-name', value: v })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom("' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '${jndi:ldap://x}', '%s%s%n', '\\', '"').map((v) => ({ kind: 'injection-text', value: v })),
  },
  { weight: 2, arbitrary: fc.integer({ min: 201, max: 40_000 }).map((n) => ({ kind: 'overlong', value: 'ä'.repeat(n) })) },
);

/** A value for any JSON field: of the wrong type, huge, nested, or a nasty string. */
const nastyJsonValue: fc.Arbitrary<{ kind: string; value: unknown }> = fc.oneof(
  { weight: 4, arbitrary: nastyStringValue },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom<unknown>(null, true, false, 0, -1, 1.5, [], {}, [null], { a: 1 }, [[[]]], '1', 'true', 'null')
      .map((v) => ({ kind: 'wrong-type', value: v })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('1e999', '-1e999', '123456789012345678901234567890', '-0', '1e-400', '9007199254740993', '0.1e+309', '1E308', '-9223372036854775809')
      .map((v) => ({ kind: 'huge-number', value: new RawJson(v) })),
  },
  { weight: 1, arbitrary: fc.double().map((v) => ({ kind: 'huge-number', value: v })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('"\\ud800"', '"a\\udfffb"', '"\\udc00\\ud800"', '"\\u0000"', '"\\uD83D"')
      .map((v) => ({ kind: v.includes('0000') ? 'nul' : 'lone-surrogate', value: new RawJson(v) })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(`"a${rawByte(0xed)}${rawByte(0xa0)}${rawByte(0x80)}b"`, `"${rawByte(0xff)}"`, `"${rawByte(0xc3)}"`, `"${rawByte(0x80)}x"`, `"${rawByte(0xf4)}${rawByte(0x90)}${rawByte(0x80)}${rawByte(0x80)}"`)
      .map((v) => ({ kind: 'invalid-utf8', value: new RawJson(v) })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 60_000 }).map((depth) => ({ kind: 'deep-nesting', value: new RawJson(`${'['.repeat(depth)}${']'.repeat(depth)}`) })),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 20_000 }).map((depth) => ({ kind: 'deep-nesting', value: new RawJson(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"__proto__":null}', '[{"__proto__":{"x":1}}]')
      .map((v) => ({ kind: 'prototype-keys', value: new RawJson(v) })),
  },
  { weight: 2, arbitrary: dateValue },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => ({ kind: 'random-json', value: v })) },
);

const nastyQueryValue: fc.Arbitrary<{ kind: string; value: string }> = fc.oneof(
  { weight: 4, arbitrary: nastyStringValue.map((v) => ({ ...v, value: percentEncode(v.value) })) },
  { weight: 3, arbitrary: dateValue.map((v) => ({ ...v, value: percentEncode(v.value) })) },
  { weight: 2, arbitrary: cursorValue.map((v) => ({ ...v, value: percentEncode(v.value) })) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%FF', '%C3', '%00', '%%', '%u0041', '%2', '%GG').map((v) => ({ kind: 'bad-percent-escape', value: v })),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom('1e999', '-1', '0', '1.5', 'NaN', 'Infinity', '-Infinity', '0x10', '1e3', '99999999999999999999999', '', '+1', ' 1', '1,2')
      .map((v) => ({ kind: 'bad-number', value: percentEncode(v) })),
  },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'TRUE', '1', 'yes', '').map((v) => ({ kind: 'bad-boolean', value: v })) },
);

const uuidish = fc.oneof(
  fc.uuid(),
  fc.constant('00000000-0000-0000-0000-000000000000'),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => `${u.slice(0, -1)}g`),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `{${u}}`),
);

const nastyPathSegment: fc.Arbitrary<{ kind: string; value: string }> = fc.oneof(
  { weight: 3, arbitrary: nastyStringValue.map((v) => ({ ...v, value: percentEncode(v.value) })) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%FF', '%C3', '%%', '%2', '%GG', 'a%').map((v) => ({ kind: 'bad-percent-escape', value: v })),
  },
  { weight: 2, arbitrary: fc.constantFrom('%00', 'a%00b', '%00%00').map((v) => ({ kind: 'nul', value: v })) },
  { weight: 2, arbitrary: fc.integer({ min: 90, max: 12_000 }).map((n) => ({ kind: 'overlong-param', value: 'a'.repeat(n) })) },
  { weight: 2, arbitrary: uuidish.map((v) => ({ kind: 'bad-id', value: v })) },
  { weight: 1, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '%2F', 'a%2Fb', '', '%20', '~', '*').map((v) => ({ kind: 'path-trick', value: v })) },
  // Raw bytes above 0x7f in the request target (not percent-encoded): latin1 strings write them as such.
  { weight: 1, arbitrary: fc.constantFrom('\xe4', '\xff\xfe', '\xc3\xa4', '\xed\xa0\x80').map((v) => ({ kind: 'raw-non-ascii', value: v })) },
);

const DATE_KEY = /^(from|to|since|until|createdAt)$/;
const NUMBER_KEY = /^(limit|minScore|wait|count|leaseSeconds|severity)$/;

/** A bad value for a query key, mostly of the kind the key is about (dates for `from`, cursors for `cursor`). */
function queryValueFor(key: string): fc.Arbitrary<{ kind: string; value: string }> {
  const typed = DATE_KEY.test(key) ? dateValue.map((v) => ({ ...v, value: percentEncode(v.value) })) : key === 'cursor' ? cursorValue.map((v) => ({ ...v, value: percentEncode(v.value) })) : null;
  return typed ? fc.oneof({ weight: 3, arbitrary: typed }, { weight: 1, arbitrary: nastyQueryValue }) : nastyQueryValue;
}

/** A bad value for a JSON field, mostly of the kind the field is about. */
function jsonValueFor(key: string): fc.Arbitrary<{ kind: string; value: unknown }> {
  if (DATE_KEY.test(key)) return fc.oneof({ weight: 3, arbitrary: dateValue }, { weight: 1, arbitrary: nastyJsonValue });
  if (NUMBER_KEY.test(key)) {
    const numbers = fc.constantFrom('1e999', '-1e999', '123456789012345678901234567890', '-0', '1e-400', '0.5', '-1', '1e308').map((v) => ({ kind: 'huge-number', value: new RawJson(v) }));
    return fc.oneof({ weight: 2, arbitrary: numbers }, { weight: 2, arbitrary: nastyJsonValue });
  }
  return nastyJsonValue;
}

/** The object in `copy` at the place `original` holds `needle`. */
function findCopy(original: unknown, copy: unknown, needle: unknown): unknown {
  if (original === needle) return copy;
  if (original && typeof original === 'object') {
    for (const k of Object.keys(original)) {
      const found = findCopy((original as Record<string, unknown>)[k], (copy as Record<string, unknown>)[k], needle);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Routes

interface RouteSpec {
  method: string;
  path: string;
  credential: Credential;
  /** Realistic values (already encoded) for each :param. */
  params?: Record<string, fc.Arbitrary<string>>;
  /** Realistic values (already encoded) for the known query keys; the first key is set by default when `defaultQuery` says so. */
  query?: Record<string, fc.Arbitrary<string>>;
  /** A near-valid JSON body. */
  body?: fc.Arbitrary<Record<string, unknown>>;
  /** Takes text/csv after authentication (list imports). */
  csv?: boolean;
}

const isoNow = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString();
const smallText = fc.string({ minLength: 1, maxLength: 30 });

// Domains the fuzzer may put into lists. None of them occurs in the kept site's comments (nor
// imitates a domain there), so valid list changes cannot re-score the comments whose verdicts
// the test compares.
const FUZZ_DOMAINS = ['fuzz-one.example', 'fuzz-two.example', 'fuzz-target-only.example', 'xn--fuzz-9ra.example', 'fuzz.example/path'];

function routes(ctx: FuzzContext): RouteSpec[] {
  const { ids } = ctx;
  const commentId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids.commentIds) }, { weight: 1, arbitrary: fc.uuid() });
  const siteId = fc.oneof({ weight: 3, arbitrary: fc.constant(ids.siteId) }, { weight: 1, arbitrary: fc.uuid() });
  const listId = fc.oneof({ weight: 3, arbitrary: fc.constant(ids.listId) }, { weight: 1, arbitrary: fc.constantFrom('fuzz-list-2', 'no-such-list') });
  const comment = fc.record(
    {
      externalId: fc.oneof(fc.constantFrom(...ids.externalIds), fc.uuid().map((u) => `fuzz-${u}`)),
      text: fc.oneof(fc.constantFrom('Ein Kommentar.', 'WIR MÜSSEN WÄHLEN!!! https://fuzz-one.example/x', 'Siehe https://bit.ly/abc'), smallText),
      articleUrl: fc.constantFrom('https://zeitung.example/artikel/1', 'http://127.0.0.1/a'),
      author: fc.record({ id: fc.constantFrom(...ids.authorIds), name: fc.constantFrom('Leser', 'Ä') }, { requiredKeys: [] }),
      parentExternalId: fc.constantFrom(...ids.externalIds),
      createdAt: fc.constant(isoNow(-1)),
      language: fc.constantFrom('de', 'en-GB'),
    },
    { requiredKeys: ['externalId', 'text'] },
  );
  const filter = fc.record(
    {
      site: siteId,
      status: fc.constantFrom('pending', 'flagged', 'approved', 'rejected', 'escalated'),
      reason: fc.constantFrom('link.listed', 'text.shouting'),
      domain: fc.constantFrom('rt.com', 'fuzz-one.example'),
      from: fc.constant(isoNow(-3)),
      to: fc.constant(isoNow(1)),
      minScore: fc.double({ min: 0, max: 1, noNaN: true }),
      q: smallText,
      sort: fc.constantFrom('score', 'oldest', 'newest'),
    },
    { requiredKeys: [] },
  );
  const entry = fc.record(
    {
      pattern: fc.constantFrom(...FUZZ_DOMAINS),
      kind: fc.constantFrom('domain', 'path', 'family'),
      category: fc.constantFrom('state_media', 'unreliable', 'shortener'),
      severity: fc.double({ min: 0, max: 1, noNaN: true }),
      entity: fc.constantFrom('Fuzz TV', null),
      note: smallText,
      sourceUrl: fc.constantFrom('https://quelle.example/a', null),
    },
    { requiredKeys: ['pattern', 'category', 'severity'] },
  );
  const endpoint = fc.record(
    {
      url: fc.constantFrom(`http://127.0.0.1:${ctx.port}/health/live`, 'http://127.0.0.1:9/hook', 'http://[::1]:9/x'),
      eventTypes: fc.subarray(['comment.verdict', 'comment.decision', 'comment.rescored'], { minLength: 1 }),
      enabled: fc.boolean(),
      description: fc.oneof(smallText, fc.constant(null)),
    },
    { requiredKeys: ['url'] },
  );
  const q = (key: string, arb: fc.Arbitrary<string>) => ({ [key]: arb.map(percentEncode) });
  const dates = { ...q('from', fc.constant(isoNow(-2))), ...q('to', fc.constant(isoNow(1))) };
  const window = { ...q('since', fc.constant(isoNow(-2))), ...q('until', fc.constant(isoNow(0))), ...q('siteId', siteId) };
  const decisionBody = fc.record({ action: fc.constantFrom('approve', 'reject', 'escalate'), reason: fc.constantFrom('spam', 'other', 'hate'), note: smallText }, { requiredKeys: ['action'] });

  return [
    { method: 'GET', path: '/health/live', credential: 'none' },
    { method: 'GET', path: '/health/ready', credential: 'none' },
    { method: 'GET', path: '/metrics', credential: 'metrics' },
    { method: 'GET', path: '/docs', credential: 'none' },
    { method: 'GET', path: '/docs/openapi.json', credential: 'none' },
    { method: 'GET', path: '/moderate', credential: 'none' },
    { method: 'GET', path: '/moderate/app.js', credential: 'none' },
    { method: 'GET', path: '/no/such/route', credential: 'none' },
    { method: 'POST', path: '/v1/auth/login', credential: 'none', body: fc.record({ email: fc.constantFrom('fuzz-mod@example.org', 'nobody@example.org', 'FUZZ-ADMIN@example.org'), password: smallText }) },
    { method: 'POST', path: '/v1/auth/session', credential: 'none', body: fc.record({ email: fc.constantFrom('fuzz-mod@example.org', 'nobody@example.org'), password: smallText }) },
    { method: 'GET', path: '/v1/auth/me', credential: 'moderator' },
    { method: 'POST', path: '/v1/auth/logout', credential: 'spare' },
    { method: 'POST', path: '/v1/comments', credential: 'site', body: comment, query: q('wait', fc.constantFrom('0', '10', '200')) },
    { method: 'POST', path: '/v1/comments/batch', credential: 'site', body: fc.record({ comments: fc.array(comment, { minLength: 1, maxLength: 4 }) }) },
    { method: 'GET', path: '/v1/comments', credential: 'site', query: q('externalId', fc.constantFrom(...ids.externalIds)) },
    { method: 'GET', path: '/v1/comments/:id', credential: 'site', params: { id: commentId } },
    {
      method: 'GET',
      path: '/v1/review/queue',
      credential: 'moderator',
      query: {
        ...dates,
        ...q('status', fc.constantFrom('flagged', 'pending', 'escalated')),
        ...q('sort', fc.constantFrom('score', 'oldest', 'newest')),
        ...q('limit', fc.constantFrom('1', '25', '100')),
        ...q('cursor', fc.constant(Buffer.from(JSON.stringify(['score', 0.5, isoNow(-1), ids.commentIds[0]])).toString('base64url'))),
        ...q('site', siteId),
        ...q('minScore', fc.constantFrom('0', '0.5')),
        ...q('q', smallText),
        ...q('domain', fc.constant('rt.com')),
        ...q('authorId', fc.constantFrom(...ids.authorIds)),
      },
    },
    { method: 'POST', path: '/v1/review/claim', credential: 'moderator', body: fc.record({ filter, count: fc.integer({ min: 1, max: 50 }), leaseSeconds: fc.integer({ min: 30, max: 900 }) }, { requiredKeys: [] }) },
    { method: 'POST', path: '/v1/review/release', credential: 'moderator', body: fc.record({ ids: fc.array(commentId, { minLength: 1, maxLength: 3 }) }) },
    { method: 'POST', path: '/v1/review/decisions', credential: 'moderator', body: fc.tuple(fc.array(commentId, { minLength: 1, maxLength: 3 }), decisionBody).map(([ids_, d]) => ({ ids: ids_, ...d })) },
    { method: 'GET', path: '/v1/review/authors/:authorId', credential: 'moderator', params: { authorId: fc.constantFrom(...ids.authorIds).map(percentEncode) }, query: q('site', siteId) },
    { method: 'GET', path: '/v1/review/stats', credential: 'moderator', query: { ...dates, ...q('site', siteId) } },
    { method: 'POST', path: '/v1/comments/:id/decision', credential: 'moderator', params: { id: commentId }, body: decisionBody },
    { method: 'GET', path: '/v1/comments/:id/audit', credential: 'moderator', params: { id: commentId } },
    { method: 'POST', path: '/v1/decisions/:decisionId/undo', credential: 'moderator', params: { decisionId: ids.decisionId ? fc.oneof(fc.constant(ids.decisionId), fc.uuid()) : fc.uuid() } },
    { method: 'GET', path: '/v1/domains/top', credential: 'moderator', query: { ...window, ...q('limit', fc.constantFrom('1', '50', '200')), ...q('rising', fc.constantFrom('true', 'false')) } },
    { method: 'GET', path: '/v1/domains/:domain', credential: 'moderator', params: { domain: fc.constantFrom('rt.com', 'fuzz-one.example', 'xn--80ak6aa92e.com') }, query: window },
    { method: 'GET', path: '/v1/lists', credential: 'admin' },
    {
      method: 'POST',
      path: '/v1/lists',
      credential: 'admin',
      body: fc.record({ id: fc.constantFrom('fuzz-list', 'fuzz-list-2'), name: smallText, description: smallText, source: smallText, license: fc.constantFrom('CC0', null) }, { requiredKeys: ['id', 'name'] }),
    },
    {
      method: 'GET',
      path: '/v1/lists/entries',
      credential: 'admin',
      query: { ...q('q', smallText), ...q('category', fc.constantFrom('state_media', 'unreliable')), ...q('kind', fc.constantFrom('domain', 'path')), ...q('limit', fc.constantFrom('1', '500')), ...q('cursor', smallText) },
    },
    { method: 'GET', path: '/v1/lists/rescore-jobs', credential: 'admin', query: q('limit', fc.constantFrom('1', '100')) },
    { method: 'GET', path: '/v1/lists/rescore-jobs/:id', credential: 'admin', params: { id: ids.rescoreJobId ? fc.oneof(fc.constant(ids.rescoreJobId), fc.uuid()) : fc.uuid() } },
    { method: 'GET', path: '/v1/lists/:id', credential: 'admin', params: { id: listId } },
    {
      method: 'PATCH',
      path: '/v1/lists/:id',
      credential: 'admin',
      params: { id: listId },
      body: fc.record({ name: smallText, description: fc.oneof(smallText, fc.constant(null)), enabled: fc.boolean(), license: smallText, source: smallText }, { requiredKeys: [] }),
    },
    { method: 'DELETE', path: '/v1/lists/:id', credential: 'admin', params: { id: fc.constantFrom('fuzz-list-2', 'no-such-list') } },
    { method: 'GET', path: '/v1/lists/:id/entries', credential: 'admin', params: { id: listId }, query: { ...q('q', smallText), ...q('limit', fc.constantFrom('1', '100')), ...q('cursor', smallText) } },
    { method: 'POST', path: '/v1/lists/:id/entries', credential: 'admin', params: { id: listId }, body: entry },
    {
      method: 'PATCH',
      path: '/v1/lists/:id/entries/:entryId',
      credential: 'admin',
      params: { id: listId, entryId: fc.oneof(fc.constant(ids.entryId), fc.uuid()) },
      body: fc.record({ category: fc.constantFrom('unreliable', 'satire'), severity: fc.double({ min: 0, max: 1, noNaN: true }), entity: smallText, note: smallText, sourceUrl: fc.constantFrom('https://quelle.example/b', null) }, { requiredKeys: [] }),
    },
    { method: 'DELETE', path: '/v1/lists/:id/entries/:entryId', credential: 'admin', params: { id: listId, entryId: fc.uuid() } },
    {
      method: 'POST',
      path: '/v1/lists/:id/import',
      credential: 'admin',
      params: { id: listId },
      query: { ...q('mode', fc.constantFrom('merge', 'replace')), ...q('dryRun', fc.constantFrom('true', 'false')), ...q('format', fc.constantFrom('csv', 'json')) },
      body: fc.record({ entries: fc.array(entry, { maxLength: 3 }) }),
      csv: true,
    },
    { method: 'GET', path: '/v1/lists/:id/export', credential: 'admin', params: { id: listId }, query: q('format', fc.constantFrom('csv', 'json')) },
    { method: 'GET', path: '/v1/sites/:siteId/list-settings', credential: 'admin', params: { siteId } },
    {
      method: 'PUT',
      path: '/v1/sites/:siteId/list-settings',
      credential: 'admin',
      params: { siteId },
      body: fc.record({ lists: fc.oneof(fc.constant(null), fc.subarray(['fuzz-list', 'loupe-de', 'cred-1'])), severityOverrides: fc.record({ state_media: fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: [] }) }, { requiredKeys: ['lists'] }),
    },
    { method: 'GET', path: '/v1/sites/:siteId/incivility-settings', credential: 'admin', params: { siteId } },
    {
      method: 'PUT',
      path: '/v1/sites/:siteId/incivility-settings',
      credential: 'admin',
      params: { siteId },
      body: fc.record({ thresholds: fc.record({ 'text.insult': fc.double({ min: 0, max: 1, noNaN: true }) }, { requiredKeys: [] }), disabled: fc.subarray(['text.insult', 'text.threat']) }, { requiredKeys: [] }),
    },
    { method: 'POST', path: '/v1/sites/:siteId/allowlist', credential: 'admin', params: { siteId }, body: fc.record({ domain: fc.constantFrom(...FUZZ_DOMAINS), note: smallText }, { requiredKeys: ['domain'] }) },
    { method: 'DELETE', path: '/v1/sites/:siteId/allowlist/:domain', credential: 'admin', params: { siteId, domain: fc.constantFrom(...FUZZ_DOMAINS).map(percentEncode) } },
    { method: 'POST', path: '/v1/webhooks/endpoints', credential: 'site', body: endpoint },
    { method: 'GET', path: '/v1/webhooks/endpoints', credential: 'site' },
    { method: 'GET', path: '/v1/webhooks/endpoints/:id', credential: 'site', params: { id: fc.oneof(fc.constant(ids.endpointId), fc.uuid()) } },
    {
      method: 'PATCH',
      path: '/v1/webhooks/endpoints/:id',
      credential: 'site',
      params: { id: fc.oneof(fc.constant(ids.endpointId), fc.uuid()) },
      body: fc.record({ enabled: fc.boolean(), description: smallText, eventTypes: fc.constant(['comment.verdict']) }, { requiredKeys: [] }),
    },
    { method: 'DELETE', path: '/v1/webhooks/endpoints/:id', credential: 'site', params: { id: fc.uuid() } },
    { method: 'POST', path: '/v1/webhooks/endpoints/:id/rotate-secret', credential: 'site', params: { id: fc.oneof(fc.constant(ids.endpointId), fc.uuid()) } },
    {
      method: 'GET',
      path: '/v1/webhooks/endpoints/:id/deliveries',
      credential: 'site',
      params: { id: fc.oneof(fc.constant(ids.endpointId), fc.uuid()) },
      query: {
        ...q('eventType', fc.constant('comment.verdict')),
        ...q('success', fc.constantFrom('true', 'false')),
        ...dates,
        ...q('limit', fc.constantFrom('1', '200')),
        ...q('cursor', fc.constant(Buffer.from(JSON.stringify([isoNow(0), ids.endpointId])).toString('base64url'))),
      },
    },
    { method: 'POST', path: '/v1/webhooks/endpoints/:id/recover', credential: 'site', params: { id: fc.oneof(fc.constant(ids.endpointId), fc.uuid()) }, query: q('since', fc.constant(isoNow(-1))) },
    { method: 'POST', path: '/v1/webhooks/endpoints/:id/test', credential: 'site', params: { id: fc.oneof(fc.constant(ids.endpointId), fc.uuid()) } },
    { method: 'POST', path: '/v1/webhooks/deliveries/:id/retry', credential: 'site', params: { id: fc.uuid() } },
  ];
}

/** The routes the fuzzer covers, as `METHOD /path` (for the summary and a coverage check). */
export function routeNames(ctx: FuzzContext): string[] {
  return routes(ctx).map((r) => `${r.method} ${r.path}`);
}

// ---------------------------------------------------------------------------------------------
// Assembling requests

interface Parts {
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer | null;
  kind: string;
  auth: string;
  version?: string;
  incomplete?: boolean;
  /** Framing cases write their own Content-Length / Transfer-Encoding / Host. */
  raw?: Buffer;
}

function authHeaders(ctx: FuzzContext, credential: Credential): [string, string][] {
  const c = ctx.credentials;
  switch (credential) {
    case 'site':
      return [['Authorization', `Bearer ${c.siteKey}`]];
    case 'moderator':
      return [['Authorization', `Bearer ${c.moderatorToken}`]];
    case 'spare':
      return [['Authorization', `Bearer ${c.spareToken}`]];
    case 'admin':
      return [['Authorization', `Bearer ${c.adminToken}`]];
    case 'metrics':
      return [['Authorization', `Bearer ${c.metricsToken}`]];
    case 'none':
      return [];
  }
}

/** The credential to send: mostly the route's own, so the fuzz reaches validation behind authentication. */
function authVariant(ctx: FuzzContext, credential: Credential): fc.Arbitrary<{ auth: string; headers: [string, string][] }> {
  const c = ctx.credentials;
  const variants: fc.Arbitrary<{ auth: string; headers: [string, string][] }>[] = [
    fc.constant({ auth: 'none', headers: [] }),
    fc.constantFrom('Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', 'Bearer lpm_', 'Bearer loupe_', `Bearer ${c.siteKey}x`, `Bearer ${c.moderatorToken.slice(0, -1)}`, 'bearer  a b', `Bearer ${'k'.repeat(9000)}`).map((v) => ({ auth: 'garbage', headers: [['Authorization', v]] as [string, string][] })),
    fc.constantFrom(`Bearer ${c.siteKey}`, `Bearer ${c.adminToken}`).map((v) => ({ auth: 'other-kind', headers: [['Authorization', v]] as [string, string][] })),
    fc
      .constantFrom('loupe_session=%E0%A4%A', 'loupe_session=%', 'loupe_session=', 'loupe_session=%00', `loupe_session=${c.sessionCookie}; loupe_session=%zz`, 'a=b; ; ;=; loupe_session', `loupe_session=${'%FF'.repeat(2000)}`, 'loupe_session=\xff\xfe')
      .map((v) => ({ auth: 'bad-cookie', headers: [['Cookie', v]] as [string, string][] })),
    fc.constant({ auth: 'cookie-no-csrf', headers: [['Cookie', `loupe_session=${c.sessionCookie}`]] as [string, string][] }),
    fc.constant({ auth: 'cookie', headers: [['Cookie', `loupe_session=${c.sessionCookie}`], ['X-CSRF-Token', c.csrfToken]] as [string, string][] }),
    fc.constant({ auth: 'two-authorizations', headers: [...authHeaders(ctx, credential === 'none' ? 'site' : credential), ['Authorization', 'Bearer other']] as [string, string][] }),
  ];
  return fc.oneof({ weight: 12, arbitrary: fc.constant({ auth: 'right', headers: authHeaders(ctx, credential) }) }, ...variants.map((arbitrary) => ({ weight: 1, arbitrary })));
}

function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? 'x');
}

function queryString(pairs: [string, string][]): string {
  return pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

function routeArbitrary(ctx: FuzzContext, spec: RouteSpec): fc.Arbitrary<FuzzCase> {
  const paramNames = Object.keys(spec.params ?? {});
  const queryKeys = Object.keys(spec.query ?? {});
  const paramValues = fc.record(Object.fromEntries(paramNames.map((n) => [n, (spec.params as Record<string, fc.Arbitrary<string>>)[n] as fc.Arbitrary<string>])) as Record<string, fc.Arbitrary<string>>);
  const queryValues =
    queryKeys.length === 0
      ? fc.constant([] as [string, string][])
      : fc.subarray(queryKeys).chain((keys) => (keys.length === 0 ? fc.constant([] as [string, string][]) : fc.tuple(...keys.map((k) => (spec.query as Record<string, fc.Arbitrary<string>>)[k]!.map((v): [string, string] => [k, v])))));
  const bodyValue = spec.body ?? fc.constant(null);
  const base = fc.record({ params: paramValues, query: queryValues, body: bodyValue, auth: authVariant(ctx, spec.credential) });

  const build = (b: { params: Record<string, string>; query: [string, string][]; body: unknown; auth: { auth: string; headers: [string, string][] } }, m: Partial<Parts> & { kind: string }): Parts => {
    const body = m.body !== undefined ? m.body : b.body === null ? null : Buffer.from(toJsonText(b.body), 'utf8');
    const headers: [string, string][] = [...b.auth.headers];
    if (body !== null && !m.headers?.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);
    return {
      method: m.method ?? spec.method,
      target: m.target ?? `${fillPath(spec.path, b.params)}${queryString(b.query)}`,
      headers: [...headers, ...(m.headers ?? [])],
      body,
      kind: m.kind,
      auth: b.auth.auth,
      ...(m.raw ? { raw: m.raw } : {}),
      ...(m.incomplete ? { incomplete: true } : {}),
      ...(m.version ? { version: m.version } : {}),
    };
  };

  const mutations: { weight: number; arbitrary: fc.Arbitrary<Parts> }[] = [];
  mutations.push({ weight: 2, arbitrary: base.map((b) => build(b, { kind: 'valid' })) });

  if (paramNames.length > 0) {
    mutations.push({
      weight: 3,
      arbitrary: fc.tuple(base, fc.constantFrom(...paramNames), nastyPathSegment).map(([b, name, v]) => build({ ...b, params: { ...b.params, [name]: v.value } }, { kind: `path:${v.kind}` })),
    });
  }

  const queryMutation = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...(queryKeys.length > 0 ? queryKeys : ['x'])).chain((k) => queryValueFor(k).map((v) => ({ kind: `query:${v.kind}`, set: [[k, v.value]] as [string, string][] }))),
    },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'constructor[prototype][x]', '__proto__[x]', 'unknown', 'a[]').map((k) => ({ kind: 'query:prototype-or-unknown-key', set: [[k, '1']] as [string, string][] })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...(queryKeys.length > 0 ? queryKeys : ['x'])).map((k) => ({ kind: 'query:duplicated-key', set: [[k, '1'], [k, '2']] as [string, string][] })),
    },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '%', '%00', '%E0%A4%A', '%ED%A0%80').map((k) => ({ kind: 'query:bad-percent-escape-key', set: [[k, '1']] as [string, string][] })) },
    { weight: 1, arbitrary: fc.integer({ min: 2_000, max: 70_000 }).map((n) => ({ kind: 'query:overlong', set: [[queryKeys[0] ?? 'q', 'q'.repeat(n)]] as [string, string][] })) },
  );
  mutations.push({
    weight: queryKeys.length > 0 ? 4 : 1,
    arbitrary: fc.tuple(base, queryMutation).map(([b, m]) => {
      const replaced = new Set(m.set.map(([k]) => k));
      return build({ ...b, query: [...b.query.filter(([k]) => !replaced.has(k)), ...m.set] }, { kind: m.kind });
    }),
  });

  if (spec.body) {
    const fieldMutation = fc.tuple(base, fc.nat()).chain(([b, pick]) => {
      const body = structuredClone(b.body) as Record<string, unknown>;
      // A field at the top or one level down (author.id, filter.from, comments[0].text).
      const fields: [Record<string, unknown> | unknown[], string | number][] = [];
      for (const [k, val] of Object.entries(body)) {
        fields.push([body, k]);
        if (Array.isArray(val)) val.forEach((_, i) => fields.push([val, i]));
        else if (val && typeof val === 'object') for (const k2 of Object.keys(val)) fields.push([val as Record<string, unknown>, k2]);
      }
      for (const item of Array.isArray(body.comments) ? (body.comments as Record<string, unknown>[]) : []) for (const k of Object.keys(item)) fields.push([item, k]);
      const [holder, key] = fields.length > 0 ? (fields[pick % fields.length] as [Record<string, unknown>, string]) : [body, 'x'];
      return jsonValueFor(String(key)).map((v) => {
        const mutated = structuredClone(body);
        const target = holder === body ? mutated : findCopy(body, mutated, holder);
        (target as Record<string | number, unknown>)[key] = v.value;
        return build({ ...b, body: mutated }, { kind: `body:${v.kind}` });
      });
    });
    const wholeBody = fc.oneof(
      fc.constantFrom('[]', '123', '"text"', 'null', 'true', '[{}]', '1e999').map((t) => ({ kind: 'body:wrong-top-level-type', text: t })),
      fc.constantFrom('{', '{"a":}', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":1}/*c*/', '\ufeff{}', '{"a":1}{"b":2}', '{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"unterminated}').map((t) => ({ kind: 'body:malformed-json', text: t })),
      fc.constantFrom(`{"text":"${rawByte(0xff)}"}`, `${rawByte(0xfe)}${rawByte(0xff)}{}`, `{"externalId":"${rawByte(0xed)}${rawByte(0xa0)}${rawByte(0x80)}","text":"x"}`, `{"a":"${rawByte(0xc0)}${rawByte(0xaf)}"}`).map((t) => ({ kind: 'body:invalid-utf8', text: t })),
      fc.constantFrom('{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '{"__proto__":[]}').map((t) => ({ kind: 'body:prototype-keys', text: t })),
      fc.constantFrom('{"a":1,"a":2}', '{"text":"a","text":"b","externalId":"x","externalId":"y"}').map((t) => ({ kind: 'body:duplicate-keys', text: t })),
      fc.integer({ min: 1_000, max: 100_000 }).map((d) => ({ kind: 'body:deep-nesting', text: `${'['.repeat(d)}${']'.repeat(d)}` })),
      fc.integer({ min: 260 * 1024, max: 600 * 1024 }).map((n) => ({ kind: 'body:over-limit', text: `{"text":"${'a'.repeat(n)}"}` })),
      fc.constant({ kind: 'body:empty', text: '' }),
    );
    const protoKey = fc.tuple(base, fc.constantFrom('__proto__', 'constructor', 'prototype', 'unknownField', '')).map(([b, key]) => {
      const text = toJsonText(b.body);
      return build(b, { kind: 'body:prototype-or-unknown-key', body: Buffer.from(`{${JSON.stringify(key)}:{"polluted":1},${text.slice(1)}`, 'utf8') });
    });
    mutations.push({ weight: 8, arbitrary: fieldMutation });
    mutations.push({ weight: 3, arbitrary: fc.tuple(base, wholeBody).map(([b, w]) => build(b, { kind: w.kind, body: bodyBytes(w.text) })) });
    mutations.push({ weight: 1, arbitrary: protoKey });
  }

  if (spec.method !== 'GET' && spec.method !== 'DELETE') {
    const contentType = fc.constantFrom(
      'text/plain',
      'text/csv',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/json; charset="utf-16"',
      'APPLICATION/JSON',
      'application/problem+json',
      'application/vnd.loupe+json',
      'application/jsonx',
      '',
      ';',
      'application/json, text/csv',
      'text/csv; charset=utf-8',
    );
    mutations.push({
      weight: 2,
      arbitrary: fc.tuple(base, contentType).map(([b, ct]) => {
        const body = b.body === null ? Buffer.from('{}') : Buffer.from(toJsonText(b.body), 'utf8');
        return build(b, { kind: `content-type:${ct.split(/[;,]/)[0]?.trim().toLowerCase() || 'empty'}`, body, headers: [['Content-Type', ct]] });
      }),
    });
    // CSV is refused before authentication (its size limit is 16 MB); the import route parses it after.
    const csvBody = fc.oneof(
      fc.constantFrom('pattern,kind,category,severity\nfuzz-one.example,domain,unreliable,0.5\n', 'pattern\n', '', 'a,b\n"unterminated', '\ufeffpattern;category;severity\nfuzz-two.example;satire;0.1\n').map((t) => ({ kind: 'csv:small', text: t })),
      fc.integer({ min: 1_000, max: 16_000 }).map((n) => ({ kind: 'csv:adversarial-quotes', text: `pattern,category,severity\n"${'"",'.repeat(Math.floor(n / 3))}\n` })),
      fc.integer({ min: 1_000, max: 16_000 }).map((n) => ({ kind: 'csv:long-line', text: `pattern,category,severity\n${'a'.repeat(n)},unreliable,0.5\n` })),
      fc.constant({ kind: 'csv:invalid-utf8', text: `pattern,category,severity\n${rawByte(0xff)}.example,unreliable,0.5\n` }),
      fc.constant({ kind: 'csv:nul', text: 'pattern,category,severity\nfuzz\u0000.example,unreliable,0.5\n' }),
      fc.integer({ min: 400_000, max: 1_500_000 }).map((n) => ({ kind: 'csv:large', text: `pattern\n${'x'.repeat(n)}\n` })),
    );
    mutations.push({
      weight: spec.csv ? 5 : 1,
      arbitrary: fc.tuple(base, csvBody).map(([b, c]) => build(b, { kind: c.kind, body: bodyBytes(c.text), headers: [['Content-Type', 'text/csv']] })),
    });
  }

  const headerMutation = fc.oneof(
    fc.constantFrom<[string, string]>(['X-Request-Id', 'x'.repeat(5000)], ['X-Request-Id', '\xff\xfe'], ['X-Request-Id', ''], ['X-Request-Id', '../../../x'], ['X-Request-Id', '%00']).map((h) => ({ kind: 'header:request-id', headers: [h] })),
    fc.constantFrom<[string, string]>(['X-Forwarded-For', 'not an ip'], ['X-Forwarded-For', '1.2.3.4, ::1, %zz'], ['X-Forwarded-Proto', 'gopher'], ['Forwarded', 'for="[::1"']).map((h) => ({ kind: 'header:forwarded', headers: [h] })),
    fc.constantFrom<[string, string]>(['Accept', 'text/html'], ['Accept', '*/*;q=x'], ['Accept-Encoding', 'gzip;q=2, br, zstd, ' + 'x,'.repeat(500)], ['Accept-Language', '\xff']).map((h) => ({ kind: 'header:accept', headers: [h] })),
    fc.constantFrom<[string, string]>(['Expect', '100-continue'], ['Expect', 'nonsense'], ['Range', 'bytes=0-0'], ['If-None-Match', '*'], ['Upgrade', 'websocket'], ['Connection', 'upgrade, close']).map((h) => ({ kind: 'header:odd', headers: [h] })),
    fc.integer({ min: 4_000, max: 15_000 }).map((n) => ({ kind: 'header:big-cookie', headers: [['Cookie', `a=${'b'.repeat(n)}`] as [string, string]] })),
  );
  mutations.push({ weight: 2, arbitrary: fc.tuple(base, headerMutation).map(([b, h]) => build(b, { kind: h.kind, headers: h.headers })) });

  mutations.push({
    weight: 1,
    arbitrary: fc.tuple(base, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'SEARCH')).map(([b, method]) => build(b, { kind: `method:${method.toLowerCase()}`, method })),
  });

  mutations.push({ weight: 4, arbitrary: fc.tuple(base, framing).map(([b, f]) => f(build(b, { kind: 'framing' }), ctx.port)) });

  return fc.oneof(...mutations).map((parts) => toCase(`${spec.method} ${spec.path}`, parts, ctx.port));
}

/** Broken framing: written as raw bytes, Content-Length, Transfer-Encoding and Host as the case says. */
const framing: fc.Arbitrary<(p: Parts, port: number) => Parts> = fc.oneof(
  fc.constantFrom('abc', '-1', '1e3', ' 12 ', '99999999999999999999', '0x10', '', '+5', '5, 6', '1.0').map((cl) => (p: Parts, port: number) => withFraming(p, port, 'framing:bad-content-length', [['Content-Length', cl]], p.body ?? Buffer.from('{}'))),
  fc.constant((p: Parts, port: number) => {
    const body = p.body ?? Buffer.from('{}');
    return withFraming(p, port, 'framing:duplicated-content-length', [['Content-Length', String(body.length)], ['Content-Length', String(body.length + 1)]], body);
  }),
  fc.constant((p: Parts, port: number) => {
    const body = p.body ?? Buffer.from('{}');
    return withFraming(p, port, 'framing:content-length-and-chunked', [['Content-Length', String(body.length)], ['Transfer-Encoding', 'chunked']], chunked(body));
  }),
  fc.constantFrom('gzip', 'chunked, gzip', 'identity', 'chunked;q=1', 'xchunked', 'chunked, chunked').map((te) => (p: Parts, port: number) => withFraming(p, port, 'framing:odd-transfer-encoding', [['Transfer-Encoding', te]], chunked(p.body ?? Buffer.from('{}')))),
  fc.constant((p: Parts, port: number) => withFraming(p, port, 'framing:duplicated-transfer-encoding', [['Transfer-Encoding', 'chunked'], ['Transfer-Encoding', 'chunked']], chunked(p.body ?? Buffer.from('{}')))),
  fc
    .constantFrom('zz\r\n{}\r\n0\r\n\r\n', '2\r\n{}\r\n', '-1\r\n{}\r\n0\r\n\r\n', '2;ext=1\r\n{}\r\n0\r\n\r\n', 'ffffffffffffffffff\r\n{}\r\n0\r\n\r\n', '2\n{}\n0\n\n', '3\r\n{}\r\n0\r\n\r\n')
    .map((raw) => (p: Parts, port: number) => withFraming(p, port, 'framing:bad-chunks', [['Transfer-Encoding', 'chunked']], Buffer.from(raw, 'latin1'), raw === '2\r\n{}\r\n' || raw === '3\r\n{}\r\n0\r\n\r\n')),
  fc.constant((p: Parts, port: number) => {
    const body = p.body ?? Buffer.from('{}');
    return withFraming(p, port, 'framing:body-shorter-than-length', [['Content-Length', String(body.length + 10)]], body, true);
  }),
  fc.constant((p: Parts, port: number) => {
    const body = p.body ?? Buffer.from('{}');
    return withFraming(p, port, 'framing:body-longer-than-length', [['Content-Length', String(Math.max(0, body.length - 1))]], Buffer.concat([body, Buffer.from('garbage here\r\n\r\n')]));
  }),
  fc.constant((p: Parts, port: number) => withFraming(p, port, 'framing:missing-host', [], p.body, false, { host: null })),
  fc.constant((p: Parts, port: number) => withFraming(p, port, 'framing:duplicated-host', [['Host', 'other.example']], p.body)),
  fc.constantFrom('', 'a b', '[::1', '127.0.0.1:99999', '\xff', 'x'.repeat(300)).map((host) => (p: Parts, port: number) => withFraming(p, port, 'framing:bad-host', [], p.body, false, { host })),
  fc.integer({ min: 17_000, max: 80_000 }).map((n) => (p: Parts, port: number) => withFraming(p, port, 'framing:oversized-header', [['X-Big', 'b'.repeat(n)]], p.body)),
  fc.integer({ min: 200, max: 2_000 }).map((n) => (p: Parts, port: number) => withFraming(p, port, 'framing:many-headers', Array.from({ length: n }, (_, i) => [`X-H${i}`, 'v'.repeat(20)] as [string, string]), p.body)),
  fc.integer({ min: 17_000, max: 70_000 }).map((n) => (p: Parts, port: number) => withFraming({ ...p, target: `${p.target.split('?')[0]}?q=${'q'.repeat(n)}` }, port, 'framing:oversized-request-line', [], p.body)),
  fc.constantFrom('HTTP/1.2', 'HTTP/2.0', 'HTTP/1.1x', 'HTTP/0.9', 'http/1.1', 'HTTP/1.0').map((version) => (p: Parts, port: number) => withFraming({ ...p, version }, port, `framing:version-${version.toLowerCase()}`, [], p.body)),
  fc.constantFrom('get', 'G ET', 'FOO', 'GET\x00', '', 'CONNECT').map((method) => (p: Parts, port: number) => withFraming({ ...p, method }, port, 'framing:bad-method', [], p.body)),
  fc.constantFrom('http://127.0.0.1/health/live', '*', 'health/live', '//health//live', '/health/live#frag', '/\x00', '/ /', '/%').map((target) => (p: Parts, port: number) => withFraming({ ...p, target }, port, 'framing:odd-target', [], p.body)),
  fc
    .constantFrom<[string, string][]>([['X-Bad\x00', '1']], [['X Bad', '1']], [['X-Bad', 'a\x00b']], [['X-Bad', 'a\rb']], [['', 'empty name']], [['X-Fold', 'a\r\n b']], [['Host ', 'x']], [['X-(bad)', '1']])
    .map((headers) => (p: Parts, port: number) => withFraming(p, port, 'framing:bad-header-line', headers, p.body)),
  fc.constant((p: Parts, port: number) => ({ ...withFraming(p, port, 'framing:lf-only', [], p.body), raw: Buffer.from(encodeRequest(framed(p, port, [], p.body)).toString('latin1').replace(/\r\n/g, '\n'), 'latin1') })),
  fc.constant((p: Parts, port: number) => {
    const first = encodeRequest(framed(p, port, [], p.body));
    return { ...p, kind: 'framing:pipelined-garbage', raw: Buffer.concat([first, Buffer.from('NOT HTTP AT ALL\r\n\r\n', 'latin1')]) };
  }),
);

function chunked(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n0\r\n\r\n')]);
}

/** The request with its own Host (unless `host` is null) and the given framing headers, no Content-Length of ours. */
function framed(p: Parts, port: number, extra: [string, string][], body: Buffer | null, host: string | null = `127.0.0.1:${port}`): { method: string; target: string; headers: [string, string][]; body?: Buffer; version?: string } {
  const own = p.headers.filter(([n]) => !['host', 'content-length', 'transfer-encoding', 'connection'].includes(n.toLowerCase()));
  const framingHeaders = extra.some(([n]) => ['content-length', 'transfer-encoding'].includes(n.toLowerCase())) || body === null ? [] : ([['Content-Length', String(body.length)]] as [string, string][]);
  return {
    method: p.method,
    target: p.target,
    headers: [...(host === null ? [] : ([['Host', host]] as [string, string][])), ['Connection', 'close'], ...own, ...framingHeaders, ...extra],
    ...(body ? { body } : {}),
    ...(p.version ? { version: p.version } : {}),
  };
}

function withFraming(p: Parts, port: number, kind: string, extra: [string, string][], body: Buffer | null, incomplete = false, options: { host?: string | null } = {}): Parts {
  return { ...p, kind, incomplete, raw: encodeRequest(framed(p, port, extra, body, options.host === undefined ? `127.0.0.1:${port}` : options.host)) };
}

function toCase(route: string, p: Parts, port: number): FuzzCase {
  const bytes = p.raw ?? encodeRequest(framed(p, port, [], p.body));
  return { route, kind: p.kind, auth: p.auth, method: p.method, bytes, head: p.method === 'HEAD', incomplete: p.incomplete ?? false };
}

/** Every route, equally likely; within a route, the mix of mutations above. */
export function fuzzCases(ctx: FuzzContext): fc.Arbitrary<FuzzCase> {
  // Routes with more inputs get more requests: a bare GET has little to malform.
  const weight = (r: RouteSpec): number => 2 + Object.keys(r.params ?? {}).length + Math.ceil(Object.keys(r.query ?? {}).length / 2) + (r.body ? 2 : 0);
  return fc.oneof(...routes(ctx).map((spec) => ({ weight: weight(spec), arbitrary: routeArbitrary(ctx, spec) })));
}
