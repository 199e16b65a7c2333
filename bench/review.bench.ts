/**
 * `npm run bench:review`: the moderators' review API against a database of 1 000 000 comments
 * (BENCH_REVIEW_COMMENTS), over HTTP, one request at a time after a warm-up.
 *
 *  1. Database loupe_bench_review: dropped, migrated and seeded (bench/review/seed.ts), unless
 *     BENCH_REVIEW_REUSE=1 and it already holds the seed (then only pending migrations run).
 *  2. The service as `node dist/src/main.js` with LOUPE_ROLE=api; an admin and a moderator
 *     restricted to one site from `loupe users create`, bearer tokens from POST /v1/auth/login.
 *  3. Latency of GET /v1/review/queue for typical filters, of POST /v1/comments/{id}/decision
 *     (approve and reject alternately, each on a different flagged comment) and of
 *     POST /v1/review/claim {count: 10}; p50/p95/p99 against the issue's targets (queue p95
 *     <= 50 ms, decision p95 <= 20 ms).
 *  4. EXPLAIN (ANALYZE, BUFFERS) of the slow statements behind the slowest queue case (the
 *     BENCH_REVIEW_EXPLAIN slowest ones), taken from PostgreSQL's slow-statement log of this
 *     database (bench/review/explain.ts).
 *
 * Other knobs: BENCH_REVIEW_SAMPLES (200), BENCH_REVIEW_WARMUP (20), BENCH_REVIEW_CASE_SECONDS (30:
 * a case stops early after that long, so a pathological filter cannot stall the run).
 *
 * Sequential requests measure the service's own latency without queueing: the targets are about
 * one moderator's page, not throughput. A benchmark, not a test: it prints figures and one
 * `RESULT {json}` line and checks nothing (exit 0 unless it crashed).
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { REDIS_URL, ROOT } from './e2e/config.js';
import { idleMachineBusy, measureCpu, type CpuUsage } from './e2e/cpu.js';
import { clearRedisPrefix, databaseName, dropDatabase } from './e2e/database.js';
import { formatMs, percentiles } from './e2e/percentiles.js';
import { runCommand, startServer, runBench, type ManagedChild } from './e2e/processes.js';
import { int, percent, table } from './e2e/report.js';
import { REVIEW_DATABASE_URL, REVIEW_REDIS_PREFIX, readReviewSettings, type ReviewBenchSettings } from './review/config.js';
import {
  SLOW_STATEMENT_MS,
  explainStatement,
  logSize,
  logSlowStatements,
  serverLogFile,
  slowStatementsSince,
  type LoggedStatement,
} from './review/explain.js';
import { HttpClient, type Reply } from './review/http-client.js';
import { SEED_SITES, seedReviewDatabase, seededComments, type SeedReport } from './review/seed.js';

const QUEUE_P95_TARGET_MS = 50;
const DECISION_P95_TARGET_MS = 20;
/** A word of the corpus in about 1 % of the texts, for the free-text filter. */
const SEARCH_WORD = 'Regierung';
const RESTRICTED_SITE = SEED_SITES[1].name;
const PAGES_DEEP = 5;
const CLAIM_COUNT = 10;

const settings = readReviewSettings();

type Group = 'queue' | 'decision' | 'claim';

interface CaseResult {
  name: string;
  group: Group;
  /** The request of the case, for the report (path and query, or method and body). */
  request: string;
  n: number;
  failures: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Queue: items on the page and the filter's flagged count, from the first answer. */
  items?: number;
  flagged?: number;
  targetMs?: number;
  met?: boolean;
  /** Why the case could not be measured at all. */
  error?: string;
  /** Over the timed requests: how busy the machine was and who used it (cores). */
  cpu?: { machineBusy: number; serverCores: number; postgresCores: number; clientCores: number; otherCores: number };
}

interface QueuePage {
  items: Array<{ id: string }>;
  nextCursor: string | null;
  counts?: Record<string, number>;
}

function serviceEnv(): Record<string, string> {
  return {
    DATABASE_URL: REVIEW_DATABASE_URL,
    REDIS_URL,
    LOUPE_ROLE: 'api',
    LOUPE_REDIS_PREFIX: REVIEW_REDIS_PREFIX,
    LOUPE_RATE_LIMIT_PER_SECOND: '1000000',
    LOUPE_RATE_LIMIT_BURST: '1000000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
}

// ---------------------------------------------------------------------------------------------
// Database

async function prepareDatabase(s: ReviewBenchSettings): Promise<{ reused: boolean; comments: number; seed?: SeedReport; migrateSeconds: number }> {
  const migrate = async () => {
    const started = performance.now();
    await runCommand(process.execPath, [join(ROOT, 'scripts', 'prisma-wasm-migrate.mjs'), 'deploy'], { DATABASE_URL: REVIEW_DATABASE_URL });
    return (performance.now() - started) / 1000;
  };
  if (s.reuse) {
    const existing = await seededComments(REVIEW_DATABASE_URL);
    if (existing >= s.comments) {
      // Migrations added since the seed (an index, say) are applied to the existing rows.
      const migrateSeconds = await migrate();
      console.log(`database: reusing loupe_bench_review with ${int(existing)} comments (BENCH_REVIEW_REUSE=1); pending migrations applied in ${migrateSeconds.toFixed(1)} s`);
      return { reused: true, comments: existing, migrateSeconds };
    }
    console.log(`database: BENCH_REVIEW_REUSE=1 but loupe_bench_review holds ${int(existing)} seeded comments, not ${int(s.comments)}: seeding`);
  }
  await dropDatabase(REVIEW_DATABASE_URL);
  const migrateSeconds = await migrate();
  console.log(`database: loupe_bench_review recreated and migrated in ${migrateSeconds.toFixed(1)} s; seeding ${int(s.comments)} comments`);
  const seed = await seedReviewDatabase(REVIEW_DATABASE_URL, s.comments, console.log);
  console.log(
    `  seeded in ${seed.totalSeconds.toFixed(1)} s (insert ${seed.insertSeconds.toFixed(1)} s, indexes ${seed.indexSeconds.toFixed(1)} s, ` +
      `VACUUM ANALYZE ${seed.analyzeSeconds.toFixed(1)} s): ${int(seed.comments)} comments, ${int(seed.verdicts)} verdicts, ` +
      `${int(seed.links)} links, ${int(seed.decisions)} decisions`,
  );
  return { reused: false, comments: seed.comments, seed, migrateSeconds };
}

interface Fixtures {
  busyAuthor: string;
  busyAuthorComments: number;
  article: string;
  articleComments: number;
  shape: Array<{ status: string; decided: boolean; n: number }>;
}

async function readFixtures(db: pg.Client): Promise<Fixtures> {
  const author = (await db.query<{ author_id: string; n: number }>(
    `SELECT author_id, count(*)::int AS n FROM comments WHERE author_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  )).rows[0]!;
  const article = (await db.query<{ article_url: string; n: number }>(
    `SELECT article_url, count(*)::int AS n FROM comments WHERE article_url IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  )).rows[0]!;
  const shape = (await db.query<{ status: string; decided: boolean; n: number }>(
    `SELECT status::text AS status, decided_at IS NOT NULL AS decided, count(*)::int AS n FROM comments GROUP BY 1, 2 ORDER BY 1, 2`,
  )).rows;
  return { busyAuthor: author.author_id, busyAuthorComments: author.n, article: article.article_url, articleComments: article.n, shape };
}

/** Flagged comments nobody has decided or holds, in a stable pseudo-random order. */
async function flaggedIds(db: pg.Client, count: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM comments
      WHERE status IN ('review', 'rejected') AND decided_at IS NULL AND (claim_expires_at IS NULL OR claim_expires_at < now())
      ORDER BY md5(id::text) LIMIT $1`,
    [count],
  );
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Service and accounts

function lastJsonLine<T>(stdout: string): T {
  const line = stdout.split('\n').reverse().find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`expected a JSON line, got: ${stdout}`);
  return JSON.parse(line) as T;
}

/** A fresh account per run (earlier runs' decisions keep theirs), logged in with a bearer token. */
async function createAccount(client: HttpClient, role: 'admin' | 'moderator', runId: string): Promise<{ email: string; token: string }> {
  const email = `bench-${role}-${runId}@bench.invalid`;
  const password = `bench-review-${runId}-password`;
  const args = ['users', 'create', '--email', email, '--password', password, ...(role === 'admin' ? ['--admin'] : ['--sites', RESTRICTED_SITE]), '--json'];
  lastJsonLine(await runCommand(process.execPath, [join(ROOT, 'bin', 'loupe.js'), ...args], serviceEnv()));
  const login = await client.send<{ token?: string }>('POST', '/v1/auth/login', { email, password });
  if (login.status !== 200 || !login.body.token) throw new Error(`login as ${email}: HTTP ${login.status} ${JSON.stringify(login.body)}`);
  return { email, token: login.body.token };
}

// ---------------------------------------------------------------------------------------------
// Measuring

function describeFailure(reply: Reply): string {
  const body = reply.body as { code?: string; title?: string; detail?: string } | string | null;
  const what = typeof body === 'object' && body !== null ? (body.detail ?? body.title ?? body.code ?? '') : String(body ?? '');
  return `HTTP ${reply.status}${what ? `: ${what.slice(0, 160)}` : ''}`;
}

/**
 * Warm-up, then up to `samples` timed calls of `call(i)` (i counts warm-up calls too) or until
 * caseSeconds have passed. Only 2xx answers enter the percentiles; the others are counted.
 * A first answer that is not 2xx ends the case (the endpoint is missing or refuses the request).
 */
async function measure(
  name: string,
  group: Group,
  request: string,
  call: (i: number) => Promise<Reply>,
  targetMs?: number,
  inspect?: (first: Reply) => Partial<CaseResult>,
): Promise<CaseResult> {
  const base = { name, group, request, targetMs, failures: {} as Record<string, number> };
  const empty = { ...base, n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  let first: Reply;
  try {
    first = await call(0);
  } catch (error) {
    return { ...empty, error: String(error) };
  }
  if (first.status < 200 || first.status >= 300) return { ...empty, error: describeFailure(first) };
  const extra = inspect?.(first) ?? {};
  let i = 1;
  for (; i < settings.warmup; i++) await call(i);
  const times: number[] = [];
  const stopCpu = serverPid === undefined ? undefined : measureCpu(serverPid, databaseName(REVIEW_DATABASE_URL));
  const clientStart = process.cpuUsage();
  const clientStartAt = performance.now();
  const deadline = performance.now() + settings.caseSeconds * 1000;
  while (times.length < settings.samples && performance.now() < deadline) {
    let reply: Reply;
    try {
      reply = await call(i++);
    } catch (error) {
      base.failures[String(error)] = 1;
      break;
    }
    if (reply.status >= 200 && reply.status < 300) times.push(reply.ms);
    else base.failures[String(reply.status)] = (base.failures[String(reply.status)] ?? 0) + 1;
  }
  const [p50, p95, p99] = percentiles(times, [0.5, 0.95, 0.99]) as [number, number, number];
  const max = times.length > 0 ? Math.max(...times) : NaN;
  const cpu = stopCpu ? cpuShares(stopCpu(), clientStart, clientStartAt) : undefined;
  return { ...base, ...extra, cpu, n: times.length, p50, p95, p99, max, met: targetMs === undefined ? undefined : times.length > 0 && p95 <= targetMs };
}

/** The service's process id once it runs, for the CPU figures of each case. */
let serverPid: number | undefined;

function cpuShares(usage: CpuUsage, clientStart: NodeJS.CpuUsage, clientStartAt: number): NonNullable<CaseResult['cpu']> {
  const used = process.cpuUsage(clientStart);
  const clientCores = (used.user + used.system) / 1000 / (performance.now() - clientStartAt);
  const otherCores = usage.machineCores - usage.serverCores - usage.postgresCores - usage.redisCores - clientCores;
  return { machineBusy: usage.machineBusy, serverCores: usage.serverCores, postgresCores: usage.postgresCores, clientCores, otherCores };
}

function queueInspect(first: Reply): Partial<CaseResult> {
  const page = first.body as QueuePage;
  return { items: Array.isArray(page.items) ? page.items.length : undefined, flagged: page.counts?.flagged };
}

/**
 * Warm: the same request repeated, as a moderator paging or the page polling sees it (the service
 * caches a filter's status counts for a few seconds). Cold: every request a filter the service has
 * not counted yet (a distinct far-future `to`, which selects the same comments), so each pays for
 * its counts.
 */
function queueCase(client: HttpClient, name: string, query: Record<string, string>, cold = false): Promise<CaseResult> {
  const qs = new URLSearchParams(query).toString();
  const path = `/v1/review/queue${qs ? `?${qs}` : ''}`;
  const far = Date.UTC(2100, 0, 1);
  const request = (i: number): string => {
    if (!cold) return path;
    const q = new URLSearchParams({ ...query, to: query.to ?? new Date(far + i).toISOString() });
    if (query.to) q.set('to', new Date(Date.parse(query.to) + i).toISOString());
    return `/v1/review/queue?${q.toString()}`;
  };
  return measure(cold ? `${name} [cold counts]` : name, 'queue', cold ? `${path} (new filter each time)` : path, (i) => client.send('GET', request(i)), QUEUE_P95_TARGET_MS, queueInspect);
}

/** The cursor of page `page` of the default queue, by following nextCursor from the first page. */
async function cursorOfPage(client: HttpClient, page: number): Promise<string | null> {
  let cursor: string | null = null;
  for (let p = 1; p < page; p++) {
    const reply: Reply<QueuePage> = await client.send<QueuePage>('GET', `/v1/review/queue${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (reply.status !== 200 || !reply.body.nextCursor) return null;
    cursor = reply.body.nextCursor;
  }
  return cursor;
}

async function queueCases(admin: HttpClient, moderator: HttpClient, f: Fixtures): Promise<CaseResult[]> {
  const now = new Date();
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const cases: Array<[string, HttpClient, Record<string, string>]> = [
    ['default (flagged, sort score)', admin, {}],
    ['sort=oldest', admin, { sort: 'oldest' }],
    ['sort=newest', admin, { sort: 'newest' }],
    ['reason=link.listed', admin, { reason: 'link.listed' }],
    ['domain=anti-spiegel.ru', admin, { domain: 'anti-spiegel.ru' }],
    ['entity=RT DE', admin, { entity: 'RT DE' }],
    [`authorId=${f.busyAuthor} (busiest)`, admin, { authorId: f.busyAuthor }],
    ['articleUrl=<busiest article>', admin, { articleUrl: f.article }],
    ['from/to: last 7 days', admin, { from: weekAgo.toISOString(), to: now.toISOString() }],
    ['minScore=0.9', admin, { minScore: '0.9' }],
    [`q=${SEARCH_WORD}`, admin, { q: SEARCH_WORD }],
    ['status=approved', admin, { status: 'approved' }],
    [`moderator of ${RESTRICTED_SITE} only`, moderator, {}],
  ];
  const results: CaseResult[] = [];
  for (const cold of [false, true]) {
    for (const [name, client, query] of cases) {
      const result = await queueCase(client, name, query, cold);
      results.push(result);
      printProgress(result);
    }
  }
  const cursor = await cursorOfPage(admin, PAGES_DEEP);
  const deepName = `page ${PAGES_DEEP} via cursor`;
  const deep: CaseResult = cursor
    ? await queueCase(admin, deepName, { cursor })
    : { name: deepName, group: 'queue', request: '/v1/review/queue?cursor=…', n: 0, failures: {}, p50: NaN, p95: NaN, p99: NaN, max: NaN,
        targetMs: QUEUE_P95_TARGET_MS, error: `no cursor for page ${PAGES_DEEP} (fewer pages, or no nextCursor)` };
  printProgress(deep);
  results.push(deep);
  return results;
}

async function decisionCase(admin: HttpClient, ids: string[]): Promise<CaseResult> {
  const body = (i: number) => (i % 2 === 0 ? { action: 'approve' } : { action: 'reject', reason: 'misinformation' });
  return measure(
    'decision (approve / reject, distinct flagged comments)',
    'decision',
    'POST /v1/comments/{id}/decision',
    (i) => {
      const id = ids[i];
      if (!id) throw new Error(`ran out of flagged comments after ${i}`);
      return admin.send('POST', `/v1/comments/${id}/decision`, body(i));
    },
    DECISION_P95_TARGET_MS,
  );
}

/** Each claim is released afterwards (not timed), so every claim leases from a clean state. */
async function claimCase(admin: HttpClient): Promise<CaseResult> {
  return measure('claim {count: 10} (released after each)', 'claim', `POST /v1/review/claim {count: ${CLAIM_COUNT}}`, async () => {
    const reply = await admin.send<{ items?: Array<{ id: string }> }>('POST', '/v1/review/claim', { count: CLAIM_COUNT });
    const ids = reply.body?.items?.map((item) => item.id) ?? [];
    if (ids.length > 0) await admin.send('POST', '/v1/review/release', { ids });
    return reply;
  });
}

function printProgress(r: CaseResult): void {
  const figures = r.error ? r.error : `n ${r.n}, p50 ${formatMs(r.p50)} ms, p95 ${formatMs(r.p95)} ms, p99 ${formatMs(r.p99)} ms`;
  console.log(`  ${r.name}: ${figures}`);
}

function resultRows(results: CaseResult[]): string[][] {
  return results.map((r) => {
    const failures = Object.entries(r.failures).map(([status, n]) => `${status} x${n}`).join(', ');
    const target = r.targetMs === undefined ? '-' : `p95 <= ${r.targetMs} ms`;
    const verdict = r.targetMs === undefined ? '' : r.error ? 'n/a' : r.met ? 'met' : 'MISSED';
    return [
      r.name,
      int(r.n),
      formatMs(r.p50),
      formatMs(r.p95),
      formatMs(r.p99),
      formatMs(r.max),
      r.items === undefined ? '-' : int(r.items),
      r.flagged === undefined ? '-' : int(r.flagged),
      target,
      verdict,
      r.cpu ? percent(r.cpu.machineBusy) : '-',
      r.cpu ? `${r.cpu.serverCores.toFixed(2)}/${r.cpu.postgresCores.toFixed(2)}/${Math.max(0, r.cpu.otherCores).toFixed(2)}` : '-',
      r.error ?? failures,
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// EXPLAIN of the slowest queue case

interface Explained {
  caseName: string;
  request: string;
  statements: Array<LoggedStatement & { plan: string }>;
  note?: string;
}

/** EXPLAIN of the statements behind the `cases` slowest queue cases (by p95), slowest first. */
async function explainSlowest(admin: HttpClient, moderator: HttpClient, results: CaseResult[], logFile: string | null, cases: number): Promise<Explained[]> {
  const measured = results.filter((r) => r.group === 'queue' && !r.error && r.n > 0).sort((a, b) => b.p95 - a.p95);
  const explained: Explained[] = [];
  for (const slow of measured.slice(0, cases)) {
    const base: Explained = { caseName: slow.name, request: slow.request, statements: [] };
    explained.push(base);
    if (!logFile) {
      base.note = 'no readable PostgreSQL log file (set BENCH_PG_LOG to its path)';
      continue;
    }
    const client = slow.name.startsWith('moderator') ? moderator : admin;
    const from = await logSize(logFile);
    for (let i = 0; i < 3; i++) await client.send('GET', slow.request);
    const logged = (await slowStatementsSince(logFile, from)).sort((a, b) => b.durationMs - a.durationMs);
    // Distinct statements, slowest first: typically the page query and the counts query.
    const seen = new Set<string>();
    for (const statement of logged) {
      if (seen.has(statement.sql) || seen.size >= 3) continue;
      seen.add(statement.sql);
      let plan: string;
      try {
        plan = await explainStatement(REVIEW_DATABASE_URL, statement);
      } catch (error) {
        plan = `(EXPLAIN failed: ${String(error)})`;
      }
      base.statements.push({ ...statement, plan });
    }
    if (base.statements.length === 0) base.note = `no statement of this case took longer than ${SLOW_STATEMENT_MS} ms`;
  }
  return explained;
}

function printExplained(e: Explained): void {
  console.log(`slow queue case: ${e.caseName} (${e.request})`);
  if (e.note) console.log(`  ${e.note}`);
  for (const s of e.statements) {
    console.log(`  statement logged at ${formatMs(s.durationMs)} ms, parameters (${s.parameters.join(', ')}):`);
    console.log(s.sql.split('\n').map((l) => `    ${l}`).join('\n'));
    console.log('  EXPLAIN (ANALYZE, BUFFERS):');
    console.log(s.plan.split('\n').map((l) => `    ${l}`).join('\n'));
  }
  console.log('');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); service LOUPE_ROLE=api, PostgreSQL and Redis local, requests sequential over one keep-alive connection`);
  console.log(`settings: ${JSON.stringify(settings)}`);
  const busyBefore = await idleMachineBusy();
  console.log(`machine busy before start: ${percent(busyBefore)} (the figures assume a quiet machine)`);
  const database = await prepareDatabase(settings);

  await logSlowStatements(REVIEW_DATABASE_URL, SLOW_STATEMENT_MS);
  const logFile = await serverLogFile();
  const deletedKeys = await clearRedisPrefix(REVIEW_REDIS_PREFIX);
  const db = new pg.Client({ connectionString: REVIEW_DATABASE_URL });
  await db.connect();
  let server: ManagedChild | undefined;
  const clients: HttpClient[] = [];
  try {
    const fixtures = await readFixtures(db);
    console.log(`  data: ${fixtures.shape.map((s) => `${s.status}${s.decided ? ' (decided by people)' : ''} ${int(s.n)}`).join(', ')}`);
    console.log(`  busiest author ${fixtures.busyAuthor} (${int(fixtures.busyAuthorComments)} comments), busiest article ${fixtures.article} (${int(fixtures.articleComments)} comments)`);

    const started = await startServer('loupe-review', join(ROOT, 'dist', 'src', 'main.js'), serviceEnv(), '/health/ready');
    server = started.child;
    serverPid = server.pid;
    console.log(`loupe: ${started.url} (pid ${server.pid}, log ${server.logFile}), ${deletedKeys} old Redis keys deleted`);
    const anonymous = new HttpClient(started.url);
    clients.push(anonymous);
    const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const admin = anonymous.withToken((await createAccount(anonymous, 'admin', runId)).token);
    const moderator = anonymous.withToken((await createAccount(anonymous, 'moderator', runId)).token);
    clients.push(admin, moderator);
    console.log('');

    console.log(`GET /v1/review/queue: ${settings.warmup} warm-up requests then up to ${settings.samples} per case (at most ${settings.caseSeconds} s each)`);
    const queue = await queueCases(admin, moderator, fixtures);
    server.failIfExited();

    console.log('POST /v1/comments/{id}/decision and POST /v1/review/claim');
    const ids = await flaggedIds(db, settings.warmup + settings.samples * 2);
    const decision = await decisionCase(admin, ids);
    printProgress(decision);
    const claim = await claimCase(admin);
    printProgress(claim);
    server.failIfExited();
    console.log('');

    const results = [...queue, decision, claim];
    console.log(`latency (ms), ${int(database.comments)} comments:`);
    console.log(table(['case', 'n', 'p50', 'p95', 'p99', 'max', 'items', 'flagged', 'target', '', 'busy', 'cores svc/pg/other', 'errors'], resultRows(results)));
    console.log('  busy: whole machine during the timed requests; cores: the service, PostgreSQL, and everything else (other engineers, builds)');
    console.log('');

    const explained = await explainSlowest(admin, moderator, queue, logFile, settings.explainCases);
    for (const e of explained) printExplained(e);

    const queueMeasured = queue.filter((r) => !r.error);
    const result = {
      settings,
      machine: { node: process.version, cores: cpus().length, busyBeforeStart: busyBefore },
      database: { ...database, fixtures },
      targets: { queueP95Ms: QUEUE_P95_TARGET_MS, decisionP95Ms: DECISION_P95_TARGET_MS },
      cases: results,
      summary: {
        queueCasesMeasured: queueMeasured.length,
        queueCasesMet: queueMeasured.filter((r) => r.met).length,
        queueWorstP95Ms: queueMeasured.length > 0 ? Math.max(...queueMeasured.map((r) => r.p95)) : null,
        decisionP95Ms: decision.error ? null : decision.p95,
        decisionMet: decision.error ? null : decision.met,
        claimP95Ms: claim.error ? null : claim.p95,
      },
      explain: explained.map((e) => ({ case: e.caseName, request: e.request, note: e.note, statements: e.statements })),
    };
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    for (const c of clients) c.close();
    await db.end();
    await server?.stop();
    await logSlowStatements(REVIEW_DATABASE_URL, null).catch(() => undefined);
  }
}

runBench(main);
