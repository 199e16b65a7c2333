import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { SitesService } from '../src/sites/sites.service.js';
import { api, makeComment, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { pollUntil } from './support/poll.js';

const SEED = 'test/fixtures/seed-article-and-comments.txt';
const PROBLEM = 'application/problem+json';

function withoutListVersion(reasons: unknown[]): unknown[] {
  return (reasons as { details: Record<string, unknown> }[]).map((r) => ({ ...r, details: { ...r.details, listVersion: undefined } }));
}

describe('the moderation API against real PostgreSQL and Redis, with the embedded worker', () => {
  let t: TestApp;
  let key: string;
  let call: ReturnType<typeof api>;
  let db: pg.Pool;

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true });
    ({ key } = await makeSite(t));
    call = api(t.base, key);
    db = new pg.Pool({ connectionString: t.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  describe('the seed comments', () => {
    const lines = readFileSync(SEED, 'utf8').split('\n').map((text, i) => ({ line: i + 1, text })).filter((l) => l.text.trim() !== '');

    it('get the same verdicts and reasons through the API as from `loupe moderate`', async () => {
      const { stdout } = await promisify(execFile)('node', ['bin/loupe.js', 'moderate', '--json', SEED], { maxBuffer: 16 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
      const cli = new Map(stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => { const r = JSON.parse(l) as { line: number; action: string; score: number; reasons: unknown[] }; return [r.line, r]; }));
      const runId = Date.now();
      const answers = await Promise.all(lines.map((l) => call('POST', '/v1/comments?wait=5000', { externalId: `seed-${runId}-${l.line}`, text: l.text })));
      answers.forEach((res, i) => {
        const line = lines[i]!.line;
        expect(res.status).toBe(200);
        expect(res.body.verdict).not.toBeNull();
        const expected = cli.get(line)!;
        // The offline command names the bundled file's version of a list, the service the list's
        // revision in PostgreSQL (lists are managed data there); everything else is the same.
        expect({ line, action: res.body.verdict.action, score: res.body.verdict.score, reasons: withoutListVersion(res.body.verdict.reasons) }).toEqual({
          line,
          action: expected.action,
          score: expected.score,
          reasons: withoutListVersion(expected.reasons),
        });
        for (const r of res.body.verdict.reasons as { details: { listVersion?: string } }[]) {
          if (r.details.listVersion !== undefined) expect(r.details.listVersion).toMatch(/^\d+$/);
        }
      });
      const rejected = answers.map((a) => a.body).find((b) => b.verdict.reasons.some((r: { details: { domain?: string } }) => r.details.domain === 'freedert.online'));
      expect(rejected.status).toBe('rejected');
      expect(rejected.links).toEqual([expect.objectContaining({ domain: 'freedert.online', entity: 'RT DE', listId: 'loupe-de', category: 'state_media' })]);
    });
  });

  describe('ingest', () => {
    it('accepts a comment with 202, pending, and the links found in its text', async () => {
      const body = makeComment({ text: 'Quelle: anti-spiegel[.]ru/artikel – lest selbst' });
      const res = await call('POST', '/v1/comments', body);
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ externalId: body.externalId, status: 'pending', links: [{ domain: 'anti-spiegel.ru', start: 8, end: 33 }] });
      const { rows } = await db.query('SELECT text, status FROM comments WHERE id = $1', [res.body.id]);
      expect(rows[0]?.text).toBe(body.text);
    });

    it('stores the verdict, its reasons and its links, readable by id and by externalId', async () => {
      const body = makeComment({ text: 'WIR MÜSSEN AfD WÄHLEN!!! https://de.rt.com/inland/123', author: { id: 'u1', name: 'Leser' }, language: 'de' });
      const posted = await call('POST', '/v1/comments?wait=5000', body);
      expect(posted.status).toBe(200);
      const byId = await call('GET', `/v1/comments/${posted.body.id}`);
      const byExternal = await call('GET', `/v1/comments?externalId=${encodeURIComponent(String(body.externalId))}`);
      expect(byId.status).toBe(200);
      expect(byExternal.body).toEqual(byId.body);
      expect(byId.body.verdict.reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['link.listed', 'text.vote_call', 'text.shouting']));
      expect(byId.body.links[0]).toMatchObject({ domain: 'rt.com', entity: 'RT DE' });
      const { rows } = await db.query('SELECT count(*)::int AS n FROM verdicts WHERE comment_id = $1', [byId.body.id]);
      expect(rows[0]?.n).toBe(1);
    });

    it('answers a replay of the same comment with 200 and the same comment, and a reused externalId with 409', async () => {
      const body = makeComment();
      const first = await call('POST', '/v1/comments', body);
      const again = await call('POST', '/v1/comments', body);
      expect(first.status).toBe(202);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      const conflict = await call('POST', '/v1/comments', { ...body, text: 'ein anderer Text' });
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toContain(PROBLEM);
      expect(conflict.body).toMatchObject({ status: 409, code: 'comment/conflict', detail: expect.stringContaining(String(body.externalId)) });
    });

    it('stores one comment when the same externalId arrives twice at once', async () => {
      const body = makeComment();
      const both = await Promise.all([call('POST', '/v1/comments', body), call('POST', '/v1/comments', body)]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 202]);
      expect(both[0]!.body.id).toBe(both[1]!.body.id);
    });

    it('answers 202 without a verdict when wait is 0', async () => {
      const res = await call('POST', '/v1/comments?wait=0', makeComment());
      expect(res.status).toBe(202);
      expect(res.body.status).toBe('pending');
    });

    it('takes a batch with a result per item: new, replayed, conflicting and invalid', async () => {
      const old = makeComment();
      await call('POST', '/v1/comments', old);
      const fresh = makeComment();
      const res = await call('POST', '/v1/comments/batch', { comments: [fresh, old, { ...old, text: 'anders' }, { externalId: 'x' }, 'nonsense'] });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([202, 200, 409, 422, 422]);
      expect(res.body.results[3].problem.errors).toEqual([{ pointer: '/comments/3/text', message: expect.any(String) }]);
      expect(res.body.results[0]).toMatchObject({ index: 0, externalId: fresh.externalId, id: expect.any(String) });
    });

    it('refuses a batch over 500 comments with a pointer to the array', async () => {
      const res = await call('POST', '/v1/comments/batch', { comments: Array.from({ length: 501 }, () => makeComment()) });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ pointer: '/comments', message: expect.stringContaining('500') }]);
    });
  });

  describe('authentication and site isolation', () => {
    it.each([
      ['no Authorization header', null],
      ['an unknown key', 'loupe_not-a-real-key'],
    ])('answers 401 problem+json for %s', async (_name, badKey) => {
      const res = await api(t.base, badKey)('POST', '/v1/comments', makeComment());
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      expect(res.body.detail).toEqual(expect.any(String));
    });

    it('stops accepting a key once it is revoked', async () => {
      const { siteId } = await makeSite(t);
      const sites = t.app.get(SitesService);
      const { key: doomed, row } = await sites.createKey(siteId);
      expect((await api(t.base, doomed)('POST', '/v1/comments', makeComment())).status).toBe(202);
      await sites.revokeKey(row.id);
      expect((await api(t.base, doomed)('POST', '/v1/comments', makeComment())).status).toBe(401);
    });

    it('hides one site\'s comments from another site (404, not 403)', async () => {
      const body = makeComment();
      const mine = await call('POST', '/v1/comments', body);
      const other = api(t.base, (await makeSite(t)).key);
      const byId = await other('GET', `/v1/comments/${mine.body.id}`);
      const byExternal = await other('GET', `/v1/comments?externalId=${String(body.externalId)}`);
      expect([byId.status, byExternal.status]).toEqual([404, 404]);
      expect(byId.body.code).toBe('comment/not_found');
      // The same externalId is free for the other site: ids are per site.
      expect((await other('POST', '/v1/comments', { ...body, text: 'anderer Text, andere Seite' })).status).toBe(202);
    });
  });

  describe('bad input gets a 4xx problem+json, never a 500', () => {
    const oversize = JSON.stringify({ externalId: 'big', text: 'a'.repeat(300 * 1024) });
    it.each([
      ['malformed JSON', '{"externalId": "a",', { 'content-type': 'application/json' }, 400, 'request/invalid_json', undefined],
      ['a text/plain body', 'hello', { 'content-type': 'text/plain' }, 415, 'request/unsupported_media_type', undefined],
      ['no content type', 'hello', {}, 415, 'request/unsupported_media_type', undefined],
      ['invalid UTF-8', Uint8Array.from([...Buffer.from('{"externalId":"u","text":"'), 0xff, 0xfe, ...Buffer.from('"}')]), { 'content-type': 'application/json' }, 400, 'request/invalid_utf8', undefined],
      ['a body over 256 KB', oversize, { 'content-type': 'application/json' }, 413, 'request/too_large', undefined],
      ['an empty JSON body', '', { 'content-type': 'application/json' }, 400, 'request/empty_body', undefined],
      ['an unknown field', JSON.stringify({ externalId: 'a', text: 'b', score: 1 }), { 'content-type': 'application/json' }, 422, 'request/validation', '/score'],
      ['a text over the configured length', JSON.stringify({ externalId: 'a', text: 'x'.repeat(20_001) }), { 'content-type': 'application/json' }, 422, 'request/validation', '/text'],
      ['a NUL character', JSON.stringify({ externalId: 'a', text: 'a\u0000b' }), { 'content-type': 'application/json' }, 422, 'request/validation', '/text'],
      ['a lone surrogate', '{"externalId":"a","text":"a\\ud800b"}', { 'content-type': 'application/json' }, 422, 'request/validation', '/text'],
      ['a bad author', JSON.stringify({ externalId: 'a', text: 'b', author: { id: 5 } }), { 'content-type': 'application/json' }, 422, 'request/validation', '/author/id'],
      ['a bad createdAt', JSON.stringify({ externalId: 'a', text: 'b', createdAt: 'yesterday' }), { 'content-type': 'application/json' }, 422, 'request/validation', '/createdAt'],
      ['a JSON array', '[]', { 'content-type': 'application/json' }, 422, 'request/validation', ''],
    ])('%s', async (_name, body, headers, status, code, pointer) => {
      const res = await call('POST', '/v1/comments', body, headers);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body).toMatchObject({ type: `urn:loupe:problem:${code}`, status, code, detail: expect.any(String), instance: '/v1/comments', requestId: expect.any(String) });
      if (pointer !== undefined) expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    });

    it.each([
      ['a wait over 5000 ms', 'POST', '/v1/comments?wait=6000', 422],
      ['a comment id that is not a UUID', 'GET', '/v1/comments/123', 404],
      ['an unknown route', 'GET', '/v2/nothing', 404],
      ['a lookup without externalId', 'GET', '/v1/comments', 422],
    ])('%s', async (_name, method, path, status) => {
      const res = await call(method, path, method === 'POST' ? makeComment() : undefined);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
    });

    it('echoes the caller\'s X-Request-Id in the problem', async () => {
      const res = await call('POST', '/v1/comments', '{', { 'content-type': 'application/json', 'x-request-id': 'req-42' });
      expect(res.body.requestId).toBe('req-42');
      expect(res.headers.get('x-request-id')).toBe('req-42');
    });
  });

  describe('operations', () => {
    it('is ready when PostgreSQL and Redis answer', async () => {
      const res = await call('GET', '/health/ready');
      expect(res.status).toBe(200);
      expect(res.body.info).toMatchObject({ postgresql: { status: 'up' }, redis: { status: 'up' } });
    });

    it('serves Prometheus metrics with ingest, verdict and latency series', async () => {
      const res = await call('GET', '/metrics');
      expect(res.status).toBe(200);
      for (const name of ['loupe_comments_ingested_total', 'loupe_verdicts_total{action="reject"}', 'loupe_analysis_seconds_bucket', 'loupe_end_to_end_seconds_count', 'loupe_queue_depth{state="waiting"}']) {
        expect(res.body).toContain(name);
      }
    });

    it('publishes an OpenAPI document (the UI at /docs is checked in service-process.test.ts)', async () => {
      const doc = await call('GET', '/docs/openapi.json');
      expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/comments', '/v1/comments/batch', '/v1/comments/{id}', '/health/ready']));
      expect(doc.body.paths['/v1/comments'].post.requestBody.content['application/json'].schema.required).toEqual(['externalId', 'text']);
    });
  });
});

describe('rate limit per API key', () => {
  it('answers 429 with Retry-After once a key is over its burst, and other keys still pass', async () => {
    const t = await startTestApp({ LOUPE_RATE_LIMIT_PER_SECOND: '0.5', LOUPE_RATE_LIMIT_BURST: '2' });
    try {
      const a = api(t.base, (await makeSite(t)).key);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await a('POST', '/v1/comments', makeComment())).status);
      expect(statuses).toEqual([202, 202, 429]);
      const limited = await a('POST', '/v1/comments', makeComment());
      expect(limited.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(limited.body.code).toBe('rate/limited');
      expect((await api(t.base, (await makeSite(t)).key)('POST', '/v1/comments', makeComment())).status).toBe(202);
    } finally {
      await t.close();
    }
  });
});

describe('when a dependency is down', () => {
  it('answers 503 problem+json and stores nothing when PostgreSQL cannot be reached', async () => {
    const t = await startTestApp({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/loupe_test' });
    try {
      const res = await api(t.base, 'loupe_any')('POST', '/v1/comments', makeComment());
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.body.code).toBe('service/database_unavailable');
      expect((await fetch(`${t.base}/health/ready`)).status).toBe(503);
    } finally {
      await t.close();
    }
  });

  it('accepts and stores comments while Redis is down; the sweeper of a worker enqueues them later', async () => {
    const noRedis = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    const worker = await startTestApp({ LOUPE_SWEEP_INTERVAL_MS: '200', LOUPE_SWEEP_AFTER_MS: '300' }, { worker: true });
    try {
      const { key } = await makeSite(noRedis);
      const res = await api(noRedis.base, key)('POST', '/v1/comments', makeComment({ text: 'Siehe freedert.online' }));
      expect(res.status).toBe(202);
      expect((await fetch(`${noRedis.base}/health/ready`)).status).toBe(503);
      const read = api(worker.base, key);
      const comment = await pollUntil(async () => (await read('GET', `/v1/comments/${res.body.id}`)).body, (c) => c.verdict !== null, 20_000, 100);
      expect(comment).toMatchObject({ status: 'rejected', verdict: { action: 'reject' } });
    } finally {
      await noRedis.close();
      await worker.close();
    }
  });
});
