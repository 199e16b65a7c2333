import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { api, makeComment, makeSite, startTestApp, type TestApp } from './support/http-app.js';

describe('comment.verdict events in the transactional outbox', () => {
  let t: TestApp;
  let db: pg.Pool;

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true });
    db = new pg.Pool({ connectionString: t.config.DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  async function events(commentId: string): Promise<{ type: string; payload: Record<string, unknown> }[]> {
    const { rows } = await db.query(`SELECT type, payload FROM outbox_events WHERE payload->>'commentId' = $1`, [commentId]);
    return rows;
  }

  it('writes one event with the verdict for a site whose endpoint wants it, in the verdict statement', async () => {
    const { siteId, key } = await makeSite(t);
    await db.query(
      `INSERT INTO webhook_endpoints (id, site_id, url, event_types, secret) VALUES ($1, $2, 'http://127.0.0.1:9/hook', '{comment.verdict}', 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0')`,
      [randomUUID(), siteId],
    );
    const res = await api(t.base, key)('POST', '/v1/comments?wait=5000', makeComment({ text: 'Siehe anti-spiegel.ru/artikel' }));
    expect(res.body.verdict.action).toBe('reject');
    const written = await events(res.body.id);
    expect(written).toEqual([
      {
        type: 'comment.verdict',
        payload: { commentId: res.body.id, externalId: res.body.externalId, siteId, action: 'reject', score: res.body.verdict.score, reasons: res.body.verdict.reasons },
      },
    ]);
  });

  it('writes nothing for a site without an endpoint for comment.verdict', async () => {
    const { siteId, key } = await makeSite(t);
    await db.query(
      `INSERT INTO webhook_endpoints (id, site_id, url, event_types, secret) VALUES ($1, $2, 'http://127.0.0.1:9/hook', '{comment.decision}', 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0')`,
      [randomUUID(), siteId],
    );
    const res = await api(t.base, key)('POST', '/v1/comments?wait=5000', makeComment());
    expect(res.body.verdict).not.toBeNull();
    expect(await events(res.body.id)).toEqual([]);
  });
});
