import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { CSV_BODY_LIMIT } from '../src/platform/http/json-body.js';
import { MAX_IMPORT_ROWS } from '../src/lists/list-file.js';
import { MAX_BATCH } from '../src/comments/comment-input.schema.js';
import { createSiteWithKey, loupeCli } from './support/db.js';
import { pollUntil, ServiceProcesses, type HttpServiceProcess } from './support/processes.js';
import { deletePrefix } from './support/redis.js';

/** A CSV body: `head`, then `unit` repeated up to `limit` bytes and `suffix`; or `head` and `rows` valid rows. */
type CsvShape = { head: string; unit: string; suffix: string; limit: number } | { head: string; rows: number };

/** The budget: no single request may hold up every other one for longer. */
const BUDGET_MS = 100;
const SLOW = 300_000;
/** LOUPE_MAX_TEXT_LENGTH's default: the longest comment a site can send. */
const MAX_TEXT = 20_000;
/** LOUPE_BODY_LIMIT_BYTES's default. */
const BODY_LIMIT = 256 * 1024;

/**
 * Measured in the service process as `npm start` runs it (API and embedded worker), not in the
 * Jest process: Jest's own heap (every test file before this one leaves garbage on it) made
 * garbage collection alone block its loop for 230–360 ms. The service reports its event-loop
 * delay through prom-client's monitorEventLoopDelay histogram, which every scrape of /metrics
 * reads and resets: scrape, run the work, scrape again, and the maximum is the longest block
 * during the work.
 */
describe('event-loop delay of the service process during the heaviest requests', () => {
  const prefix = `loupe-test-loop-${randomUUID().slice(0, 8)}`;
  const env = { DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: 'redis://127.0.0.1:6379', LOUPE_REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' };
  const processes = new ServiceProcesses(env);
  let service: HttpServiceProcess;
  let adminToken: string;
  let siteKey: string;
  let listId: string;

  beforeAll(async () => {
    service = await processes.startHttp('event-loop', 'all');
    const email = `loop-admin-${randomUUID().slice(0, 8)}@example.org`;
    const password = `pw-${randomUUID()}`;
    await loupeCli(env.DATABASE_URL, 'users', 'create', '--email', email, '--password', password, '--admin', '--json');
    const login = await fetch(`${service.base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    adminToken = ((await login.json()) as { token: string }).token;
    siteKey = (await createSiteWithKey(env.DATABASE_URL, `loop-${randomUUID().slice(0, 8)}`)).key;
    listId = `loop-${randomUUID().slice(0, 8)}`;
    expect((await call('POST', '/v1/lists', adminToken, JSON.stringify({ id: listId, name: 'Event loop test' }))).status).toBe(201);
    // One comment first: the engine's first analysis in a process compiles its patterns and
    // warms the JIT, a one-time cost at start-up rather than one of any request.
    const warm = await call('POST', '/v1/comments?wait=5000', siteKey, JSON.stringify({ externalId: `loop-warm-${randomUUID()}`, text: 'WIR MÜSSEN AfD WÄHLEN! https://anti-spiegel.ru/a du Idiot', author: { id: 'loop-author' } }));
    expect(warm.status).toBe(200);
  }, SLOW);
  afterAll(async () => {
    await processes.killAll();
    await deletePrefix(env.REDIS_URL, prefix);
  });

  async function call(method: string, path: string, token: string, body: string, type = 'application/json'): Promise<{ status: number; body: { errors?: { message: string }[]; id?: string } }> {
    const res = await fetch(`${service.base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    return { status: res.status, body: (await res.json()) as { errors?: { message: string }[] } };
  }

  /** The service's longest event-loop block since its previous scrape, in ms. */
  async function loopMaxMs(): Promise<number> {
    const text = await (await fetch(`${service.base}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('loupe_nodejs_eventloop_lag_max_seconds'));
    if (!line) throw new Error('/metrics has no loupe_nodejs_eventloop_lag_max_seconds');
    return Number(line.split(' ').pop()) * 1000;
  }

  /**
   * The longest block while `work` ran, and how long /health/live took at most when asked every
   * 20 ms meanwhile. A 2-core machine shared with PostgreSQL, Redis and Jest stalls now and then:
   * `work` runs up to three times and the quietest run counts (a stall from outside only adds
   * delay); every figure is printed.
   */
  async function blocked(label: string, work: () => Promise<void>): Promise<{ loop: number; live: number }> {
    const runs: { loop: number; live: number }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      await loopMaxMs();
      let live = 0;
      let running = true;
      const probe = (async () => {
        while (running) {
          const start = performance.now();
          await (await fetch(`${service.base}/health/live`)).arrayBuffer();
          live = Math.max(live, performance.now() - start);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      await work();
      running = false;
      await probe;
      runs.push({ loop: await loopMaxMs(), live });
      if (runs.at(-1)!.loop <= BUDGET_MS) break;
    }
    console.log(`${label}: event loop blocked at most ${runs.map((r) => r.loop.toFixed(0)).join(', ')} ms; /health/live at most ${runs.map((r) => r.live.toFixed(0)).join(', ')} ms`);
    return runs.reduce((a, b) => (b.loop < a.loop ? b : a));
  }

  const HEADER = 'pattern,kind,category,severity,entity,note\n';
  /** A CSV body just under the limit: `head`, then `unit` repeated, then `suffix`. */
  const atLimit = (unit: string, head = HEADER, suffix = ''): CsvShape => ({ head, unit, suffix, limit: CSV_BODY_LIMIT });

  /**
   * A sender of one CSV body in a process of its own (test/support/csv-sender.mjs): `send()`
   * posts it as a dry run and for real and gives both statuses and the dry run's problems.
   */
  async function csvSender(shape: CsvShape): Promise<{ bytes: number; send: () => Promise<{ statuses: number[]; problems: string[] }>; close: () => void }> {
    const child = spawn(process.execPath, ['test/support/csv-sender.mjs', JSON.stringify({ base: service.base, path: `/v1/lists/${listId}/import`, token: adminToken, body: shape })], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const next = async (): Promise<Record<string, unknown>> => {
      const line = await lines.next();
      if (line.done) throw new Error(`the CSV sender ended (exit code ${child.exitCode})`);
      return JSON.parse(line.value) as Record<string, unknown>;
    };
    const ready = (await next()) as { bytes: number };
    return {
      bytes: ready.bytes,
      send: async () => {
        child.stdin.write('go\n');
        return (await next()) as { statuses: number[]; problems: string[] };
      },
      close: () => child.stdin.end(),
    };
  }

  // Shapes that took csv-parse time in the square of a line's length, or a lot per row.
  it.each<[string, CsvShape, string | null]>([
    ['quotes inside one unquoted value', atLimit('a"'), 'a quote (") inside an unquoted value'],
    ['doubled quotes, never closed', atLimit('""', `${HEADER}"`), 'never closed'],
    ['one line of delimiters', atLimit(','), 'values, the header has 6'],
    ['rows of empty cells and CR/LF mixtures', atLimit(',,,,,\r\n\r\r\n\n'), null],
    ['rows with stray quotes', atLimit('x"y,a,b,c,d,e\n'), 'a quote (") inside an unquoted value'],
    ['one value as long as the limit', atLimit('x', `${HEADER}a.example,,satire,0.5,,"`, '"\n'), 'must be at most 500 characters'],
    [`${MAX_IMPORT_ROWS + 1} valid rows`, { head: HEADER, rows: MAX_IMPORT_ROWS + 1 }, `more than ${MAX_IMPORT_ROWS} entries`],
  ])('a CSV import of %s (dry run and real) stays within the budget', async (name, shape, problem) => {
    const sender = await csvSender(shape);
    try {
      expect(sender.bytes).toBeLessThanOrEqual(CSV_BODY_LIMIT);
      const answers: { statuses: number[]; problems: string[] }[] = [];
      const { loop, live } = await blocked(`CSV import, ${name}`, async () => {
        answers.push(await sender.send());
      });
      expect(answers[0]!.statuses).toEqual(problem === null ? [200, 200] : [200, 422]);
      if (problem !== null) expect(answers[0]!.problems.join('\n')).toContain(problem);
      expect(loop).toBeLessThanOrEqual(BUDGET_MS);
      // The fuzzer's limit for any one answer.
      expect(live).toBeLessThanOrEqual(2_000);
    } finally {
      sender.close();
    }
  }, SLOW);

  // The engine's costliest inputs at the longest allowed length: repeated evidence of every kind,
  // and the shapes the linearity property test uses.
  const fill = (unit: string): string => {
    const text = unit.repeat(Math.ceil(MAX_TEXT / unit.length)).slice(0, MAX_TEXT);
    // Not ending in half a surrogate pair: that is a lone surrogate, refused with a 400.
    return /[\ud800-\udbff]$/.test(text) ? text.slice(0, -1) : text;
  };
  const worstTexts: [string, string][] = [
    ['repeated evidence of every kind', fill('WIR MÜSSEN AfD WÄHLEN!!! https://anti-spiegel.ru/a Altparteien, du Vollidiot, hängt sie auf. ')],
    ['obfuscated links', fill('anti-spiegel[.]ru/x hxxps://freedert(.)online/y ')],
    ['dotted host-like tokens', fill('anti-spiegel.ru.')],
    ['capitals with punctuation runs', fill('NEIN!!! ')],
    ['a mix of Unicode', fill('Ä😀а\u200bẞ.ü\u0301ß ')],
    ['insults and vote-call fragments', fill('Wer die Grünen wählt ist ein dummer Hurensohn, wählt AfD nicht ')],
  ];

  it.each(worstTexts)('analysing a comment of %s of the maximum length stays within the budget', async (name, text) => {
    const statuses: number[] = [];
    const { loop } = await blocked(`analysis, ${name}`, async () => {
      const res = await call('POST', '/v1/comments?wait=5000', siteKey, JSON.stringify({ externalId: `loop-${randomUUID()}`, text, author: { id: 'loop-author' } }));
      statuses.push(res.status);
    });
    expect(statuses[0]).toBe(200);
    expect(loop).toBeLessThanOrEqual(BUDGET_MS);
  }, SLOW);

  it('analysing a batch of maximum-length worst comments, as many as the body limit takes, stays within the budget', async () => {
    const comments: { externalId: string; text: string; author: { id: string } }[] = [];
    for (let i = 0; comments.length < MAX_BATCH; i++) {
      const next = { externalId: `loop-batch-${randomUUID()}`, text: worstTexts[i % worstTexts.length]![1], author: { id: 'loop-author' } };
      if (Buffer.byteLength(JSON.stringify({ comments: [...comments, next] })) > BODY_LIMIT) break;
      comments.push(next);
    }
    expect(comments.length).toBeGreaterThan(5);
    const { loop } = await blocked(`analysis, a batch of ${comments.length}`, async () => {
      const res = await call('POST', '/v1/comments/batch', siteKey, JSON.stringify({ comments: comments.map((c) => ({ ...c, externalId: `${c.externalId}-${randomUUID().slice(0, 4)}` })) }));
      expect(res.status).toBe(200);
      const ids = (res.body as unknown as { results: { id: string }[] }).results.map((r) => r.id);
      // Until the worker has analysed every one (an accepted comment always gets its verdict).
      for (const id of ids) {
        await pollUntil(`a verdict for comment ${id}`, async () => {
          const got = (await (await fetch(`${service.base}/v1/comments/${id}`, { headers: { authorization: `Bearer ${siteKey}` } })).json()) as { verdict?: unknown };
          return got.verdict ? true : undefined;
        }, { timeoutMs: 30_000 });
      }
    });
    expect(loop).toBeLessThanOrEqual(BUDGET_MS);
  }, SLOW);
});
