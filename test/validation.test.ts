import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';

const PROBLEM = 'application/problem+json';
const NUL = '\u0000';
const LONE = '\uD800';
const cursor = (parts: unknown[]): string => Buffer.from(JSON.stringify(parts)).toString('base64url');

/**
 * The one validation layer on the running service: strings PostgreSQL cannot store, dates out of
 * its range and cursors that are not this API's, in path, query and body of every feature, are a
 * 4xx problem with a pointer (each of these was a 500 or a silent U+FFFD before).
 */
describe('bad input anywhere is a 4xx problem with a pointer, never a 500', () => {
  let t: TestApp;
  let publisher: ReturnType<typeof api>;
  let admin: ReturnType<typeof api>;
  let siteId: string;
  const list = `validation-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    t = await startTestApp();
    const site = await makeSite(t);
    siteId = site.siteId;
    publisher = api(t.base, site.key);
    admin = api(t.base, (await makeModerator(t, { role: 'admin' })).token);
    expect((await admin('POST', '/v1/lists', { id: list, name: 'Validation test list' })).status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  const id = randomUUID();
  const inRange = '2026-11-24T10:00:00.000Z';
  type Case = [name: string, who: 'publisher' | 'admin', method: string, path: string, body: unknown, status: number, pointer: string];
  const cases: Case[] = [
    // comments
    ['a lone surrogate in a comment text', 'publisher', 'POST', '/v1/comments', makeComment({ text: `Hallo ${LONE}` }), 422, '/text'],
    ['a NUL in an author name', 'publisher', 'POST', '/v1/comments', makeComment({ author: { name: `a${NUL}` } }), 422, '/author/name'],
    ['a NUL in an articleUrl', 'publisher', 'POST', '/v1/comments', makeComment({ articleUrl: `https://news.example/a${NUL}` }), 422, '/articleUrl'],
    ['a NUL in an unknown key', 'publisher', 'POST', '/v1/comments', { ...makeComment(), [`x${NUL}`]: 1 }, 422, `/x${NUL}`],
    ['the year 0000 as createdAt', 'publisher', 'POST', '/v1/comments', makeComment({ createdAt: '0000-01-01T00:00:00Z' }), 422, '/createdAt'],
    ['a NUL in the externalId query', 'publisher', 'GET', '/v1/comments?externalId=a%00b', undefined, 422, '/externalId'],
    ['a NUL in a comment id', 'publisher', 'GET', '/v1/comments/a%00b', undefined, 422, '/id'],
    // webhooks
    ['a NUL in a webhook description', 'publisher', 'POST', '/v1/webhooks/endpoints', { url: 'https://hooks.example/x', description: `a${NUL}` }, 422, '/description'],
    ['a delivery-log cursor with a date out of range', 'publisher', 'GET', `/v1/webhooks/endpoints/${id}/deliveries?cursor=${cursor(['-271821-04-20T00:00:00.000Z', id])}`, undefined, 422, '/cursor'],
    ['a delivery-log date in year 0000', 'publisher', 'GET', `/v1/webhooks/endpoints/${id}/deliveries?from=0000-01-01T00:00:00Z`, undefined, 422, '/from'],
    ['a recovery since in year 275760', 'publisher', 'POST', `/v1/webhooks/endpoints/${id}/recover?since=275760-01-01T00:00:00Z`, undefined, 422, '/since'],
    // review
    ['a NUL in the queue text search', 'admin', 'GET', '/v1/review/queue?q=a%00', undefined, 422, '/q'],
    ['a queue from in year 0000', 'admin', 'GET', '/v1/review/queue?from=0000-01-01T00:00:00Z', undefined, 422, '/from'],
    ['a queue to of six digits', 'admin', 'GET', `/v1/review/queue?to=${encodeURIComponent('+010000-01-01T00:00:00Z')}`, undefined, 422, '/to'],
    ['a queue cursor with a date out of range', 'admin', 'GET', `/v1/review/queue?cursor=${cursor(['score', -0.5, '-271821-04-20T00:00:00.000Z', id])}`, undefined, 422, '/cursor'],
    ['a queue cursor of garbage JSON', 'admin', 'GET', `/v1/review/queue?cursor=${cursor([{ a: 1 }])}`, undefined, 422, '/cursor'],
    ['stats from in year 0000', 'admin', 'GET', '/v1/review/stats?from=0000-01-01T00:00:00Z', undefined, 422, '/from'],
    ['a NUL in an author id', 'admin', 'GET', '/v1/review/authors/a%00b', undefined, 422, '/authorId'],
    ['a lone surrogate in a decision note', 'admin', 'POST', `/v1/comments/${id}/decision`, { action: 'escalate', note: `x${LONE}` }, 422, '/note'],
    ['a lone surrogate in a bulk decision note', 'admin', 'POST', '/v1/review/decisions', { ids: [id], action: 'escalate', note: LONE }, 422, '/note'],
    // domains
    ['a domain window since in year 0000', 'admin', 'GET', '/v1/domains/top?since=0000-01-01T00:00:00Z', undefined, 422, '/since'],
    ['a domain window at the start of year 1', 'admin', 'GET', '/v1/domains/top?until=0001-01-01T12:00:00Z', undefined, 422, '/until'],
    ['a NUL in a domain', 'admin', 'GET', '/v1/domains/a%00.de', undefined, 422, '/domain'],
    // lists (the controller is checked by the global pipe, the schemas by the storable-text rule)
    ['a lone surrogate in a list name', 'admin', 'POST', '/v1/lists', { id: `v-${randomUUID().slice(0, 8)}`, name: `RT ${LONE}` }, 422, '/name'],
    ['a lone surrogate in an entry note', 'admin', 'POST', `/v1/lists/${list}/entries`, { pattern: 'example-rt.ru', category: 'state_media', severity: 0.9, note: LONE }, 422, '/note'],
    ['a NUL in an entry search cursor', 'admin', 'GET', '/v1/lists/entries?cursor=a%00', undefined, 422, '/cursor'],
    ['a NUL in a list id', 'admin', 'GET', '/v1/lists/a%00b', undefined, 422, '/id'],
    ['a NUL in a site setting', 'admin', 'PUT', `/v1/sites/${randomUUID()}/list-settings`, { lists: [NUL] }, 422, '/lists/0'],
    ['a NUL in an allowlisted domain', 'admin', 'POST', `/v1/sites/${randomUUID()}/allowlist`, { domain: `a${NUL}.de` }, 422, '/domain'],
  ];

  it.each(cases)('%s', async (_name, who, method, path, body, status, pointer) => {
    const res = await (who === 'publisher' ? publisher : admin)(method, path, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
  });

  it('refuses only the bad item of a batch, with its pointer, and stores the others', async () => {
    const res = await publisher('POST', '/v1/comments/batch', { comments: [makeComment(), makeComment({ text: LONE }), makeComment({ [`k${NUL}`]: 1 })] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: number }) => r.status)).toEqual([202, 422, 422]);
    expect(res.body.results[1].problem.errors).toEqual([expect.objectContaining({ pointer: '/comments/1/text', message: expect.stringMatching(/lone surrogates/) })]);
    expect(res.body.results[2].problem.errors).toEqual([expect.objectContaining({ pointer: `/comments/2/k${NUL}` })]);
  });

  it('reports a NUL in a CSV import by its line', async () => {
    const res = await admin('POST', `/v1/lists/${list}/import?dryRun=true`, `pattern,category,severity\nexample-rt.ru,state_media,0.9\nbad${NUL}.ru,satire,0.5\n`, { 'content-type': 'text/csv' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.body.detail).toMatch(/line 3 .*NUL/);
  });

  it('still takes what it always took: an emoji, a date in range, its own cursor', async () => {
    const created = await publisher('POST', '/v1/comments', makeComment({ text: 'Gut gemacht \uD83D\uDE00', createdAt: inRange }));
    expect(created.status).toBe(202);
    const page = await admin('GET', `/v1/review/queue?status=pending&site=${siteId}&limit=1&from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z`);
    expect(page.status).toBe(200);
    await publisher('POST', '/v1/comments', makeComment());
    const first = await admin('GET', `/v1/review/queue?status=pending&site=${siteId}&limit=1`);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect((await admin('GET', `/v1/review/queue?status=pending&site=${siteId}&limit=1&cursor=${first.body.nextCursor}`)).status).toBe(200);
  });
});
