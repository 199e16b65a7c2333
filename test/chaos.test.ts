import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pg from 'pg';
import { ANALYSIS_QUEUE } from '../src/moderation/analysis-queue.js';
import { createSiteWithKey, resetDatabase } from './support/db.js';
import { pollUntil, ServiceProcesses, withoutStartupLines } from './support/processes.js';
import { deletePrefix } from './support/redis.js';

// The real, compiled services (pretest builds dist/) as separate processes, killed and flushed
// the way production is. A database of their own: the sweepers of these processes re-enqueue
// every stale pending comment they find and must never reach other test files' comments.
const DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/loupe_test_chaos';
const REDIS_URL = 'redis://127.0.0.1:6379';
const BATCH = 500;
// BullMQ hands a killed worker's active jobs to another worker only once their lock (10 s in
// AnalysisWorker) has expired and a stalled check has seen them; the sweeper leaves active jobs
// alone. The deadline leaves room for a slow, shared CI machine.
const RECOVERY_TIMEOUT_MS = 120_000;
const TEST_TIMEOUT_MS = 240_000;

// Texts that make every detector run: listed links, shouting, vote calls, rhetoric, calm prose.
const TEXTS = [
  'Lest anti-spiegel.ru/artikel – da steht, was die Medien verschweigen',
  'WIR MÜSSEN AfD WÄHLEN!!!',
  'Ein ruhiger Kommentar zum Artikel, danke für die gründliche Recherche.',
  'Quelle: https://freedert.online/russland/12345-bericht',
  'Die Altparteien haben das Land heruntergewirtschaftet.',
  'Ich sehe das anders: Die Zahlen im zweiten Absatz passen nicht zur Grafik.',
  'Gute Zusammenfassung, aber der Titel ist etwas reißerisch.',
];
const LINKED = /anti-spiegel\.ru|freedert\.online/;

interface CommentBody {
  externalId: string;
  text: string;
}

/** `count` distinct comments for one scenario, cycling through TEXTS. */
function makeComments(tag: string, count: number): CommentBody[] {
  return Array.from({ length: count }, (_, i) => ({ externalId: `${tag}-${i}`, text: `${TEXTS[i % TEXTS.length]} (#${i})` }));
}

/**
 * Posts `comments` in batches of 500, one batch at a time, and returns the ids answered 202. A
 * failed request (status or connection) throws, unless `mayFail()` says the server is going
 * away on purpose: then submitting stops there.
 */
async function submit(base: string, key: string, comments: CommentBody[], mayFail: () => boolean = () => false): Promise<string[]> {
  const accepted: string[] = [];
  for (let start = 0; start < comments.length; start += BATCH) {
    const batch = comments.slice(start, start + BATCH);
    let res: Response;
    try {
      res = await fetch(`${base}/v1/comments/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ comments: batch }),
      });
    } catch (e) {
      if (mayFail()) return accepted;
      throw new Error(`POST /v1/comments/batch failed after ${accepted.length} accepted: ${(e as Error).message}`);
    }
    const text = await res.text();
    if (res.status !== 200) {
      if (mayFail()) return accepted;
      throw new Error(`POST /v1/comments/batch answered ${res.status} after ${accepted.length} accepted: ${text.slice(0, 500)}`);
    }
    const { results } = JSON.parse(text) as { results: { index: number; status: number; id?: string }[] };
    const refused = results.filter((r) => r.status !== 202 || !r.id);
    if (refused.length > 0) throw new Error(`${refused.length} comments of a batch were not accepted: ${JSON.stringify(refused.slice(0, 3))}`);
    accepted.push(...results.map((r) => r.id as string));
  }
  return accepted;
}

describe('chaos: every accepted comment ends with exactly one verdict', () => {
  let db: pg.Pool;
  let processes: ServiceProcesses | undefined;
  const prefixes: string[] = [];

  beforeAll(async () => {
    await resetDatabase(DATABASE_URL);
    db = new pg.Pool({ connectionString: DATABASE_URL, max: 4 });
  }, 60_000);

  afterEach(async () => {
    await processes?.killAll();
    processes = undefined;
  });

  afterAll(async () => {
    await processes?.killAll();
    for (const prefix of prefixes) await deletePrefix(REDIS_URL, prefix);
    await db?.end();
  });

  /** A Redis prefix, a site with its key, and a process tracker for one scenario. */
  async function setUp(name: string): Promise<{ procs: ServiceProcesses; siteId: string; key: string; prefix: string }> {
    const prefix = `loupe-test-chaos-${name}-${randomUUID().slice(0, 8)}`;
    prefixes.push(prefix);
    const procs = new ServiceProcesses({
      DATABASE_URL,
      REDIS_URL,
      LOUPE_REDIS_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      // Fast recovery for the test: sweep every 0.5 s for comments pending over 2 s.
      LOUPE_SWEEP_INTERVAL_MS: '500',
      LOUPE_SWEEP_AFTER_MS: '2000',
      LOUPE_RATE_LIMIT_PER_SECOND: '100000',
      LOUPE_RATE_LIMIT_BURST: '100000',
    });
    processes = procs;
    const { siteId, key } = await createSiteWithKey(DATABASE_URL, `chaos-${name}-${randomUUID().slice(0, 8)}`);
    return { procs, siteId, key, prefix };
  }

  async function verdictCount(siteId: string): Promise<number> {
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM verdicts v JOIN comments c ON c.id = v.comment_id WHERE c.site_id = $1', [siteId]);
    return rows[0]?.n ?? 0;
  }

  async function counts(siteId: string): Promise<{ comments: number; pending: number; verdicts: number }> {
    const { rows } = await db.query<{ comments: number; pending: number; verdicts: number }>(
      `SELECT count(*)::int AS comments,
              count(*) FILTER (WHERE c.status = 'pending')::int AS pending,
              (SELECT count(*) FROM verdicts v JOIN comments c2 ON c2.id = v.comment_id WHERE c2.site_id = $1)::int AS verdicts
       FROM comments c WHERE c.site_id = $1`,
      [siteId],
    );
    return rows[0] ?? { comments: 0, pending: 0, verdicts: 0 };
  }

  /**
   * Comments whose verdict was committed without the rest of its transaction, or the reverse:
   * a verdict while still pending, a status other than the verdict's, a decided status without a
   * verdict, a listed link without its link row.
   */
  async function halfWritten(siteId: string): Promise<string[]> {
    const { rows } = await db.query<{ id: string; status: string; text: string; action: string | null; links: number }>(
      `SELECT c.id, c.status::text, c.text, v.action::text AS action,
              (SELECT count(*) FROM comment_links l WHERE l.comment_id = c.id)::int AS links
       FROM comments c LEFT JOIN verdicts v ON v.comment_id = c.id WHERE c.site_id = $1`,
      [siteId],
    );
    const statusOf = { approve: 'approved', review: 'review', reject: 'rejected' } as Record<string, string>;
    const problems: string[] = [];
    for (const r of rows) {
      if (r.action === null && r.status !== 'pending') problems.push(`${r.id}: status ${r.status} without a verdict`);
      if (r.action !== null && r.status !== statusOf[r.action]) problems.push(`${r.id}: status ${r.status} with a verdict ${r.action}`);
      if (r.action !== null && LINKED.test(r.text) && r.links === 0) problems.push(`${r.id}: a verdict without its link rows`);
    }
    return problems;
  }

  /** Waits until nothing of the site is pending, then checks every comment has exactly one verdict. */
  async function expectExactlyOneVerdictEach(siteId: string, accepted: string[], procs: ServiceProcesses): Promise<void> {
    await pollUntil(
      `all ${accepted.length} accepted comments to have a verdict`,
      async () => {
        const c = await counts(siteId);
        return c.pending === 0 && c.verdicts >= accepted.length ? c : undefined;
      },
      { timeoutMs: RECOVERY_TIMEOUT_MS, intervalMs: 250, context: async () => `counts: ${JSON.stringify(await counts(siteId))}\n${procs.describe()}` },
    );
    const { rows } = await db.query<{ id: string; verdicts: number; status: string }>(
      `SELECT c.id, c.status::text, count(v.id)::int AS verdicts
       FROM comments c LEFT JOIN verdicts v ON v.comment_id = c.id WHERE c.site_id = $1 GROUP BY c.id`,
      [siteId],
    );
    const acceptedSet = new Set(accepted);
    expect(acceptedSet.size).toBe(accepted.length);
    const unknown = rows.filter((r) => !acceptedSet.has(r.id));
    const stored = new Set(rows.map((r) => r.id));
    const lost = accepted.filter((id) => !stored.has(id));
    const notOne = rows.filter((r) => acceptedSet.has(r.id) && r.verdicts !== 1);
    const pending = rows.filter((r) => r.status === 'pending');
    const summary = (list: unknown[]): { count: number; sample: unknown[] } => ({ count: list.length, sample: list.slice(0, 5) });
    expect({
      lost: summary(lost),
      unknown: summary(unknown),
      notExactlyOneVerdict: summary(notOne),
      pending: summary(pending),
      halfWritten: summary(await halfWritten(siteId)),
    }).toEqual({
      lost: summary([]),
      unknown: summary([]),
      notExactlyOneVerdict: summary([]),
      pending: summary([]),
      halfWritten: summary([]),
    });
  }

  it(
    'a worker SIGKILLed mid-load: a new worker finishes every comment, each with exactly one verdict',
    async () => {
      const { procs, siteId, key } = await setUp('sigkill');
      const [api, worker] = await Promise.all([procs.startHttp('api', 'api'), procs.startWorker('worker-1')]);
      const comments = makeComments('sigkill', 2_000);

      const submitting = submit(api.base, key, comments);
      const killing = (async () => {
        await pollUntil('the worker to commit its first verdicts', async () => ((await verdictCount(siteId)) >= 50 ? true : undefined), {
          timeoutMs: 60_000,
          intervalMs: 20,
          context: () => procs.describe(),
        });
        const exit = await procs.stop(worker, 'SIGKILL');
        return { exit, verdictsAtKill: await verdictCount(siteId) };
      })();
      const [accepted, { exit, verdictsAtKill }] = await Promise.all([submitting, killing]);

      expect(accepted).toHaveLength(comments.length);
      expect(exit.signal).toBe('SIGKILL');
      // The kill really came mid-load: some verdicts were written, not all.
      expect(verdictsAtKill).toBeGreaterThan(0);
      expect(verdictsAtKill).toBeLessThan(accepted.length);
      // Whatever the killed worker committed, it committed whole.
      expect(await halfWritten(siteId)).toEqual([]);

      await procs.startWorker('worker-2');
      await expectExactlyOneVerdictEach(siteId, accepted, procs);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'Redis flushed after 500 comments were accepted: the sweeper of a new worker recovers all of them',
    async () => {
      const { procs, siteId, key, prefix } = await setUp('flush');
      const api = await procs.startHttp('api', 'api');
      const accepted = await submit(api.base, key, makeComments('flush', 500));
      expect(accepted).toHaveLength(500);

      const queue = new Queue(ANALYSIS_QUEUE, { connection: { url: REDIS_URL }, prefix });
      try {
        // Enqueueing follows the 202 asynchronously: flush only once all 500 jobs are in Redis,
        // or a late enqueue would put some back and the sweeper would not be what recovers them.
        await pollUntil('the API to enqueue all 500 jobs', async () => ((await queue.getWaitingCount()) === 500 ? true : undefined), {
          timeoutMs: 15_000,
          context: () => procs.describe(),
        });
        // Not FLUSHALL: other test files share this Redis under their own prefixes. Deleting every
        // key of this prefix is exactly what a FLUSHALL does to this Loupe installation.
        expect(await deletePrefix(REDIS_URL, prefix)).toBeGreaterThan(0);
        expect(await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed')).toEqual({ waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0 });
      } finally {
        await queue.close();
      }
      expect(await counts(siteId)).toEqual({ comments: 500, pending: 500, verdicts: 0 });

      await procs.startWorker('worker');
      await expectExactlyOneVerdictEach(siteId, accepted, procs);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'SIGTERM under load: the process exits 0 having finished its active jobs, and a new one finishes the rest',
    async () => {
      const { procs, siteId, key, prefix } = await setUp('sigterm');
      // At info level its output tells which shutdown step it reached, should it not exit 0.
      const first = await procs.startHttp('all-1', 'all', { LOG_LEVEL: 'info' });
      const queue = new Queue(ANALYSIS_QUEUE, { connection: { url: REDIS_URL }, prefix });
      try {
        // More than can be ingested before the signal: submitting stops when the server goes away.
        const comments = makeComments('sigterm', 10_000);
        let terminating = false;
        let submitted = false;
        const submitting = submit(first.base, key, comments, () => terminating).finally(() => (submitted = true));
        await pollUntil(
          'the embedded worker to have jobs active and a first verdict committed',
          async () => ((await queue.getActiveCount()) > 0 && (await verdictCount(siteId)) > 0 ? true : undefined),
          { timeoutMs: 60_000, intervalMs: 20, context: () => procs.describe() },
        );
        // The signal lands while comments are still coming in and jobs are running.
        expect(submitted).toBe(false);
        terminating = true;
        const signalled = Date.now();
        const exit = await procs.stop(first, 'SIGTERM', 40_000);
        const shutdownMs = Date.now() - signalled;
        const accepted = await submitting;
        const activeJobsLeft = await queue.getActiveCount();

        // The data first, whatever the shutdown did: nothing committed by half (each verdict came
        // with its status and links), and every comment stored was answered 202.
        expect(accepted.length).toBeGreaterThan(0);
        expect(await halfWritten(siteId)).toEqual([]);
        expect((await counts(siteId)).comments).toBe(accepted.length);
        await procs.startHttp('all-2', 'all');
        await expectExactlyOneVerdictEach(siteId, accepted, procs);

        // Then the shutdown itself. Graceful: exit 0 within its own 30 s limit (past which it exits
        // 1), with the jobs that were active finished rather than left locked as active.
        expect({ code: exit.code, signal: exit.signal, within30s: shutdownMs < 30_000, activeJobsLeft, output: exit.code === 0 ? '' : withoutStartupLines(first.output()) }).toEqual({
          code: 0,
          signal: null,
          within30s: true,
          activeJobsLeft: 0,
          output: '',
        });
      } finally {
        await queue.close();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'two workers on one database and Redis: 1 000 comments get exactly one verdict each',
    async () => {
      const { procs, siteId, key } = await setUp('two-workers');
      const [api] = await Promise.all([procs.startHttp('api', 'api'), procs.startWorker('worker-a'), procs.startWorker('worker-b')]);
      const accepted = await submit(api.base, key, makeComments('two-workers', 1_000));
      expect(accepted).toHaveLength(1_000);
      await expectExactlyOneVerdictEach(siteId, accepted, procs);
    },
    TEST_TIMEOUT_MS,
  );
});
