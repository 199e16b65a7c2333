import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSiteWithKey, loupeCli, resetDatabase } from './db.js';
import { pollUntil, ServiceProcesses, type HttpServiceProcess } from './processes.js';
import { deletePrefix } from './redis.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** What the fuzzer may aim at: credentials and the ids of things that exist. */
export interface FuzzCredentials {
  /** API key of the fuzzed site. */
  siteKey: string;
  /** A moderator of the fuzzed site only (review, decisions, domains). */
  moderatorToken: string;
  /** An admin (lists, site settings). */
  adminToken: string;
  /** A page session of the moderator: cookie value and its CSRF token. */
  sessionCookie: string;
  csrfToken: string;
  /** A token the fuzzer may log out (its first successful logout ends it). */
  spareToken: string;
  metricsToken: string;
}

export interface FuzzIds {
  siteId: string;
  commentIds: string[];
  externalIds: string[];
  authorIds: string[];
  endpointId: string;
  listId: string;
  entryId: string;
  decisionId: string | null;
  rescoreJobId: string | null;
}

/** A comment accepted and analysed before the fuzzing, as GET /v1/comments/:id showed it. */
export interface KeptComment {
  id: string;
  externalId: string;
  status: string;
  verdict: unknown;
}

export interface FuzzTarget {
  service: HttpServiceProcess;
  port: number;
  credentials: FuzzCredentials;
  ids: FuzzIds;
  /** Its resident set size now, in kB (/proc/<pid>/status VmRSS). */
  rssKb(): Promise<number>;
  /** Error lines the service logged (level error and above), by request id where it had one. */
  loggedErrors(): Map<string, string>;
  /** Reads the kept comments again, with the kept site's key. */
  readKept(): Promise<KeptComment[]>;
  kept: KeptComment[];
  describe(): string;
  stop(): Promise<void>;
}

const SEED_TEXTS = 'test/fixtures/seed-article-and-comments.txt';

// Texts of the site nobody fuzzes: calm, listed links, shouting, vote calls, incivility. No
// lookalike reasons: removing list entries re-scores lookalikes on every site, which is a
// legitimate change the fuzzer could trigger with a valid request.
const KEPT_EXTRA = [
  'Ein ruhiger Kommentar zum Artikel, danke für die Recherche.',
  'WIR MÜSSEN AfD WÄHLEN!!! https://de.rt.com/inland/123',
  'Quelle: anti-spiegel[.]ru/artikel – lest selbst',
  'Du bist so ein Idiot, echt jetzt.',
  'Mehr dazu hier: https://www.youtube.com/watch?v=abc und https://bit.ly/3xyz',
];


// eslint-disable-next-line @typescript-eslint/no-explicit-any -- set-up answers of many shapes, each read once
type Json = any;

async function call(base: string, method: string, path: string, auth: Record<string, string>, body?: unknown): Promise<{ status: number; body: Json; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

async function expectOk<T>(what: string, answer: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await answer;
  if (res.status >= 300) throw new Error(`fuzz set-up: ${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The test database's server with a database of the fuzzer's own: its worker and sweeper see only fuzz data. */
function fuzzDatabaseUrl(testUrl: string): string {
  const url = new URL(testUrl);
  url.pathname = '/loupe_fuzz';
  return url.toString();
}

/**
 * `node dist/src/main.js` (API and worker) against a database of its own (`loupe_fuzz`, reset
 * and migrated here) and a Redis prefix of its own, with two sites: one the fuzzer aims at and
 * one that keeps ~20 analysed comments nobody touches, to be read back after the fuzzing.
 */
export async function startFuzzTarget(options: { keptComments?: number } = {}): Promise<FuzzTarget> {
  const databaseUrl = process.env.FUZZ_DATABASE_URL ?? fuzzDatabaseUrl(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/loupe_test');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `loupe-fuzz-${randomUUID().slice(0, 8)}`;
  await resetDatabase(databaseUrl);
  const receiver = new WebhookReceiver();
  await receiver.start();
  const metricsToken = `metrics-${randomUUID()}`;
  const processes = new ServiceProcesses({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    LOUPE_REDIS_PREFIX: prefix,
    // Unexpected errors are logged at error level: the report quotes them by request id.
    LOG_LEVEL: 'error',
    NODE_ENV: 'test',
    LOUPE_DOCS: 'true',
    // Webhook URLs the fuzzer creates point at this machine only (the receiver or closed ports).
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // The per-client login limit would answer 429 to most fuzzed logins before validation runs.
    LOUPE_LOGIN_ATTEMPTS_PER_CLIENT: '100000',
    LOUPE_METRICS_TOKEN: metricsToken,
  });
  const errors = new Map<string, string>();
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await processes.killAll();
    await receiver.stop();
    await deletePrefix(redisUrl, prefix).catch(() => 0);
  };
  try {
    const service = await processes.startHttp('fuzz-target', 'all');
    let pending = '';
    service.child.stdout?.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as { level?: number; requestId?: string; err?: { message?: string; type?: string }; msg?: string };
          if ((entry.level ?? 0) >= 50) errors.set(entry.requestId ?? `line-${errors.size}`, `${entry.err?.type ?? ''} ${entry.err?.message ?? entry.msg ?? ''}`.trim().slice(0, 300));
        } catch {
          // not a log line
        }
      }
    });
    const base = service.base;
    const port = Number(new URL(base).port);

    const target = await createSiteWithKey(databaseUrl, 'fuzz-target');
    const kept = await createSiteWithKey(databaseUrl, 'fuzz-kept');
    const password = `pw-${randomUUID()}`;
    await loupeCli(databaseUrl, 'users', 'create', '--email', 'fuzz-admin@example.org', '--password', password, '--admin', '--json');
    await loupeCli(databaseUrl, 'users', 'create', '--email', 'fuzz-mod@example.org', '--password', password, '--sites', 'fuzz-target', '--json');
    const login = async (email: string): Promise<string> => ((await expectOk(`login ${email}`, call(base, 'POST', '/v1/auth/login', {}, { email, password }))) as { token: string }).token;
    const adminToken = await login('fuzz-admin@example.org');
    const moderatorToken = await login('fuzz-mod@example.org');
    const spareToken = await login('fuzz-mod@example.org');
    const sessionRes = await call(base, 'POST', '/v1/auth/session', {}, { email: 'fuzz-mod@example.org', password });
    const sessionCookie = /loupe_session=([^;]+)/.exec(sessionRes.headers.get('set-cookie') ?? '')?.[1];
    if (sessionRes.status !== 200 || !sessionCookie) throw new Error(`fuzz set-up: session login answered ${sessionRes.status}`);
    const csrfToken = (sessionRes.body as { csrfToken: string }).csrfToken;

    const siteAuth = { authorization: `Bearer ${target.key}` };
    const modAuth = { authorization: `Bearer ${moderatorToken}` };
    const adminAuth = { authorization: `Bearer ${adminToken}` };

    // Things of the fuzzed site for the fuzzer to hit with real ids.
    const targetTexts = ['WIR MÜSSEN AfD WÄHLEN!!! https://de.rt.com/inland/9', 'Schöner Artikel.', 'Siehe https://fuzz-target-only.example/a'];
    const commentIds: string[] = [];
    const externalIds: string[] = [];
    for (const [i, text] of targetTexts.entries()) {
      const externalId = `fuzz-target-${i}`;
      const body = await expectOk('a target comment', call(base, 'POST', '/v1/comments?wait=5000', siteAuth, { externalId, text, author: { id: `fuzz-author-${i}` } }));
      commentIds.push((body as { id: string }).id);
      externalIds.push(externalId);
    }
    const decision = await call(base, 'POST', `/v1/comments/${commentIds[0]}/decision`, modAuth, { action: 'escalate', reason: 'other' });
    const endpoint = await expectOk('a webhook endpoint', call(base, 'POST', '/v1/webhooks/endpoints', siteAuth, { url: receiver.url('/fuzz'), eventTypes: ['comment.verdict'] }));
    await expectOk('a list', call(base, 'POST', '/v1/lists', adminAuth, { id: 'fuzz-list', name: 'Fuzz list' }));
    const entry = await expectOk('a list entry', call(base, 'POST', '/v1/lists/fuzz-list/entries', adminAuth, { pattern: 'fuzz-listed.example', category: 'unreliable', severity: 0.5 }));

    // The kept site: analysed comments whose verdicts must survive the fuzzing unchanged.
    const seed = (await readFile(SEED_TEXTS, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const texts = [...KEPT_EXTRA, ...seed].slice(0, options.keptComments ?? 20);
    const keptAuth = { authorization: `Bearer ${kept.key}` };
    const keptIds = await Promise.all(
      texts.map(async (text, i) => ((await expectOk('a kept comment', call(base, 'POST', '/v1/comments', keptAuth, { externalId: `kept-${i}`, text, author: { id: `kept-author-${i % 3}` } }))) as { id: string }).id),
    );
    const readKept = async (): Promise<KeptComment[]> =>
      Promise.all(
        keptIds.map(async (id) => {
          const res = await call(base, 'GET', `/v1/comments/${id}`, keptAuth);
          if (res.status !== 200) throw new Error(`reading kept comment ${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
          const c = res.body as { id: string; externalId: string; status: string; verdict: unknown };
          return { id: c.id, externalId: c.externalId, status: c.status, verdict: c.verdict };
        }),
      );
    const keptNow = await pollUntil('every kept comment to have its verdict', async () => {
      const all = await readKept();
      return all.every((c) => c.verdict !== null && c.status !== 'pending') ? all : undefined;
    }, { timeoutMs: 60_000, intervalMs: 200, context: () => processes.describe() });

    return {
      service,
      port,
      credentials: { siteKey: target.key, moderatorToken, adminToken, sessionCookie, csrfToken, spareToken, metricsToken },
      ids: {
        siteId: target.siteId,
        commentIds,
        externalIds,
        authorIds: targetTexts.map((_, i) => `fuzz-author-${i}`),
        endpointId: (endpoint as { id: string }).id,
        listId: 'fuzz-list',
        entryId: (entry as { entry: { id: string } }).entry.id,
        decisionId: decision.status === 200 ? ((decision.body as { decision: { id: string } }).decision.id ?? null) : null,
        rescoreJobId: (entry as { rescoreJobId: string | null }).rescoreJobId,
      },
      kept: keptNow,
      readKept,
      async rssKb() {
        const status = await readFile(`/proc/${service.child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
      },
      loggedErrors: () => errors,
      describe: () => processes.describe(),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
