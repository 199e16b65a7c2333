import fc from 'fast-check';
import { exchange, type RawExchange, type RawResponse } from '../support/fuzz-http.js';
import { fuzzCases, type FuzzCase, type FuzzContext } from './generators.js';

/** A request slower than this fails (the issue's bound for any single request). */
export const MAX_REQUEST_MS = 2_000;
// How long a socket may stay open before we give up on it: long enough to measure how slow a
// slow request was, short enough that a hung one does not stall the run.
const SOCKET_DEADLINE_MS = 10_000;

export type FailureKind = '5xx' | 'not-problem+json' | 'problem-status-mismatch' | 'slow' | 'no-response' | 'timeout' | 'unparsable-response';

export interface FailureClass {
  /** route | kind of input | status | kind of failure */
  key: string;
  route: string;
  kind: string;
  status: number | null;
  failure: FailureKind;
  count: number;
  /** Malformed credentials some requests of the class carried (a bad cookie may be the cause). */
  auths: Set<string>;
  /** How many of them carried a malformed credential. */
  withMalformedAuth: number;
  /** The shortest request of the class, as sent. */
  example: FuzzCase;
  /** What was wrong with its answer (the body head, the logged error of a 500). */
  detail: string;
}

export interface CampaignResult {
  seed: number;
  runs: number;
  /** Requests tried per input class (`body:nul`) and per location (`body`). */
  byKind: Map<string, number>;
  byRoute: Map<string, number>;
  byStatus: Map<string, number>;
  failures: FailureClass[];
  slowestMs: number;
  elapsedMs: number;
}

interface Problem {
  failure: FailureKind;
  status: number | null;
  detail: string;
}

function bodyHead(body: Buffer): string {
  return body.subarray(0, 200).toString('utf8').replace(/\s+/g, ' ');
}

function checkProblem(c: FuzzCase, res: RawResponse): Problem | null {
  if (res.status < 400) return null;
  const contentType = res.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('application/problem+json')) {
    return { failure: 'not-problem+json', status: res.status, detail: `content-type "${contentType}", body ${JSON.stringify(bodyHead(res.body))}` };
  }
  if (c.head) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch {
    return { failure: 'not-problem+json', status: res.status, detail: `body is not JSON: ${JSON.stringify(bodyHead(res.body))}` };
  }
  const p = parsed as Record<string, unknown>;
  if (typeof p !== 'object' || p === null || typeof p.type !== 'string' || typeof p.title !== 'string' || typeof p.detail !== 'string' || typeof p.status !== 'number') {
    return { failure: 'not-problem+json', status: res.status, detail: `missing type/title/status/detail: ${JSON.stringify(bodyHead(res.body))}` };
  }
  if (p.status !== res.status) return { failure: 'problem-status-mismatch', status: res.status, detail: `body status ${String(p.status)}` };
  return null;
}

/** What is wrong with the answer to one request, if anything. */
export function judge(c: FuzzCase, x: RawExchange, loggedError: (requestId: string) => string | undefined): Problem[] {
  const problems: Problem[] = [];
  if (x.timedOut) problems.push({ failure: 'timeout', status: null, detail: `no end after ${SOCKET_DEADLINE_MS} ms` });
  else if (x.responses.length === 0 && !c.incomplete) {
    problems.push(x.rest.length > 0 ? { failure: 'unparsable-response', status: null, detail: JSON.stringify(x.rest.subarray(0, 200).toString('latin1')) } : { failure: 'no-response', status: null, detail: `closed without an answer${x.error ? ` (${x.error})` : ''}` });
  }
  for (const res of x.responses) {
    if (res.status >= 500) {
      let requestId = res.headers['x-request-id'] ?? '';
      try {
        requestId = String((JSON.parse(res.body.toString('utf8')) as { requestId?: string }).requestId ?? requestId);
      } catch {
        // not JSON: the header is all there is
      }
      problems.push({ failure: '5xx', status: res.status, detail: loggedError(requestId) ?? `body ${JSON.stringify(bodyHead(res.body))}` });
    } else {
      const p = checkProblem(c, res);
      if (p) problems.push(p);
    }
  }
  if (!x.timedOut && x.elapsedMs > MAX_REQUEST_MS) problems.push({ failure: 'slow', status: x.responses[0]?.status ?? null, detail: `${Math.round(x.elapsedMs)} ms` });
  return problems;
}

// Credentials that are themselves malformed. With an otherwise valid request the credential is
// the input under test; else the class keeps the input's kind and lists the credentials seen.
const MALFORMED_AUTH = new Set(['bad-cookie', 'garbage', 'two-authorizations']);

function inputOf(c: FuzzCase): string {
  return c.kind === 'valid' && c.auth !== 'right' ? `auth:${c.auth}` : c.kind;
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export interface CampaignOptions {
  seed: number;
  runs: number;
  /** Requests in flight at once (default 1: every timing is the request's own). */
  concurrency?: number;
  loggedError?: (requestId: string) => string | undefined;
  /** Called after every request, e.g. to sample the service's memory. */
  onRequest?: (done: number) => void;
}

const BATCH = 250;

/**
 * Sends `runs` generated requests (deterministic for a seed: batch i is sampled with seed + i)
 * and groups what went wrong by route, kind of input, status and kind of failure. After a
 * timeout or a slow answer it waits for /health/live to answer quickly again, so that one
 * blocked event loop is one failure and not the next hundred.
 */
export async function runCampaign(ctx: FuzzContext, options: CampaignOptions): Promise<CampaignResult> {
  const started = performance.now();
  const byKind = new Map<string, number>();
  const byRoute = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const failures = new Map<string, FailureClass>();
  let slowestMs = 0;
  let done = 0;
  const arbitrary = fuzzCases(ctx);
  const concurrency = options.concurrency ?? 1;

  const one = async (c: FuzzCase): Promise<void> => {
    const x = await exchange(ctx.port, c.bytes, { timeoutMs: SOCKET_DEADLINE_MS, head: c.head, halfClose: c.incomplete });
    slowestMs = Math.max(slowestMs, x.elapsedMs);
    bump(byKind, inputOf(c));
    if (c.auth !== 'right' && c.kind !== 'valid') bump(byKind, `auth:${c.auth}`);
    bump(byKind, `${inputOf(c).split(':')[0]}:*`);
    bump(byRoute, c.route);
    bump(byStatus, x.responses.length > 0 ? x.responses.map((r) => r.status).join('+') : x.timedOut ? 'timeout' : 'closed');
    const problems = judge(c, x, options.loggedError ?? (() => undefined));
    for (const p of problems) {
      const key = `${c.route} | ${inputOf(c)} | ${p.status ?? '-'} | ${p.failure}`;
      const known = failures.get(key);
      if (!known) failures.set(key, { key, route: c.route, kind: inputOf(c), status: p.status, failure: p.failure, count: 1, auths: new Set(MALFORMED_AUTH.has(c.auth) ? [c.auth] : []), withMalformedAuth: MALFORMED_AUTH.has(c.auth) ? 1 : 0, example: c, detail: p.detail });
      else {
        known.count++;
        if (MALFORMED_AUTH.has(c.auth)) {
          known.auths.add(c.auth);
          known.withMalformedAuth++;
        }
        if (c.bytes.length < known.example.bytes.length) {
          known.example = c;
          known.detail = p.detail;
        }
      }
    }
    if (problems.some((p) => p.failure === 'timeout' || p.failure === 'slow')) await waitUntilResponsive(ctx.port);
    done++;
    options.onRequest?.(done);
  };

  for (let batch = 0; batch * BATCH < options.runs; batch++) {
    const cases = fc.sample(arbitrary, { seed: options.seed + batch, numRuns: Math.min(BATCH, options.runs - batch * BATCH) });
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < cases.length) await one(cases[next++] as FuzzCase);
      }),
    );
  }
  return { seed: options.seed, runs: done, byKind, byRoute, byStatus, failures: [...failures.values()].sort((a, b) => a.key.localeCompare(b.key)), slowestMs, elapsedMs: performance.now() - started };
}

async function waitUntilResponsive(port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  const probe = Buffer.from(`GET /health/live HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  while (Date.now() < deadline) {
    const x = await exchange(port, probe, { timeoutMs: 5_000 });
    if (x.responses[0]?.status === 200 && x.elapsedMs < 500) return;
  }
}

/** A request as readable text: printable ASCII kept, everything else escaped, long runs shortened. */
export function showRequest(bytes: Buffer, max = 600): string {
  let text = '';
  for (const b of bytes) {
    if (b === 0x0d) text += '\\r';
    else if (b === 0x0a) text += '\\n\n';
    else if (b >= 0x20 && b < 0x7f) text += String.fromCharCode(b);
    else text += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  text = text.replace(/(.)\1{40,}/g, (run, ch: string) => `${ch.repeat(8)}…(${run.length}× ${ch})`);
  return text.length > max ? `${text.slice(0, max)}… (${bytes.length} bytes)` : text;
}

/** The run's seed and figures, and each failure class with its shortest request. */
export function formatSummary(result: CampaignResult, extra: string[] = []): string {
  const lines: string[] = [];
  lines.push(`API fuzz: seed ${result.seed} (FUZZ_SEED=${result.seed} repeats it), ${result.runs} requests in ${(result.elapsedMs / 1000).toFixed(1)} s, slowest ${Math.round(result.slowestMs)} ms`);
  lines.push(...extra);
  const sorted = (m: Map<string, number>): string => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} ${n}`).join(', ');
  lines.push(`By location: ${sorted(new Map([...result.byKind].filter(([k]) => k.endsWith(':*'))))}`);
  lines.push(`By input class: ${sorted(new Map([...result.byKind].filter(([k]) => !k.endsWith(':*'))))}`);
  lines.push(`By status: ${sorted(result.byStatus)}`);
  lines.push(`Routes covered: ${result.byRoute.size}`);
  const failed = result.failures.reduce((n, f) => n + f.count, 0);
  lines.push(`Failures: ${result.failures.length} classes, ${failed} failed checks`);
  const byFailure = new Map<string, number>();
  for (const f of result.failures) byFailure.set(f.failure, (byFailure.get(f.failure) ?? 0) + f.count);
  if (byFailure.size > 0) lines.push(`  by kind: ${sorted(byFailure)}`);
  // The same malformation usually fails the same way on every route: one line per kind of input.
  const groups = new Map<string, { count: number; withMalformedAuth: number; routes: Set<string>; auths: Set<string>; example: FailureClass }>();
  for (const f of result.failures) {
    const key = `${f.kind} | ${f.status ?? '-'} | ${f.failure}`;
    const g = groups.get(key) ?? { count: 0, withMalformedAuth: 0, routes: new Set<string>(), auths: new Set<string>(), example: f };
    g.count += f.count;
    g.withMalformedAuth += f.withMalformedAuth;
    for (const a of f.auths) g.auths.add(a);
    g.routes.add(f.route);
    if (f.example.bytes.length < g.example.example.bytes.length) g.example = f;
    groups.set(key, g);
  }
  if (groups.size > 0) lines.push(`Failure groups across routes (${groups.size}):`);
  for (const [key, g] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const auths = g.auths.size > 0 ? ` (${g.withMalformedAuth === g.count ? 'all' : `${g.withMalformedAuth}`} with a malformed credential: ${[...g.auths].join(', ')})` : '';
    lines.push(`* ${key}: ${g.count}× on ${g.routes.size} route(s)${auths}, e.g. ${g.example.example.route}: ${g.example.detail}`);
  }
  lines.push('Failure classes (route | input | status | failure), each with its shortest request:');
  for (const f of result.failures) {
    lines.push(`- [${f.count}×] ${f.key}${f.auths.size > 0 ? ` (credentials: ${[...f.auths].join(', ')})` : ''}: ${f.detail}`);
    lines.push(`    ${showRequest(f.example.bytes).replace(/\n/g, '\n    ')}`);
  }
  return lines.join('\n');
}
