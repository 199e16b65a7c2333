import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { ListsService } from '../src/lists/lists.service.js';

type Call = ReturnType<typeof api>;

const INCIVILITY = ['text.abuse', 'text.insult', 'text.profanity', 'text.threat'];

describe('per-site incivility settings', () => {
  let app: TestApp;
  let admin: Call;
  let db: pg.Pool;

  beforeAll(async () => {
    app = await startTestApp({ LOUPE_LISTS_REFRESH_MS: '1000' }, { worker: true });
    admin = api(app.base, (await makeModerator(app, { role: 'admin' })).token);
    db = new pg.Pool({ connectionString: app.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await app.close();
    await db.end();
  });

  async function rescoreJobs(siteId: string): Promise<number> {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rescore_jobs WHERE site_id = $1`, [siteId]);
    return rows[0]?.n ?? 0;
  }

  it('stores and returns the settings, bumps the site revision shared with the list settings, and starts no re-scoring', async () => {
    const { siteId } = await makeSite(app);
    const path = `/v1/sites/${siteId}/incivility-settings`;
    expect(await admin('GET', path)).toMatchObject({ status: 200, body: { siteId, revision: 0, thresholds: {}, disabled: [] } });

    const put = await admin('PUT', path, { thresholds: { 'text.insult': 0.7, 'text.threat': 0 }, disabled: ['text.profanity', 'text.abuse', 'text.profanity'] });
    expect(put.status).toBe(200);
    const stored = { siteId, revision: 1, thresholds: { 'text.insult': 0.7, 'text.threat': 0 }, disabled: ['text.abuse', 'text.profanity'] };
    expect(put.body).toEqual(stored);
    expect((await admin('GET', path)).body).toEqual(stored);
    expect(await rescoreJobs(siteId)).toBe(0);

    // The list settings show them too, and a list-settings change keeps them (and does re-score).
    const lists = await admin('PUT', `/v1/sites/${siteId}/list-settings`, { lists: null, severityOverrides: { platform: 0.2 } });
    expect(lists.body).toMatchObject({ revision: 2, incivility: { thresholds: stored.thresholds, disabled: stored.disabled } });
    expect((await admin('GET', path)).body).toEqual({ ...stored, revision: 2 });
    expect(await rescoreJobs(siteId)).toBe(1);

    // PUT replaces: an empty body clears both fields; the list settings stay.
    expect((await admin('PUT', path, {})).body).toEqual({ siteId, revision: 3, thresholds: {}, disabled: [] });
    expect((await admin('GET', `/v1/sites/${siteId}/list-settings`)).body).toMatchObject({ revision: 3, severityOverrides: { platform: 0.2 }, incivility: { thresholds: {}, disabled: [] } });
    expect(await rescoreJobs(siteId)).toBe(1);
  });

  it.each([
    ['an unknown code in thresholds', { thresholds: { 'text.insults': 0.5 } }, [{ pointer: '/thresholds/text.insults', message: 'unknown field "text.insults"' }]],
    ['a threshold above 1', { thresholds: { 'text.threat': 1.5 } }, [{ pointer: '/thresholds/text.threat', message: 'must be a probability from 0 to 1' }]],
    ['a threshold below 0', { thresholds: { 'text.insult': -0.1 } }, [{ pointer: '/thresholds/text.insult', message: 'must be a probability from 0 to 1' }]],
    ['a threshold that is not a number', { thresholds: { 'text.abuse': 'high' } }, [{ pointer: '/thresholds/text.abuse', message: expect.any(String) }]],
    ['an unknown code in disabled', { disabled: ['text.insult', 'text.shouting'] }, [{ pointer: '/disabled/1', message: expect.stringContaining('unknown incivility code') }]],
    ['disabled that is not a list', { disabled: 'text.insult' }, [{ pointer: '/disabled', message: expect.any(String) }]],
    ['an unknown field', { thresholds: {}, enabled: false }, [{ pointer: '/enabled', message: 'unknown field "enabled"' }]],
  ])('refuses %s as problem+json with a pointer, and keeps the stored settings', async (_case, body, errors) => {
    const { siteId } = await makeSite(app);
    const path = `/v1/sites/${siteId}/incivility-settings`;
    await admin('PUT', path, { disabled: ['text.profanity'] });
    const res = await admin('PUT', path, body);
    // Every validation error of the API is a 422 problem (parseOrThrow), like the list settings'.
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 422, detail: expect.stringMatching(/^The body of the incivility settings is invalid: \//) });
    expect(res.body.errors).toEqual(errors);
    expect((await admin('GET', path)).body).toMatchObject({ revision: 1, disabled: ['text.profanity'] });
  });

  it('answers 404 for an unknown site and is for admins only', async () => {
    expect((await admin('GET', `/v1/sites/${randomUUID()}/incivility-settings`)).status).toBe(404);
    expect((await admin('PUT', `/v1/sites/${randomUUID()}/incivility-settings`, {})).status).toBe(404);
    expect((await admin('GET', '/v1/sites/not-a-uuid/incivility-settings')).status).toBe(404);
    const { siteId } = await makeSite(app);
    const moderator = api(app.base, (await makeModerator(app, { siteIds: [siteId] })).token);
    expect((await moderator('PUT', `/v1/sites/${siteId}/incivility-settings`, {})).status).toBe(403);
    expect((await api(app.base, null)('GET', `/v1/sites/${siteId}/incivility-settings`)).status).toBe(401);
  });

  it("gives the engine the site's settings in contextFor: empty for a site with only list settings, none for a site without settings", async () => {
    const lists = app.app.get(ListsService);
    const plain = await makeSite(app);
    const listsOnly = await makeSite(app);
    const tuned = await makeSite(app);
    await admin('PUT', `/v1/sites/${listsOnly.siteId}/list-settings`, { lists: null, severityOverrides: {} });
    await admin('PUT', `/v1/sites/${tuned.siteId}/incivility-settings`, { thresholds: { 'text.profanity': 0.9 }, disabled: ['text.threat'] });

    expect(lists.contextFor(plain.siteId, 'de').site).toBeUndefined();
    expect(lists.contextFor(listsOnly.siteId, 'de').site).toMatchObject({ version: 'site@1', incivility: { thresholds: {}, disabled: [] } });
    expect(lists.contextFor(tuned.siteId, 'en').site).toMatchObject({ version: 'site@1', incivility: { thresholds: { 'text.profanity': 0.9 }, disabled: ['text.threat'] } });
  });

  it("records the site's revision in the verdict of a posted comment and gives no reason whose code the site switched off", async () => {
    const { siteId, key } = await makeSite(app);
    const text = 'Du bist ein Vollidiot, halt die Fresse, du Arschloch.';
    // Before the site switches anything off, the model flags it: the settings are what silence it.
    const before = await api(app.base, key)('POST', '/v1/comments?wait=5000', makeComment({ text }));
    expect(before.status).toBe(200);
    expect((before.body.verdict.reasons as { code: string }[]).map((r) => r.code)).toContain('text.insult');
    expect(before.body.verdict.action).toBe('review');
    const put = await admin('PUT', `/v1/sites/${siteId}/incivility-settings`, { disabled: INCIVILITY });
    expect(put.body.disabled).toEqual(INCIVILITY);
    const posted = await api(app.base, key)('POST', '/v1/comments?wait=5000', makeComment({ text }));
    expect(posted.status).toBe(200);
    expect(posted.body.verdict.listsVersion).toMatch(/;site@1$/);
    const codes = (posted.body.verdict.reasons as { code: string }[]).map((r) => r.code);
    expect(codes.filter((c) => INCIVILITY.includes(c))).toEqual([]);
  });
});
