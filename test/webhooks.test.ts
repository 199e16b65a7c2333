import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { DeliveriesRepository } from '../src/webhooks/deliveries.repository.js';
import { DeliverySweeper } from '../src/webhooks/delivery-sweeper.service.js';
import { DeliveryWorker } from '../src/webhooks/delivery.worker.js';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { WebhookReceiver, type ReceivedWebhook } from './support/webhook-receiver.js';
import { pollUntil } from './support/poll.js';

const RETRY_STEPS = 8;

function verify(secret: string, request: ReceivedWebhook): { type: string; timestamp: string; data: Record<string, unknown> } {
  return new Webhook(secret).verify(request.body, request.headers) as { type: string; timestamp: string; data: Record<string, unknown> };
}

describe('webhooks', () => {
  let t: TestApp;
  let db: pg.Pool;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startTestApp(
      {
        WEBHOOK_ALLOW_PRIVATE: 'true',
        LOUPE_WEBHOOK_RETRY_SCHEDULE: Array.from({ length: RETRY_STEPS }, () => '200ms').join(','),
        // Ten minutes: every dispatch in this file comes from PostgreSQL's notification that a
        // committed statement wrote outbox events, not from the fallback poll.
        LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS: '600000',
        LOUPE_WEBHOOK_TIMEOUT_MS: '3000',
      },
      { worker: true },
    );
    db = new pg.Pool({ connectionString: t.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await t.close();
    await db.end();
    await receiver.stop();
  });

  /** A site with an endpoint on its own receiver path. */
  async function siteWithEndpoint(body: Record<string, unknown> = {}): Promise<{ siteId: string; key: string; as: ReturnType<typeof api>; path: string; endpoint: { id: string; secret: string } }> {
    const { siteId, key } = await makeSite(t);
    const as = api(t.base, key);
    const path = `/hooks/${randomUUID()}`;
    const res = await as('POST', '/v1/webhooks/endpoints', { url: receiver.url(path), ...body });
    expect(res.status).toBe(201);
    return { siteId, key, as, path, endpoint: res.body };
  }

  async function attemptLog(as: ReturnType<typeof api>, endpointId: string, query = ''): Promise<Record<string, unknown>[]> {
    const res = await as('GET', `/v1/webhooks/endpoints/${endpointId}/deliveries${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  describe('endpoints API', () => {
    it('creates an endpoint with a whsec_ secret shown once, lists, reads, changes and deletes it', async () => {
      const { key } = await makeSite(t);
      const as = api(t.base, key);
      const created = await as('POST', '/v1/webhooks/endpoints', { url: receiver.url('/crud'), description: 'CMS' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: expect.any(String), url: receiver.url('/crud'), eventTypes: ['comment.verdict', 'comment.decision', 'comment.rescored'],
        enabled: true, description: 'CMS', createdAt: expect.any(String), disabledAt: null,
      });
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(created.body.secret.slice(6), 'base64')).toHaveLength(32);
      const id = created.body.id as string;

      const listed = await as('GET', '/v1/webhooks/endpoints');
      expect(listed.body.items).toHaveLength(1);
      expect(listed.body.items[0].secret).toBeUndefined();
      const one = await as('GET', `/v1/webhooks/endpoints/${id}`);
      expect(one.status).toBe(200);
      expect(one.body.secret).toBeUndefined();
      expect(JSON.stringify(one.body)).not.toContain(created.body.secret.slice(6));

      const patched = await as('PATCH', `/v1/webhooks/endpoints/${id}`, { eventTypes: ['comment.decision'], enabled: false, description: null });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ eventTypes: ['comment.decision'], enabled: false, description: null });

      expect((await as('DELETE', `/v1/webhooks/endpoints/${id}`)).status).toBe(204);
      expect((await as('GET', `/v1/webhooks/endpoints/${id}`)).status).toBe(404);
    });

    it('refuses unknown event types and fields with pointers', async () => {
      const { key } = await makeSite(t);
      const res = await api(t.base, key)('POST', '/v1/webhooks/endpoints', { url: receiver.url('/x'), eventTypes: ['comment.deleted'], colour: 'red' });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/colour', '/eventTypes/0']);
    });

    it("answers 404 for another site's endpoint and never lists it", async () => {
      const { endpoint } = await siteWithEndpoint();
      const other = api(t.base, (await makeSite(t)).key);
      for (const [method, path, body] of [
        ['GET', `/v1/webhooks/endpoints/${endpoint.id}`],
        ['PATCH', `/v1/webhooks/endpoints/${endpoint.id}`, { enabled: false }],
        ['DELETE', `/v1/webhooks/endpoints/${endpoint.id}`],
        ['POST', `/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`],
        ['POST', `/v1/webhooks/endpoints/${endpoint.id}/test`],
        ['GET', `/v1/webhooks/endpoints/${endpoint.id}/deliveries`],
      ] as const) {
        const res = await other(method, path, body);
        expect([method, path, res.status]).toEqual([method, path, 404]);
      }
      expect((await other('GET', '/v1/webhooks/endpoints')).body.items).toEqual([]);
      expect((await api(t.base, null)('GET', '/v1/webhooks/endpoints')).status).toBe(401);
    });
  });

  describe('SSRF guard', () => {
    let strict: TestApp;
    beforeAll(async () => {
      strict = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'false' });
    });
    afterAll(async () => {
      await strict.close();
    });

    it.each([
      ['loopback', 'http://127.0.0.1:8080/hook'],
      ['localhost', 'http://localhost/hook'],
      ['private 10/8', 'http://10.1.2.3/hook'],
      ['private 192.168/16', 'https://192.168.0.10/hook'],
      ['CGNAT', 'http://100.64.1.1/hook'],
      ['metadata', 'http://169.254.169.254/latest/meta-data'],
      ['IPv6 loopback', 'http://[::1]/hook'],
      ['IPv4-mapped IPv6', 'http://[::ffff:127.0.0.1]/hook'],
      ['unique local IPv6', 'http://[fd00:ec2::254]/hook'],
      ['unspecified', 'http://0.0.0.0/hook'],
      ['not http', 'ftp://example.org/hook'],
    ])('refuses a %s URL with 422 and a pointer', async (_name, url) => {
      const { key } = await makeSite(strict);
      const res = await api(strict.base, key)('POST', '/v1/webhooks/endpoints', { url });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ pointer: '/url', message: expect.any(String) }]);
    });

    it('accepts a public address and refuses a change to a private one', async () => {
      const { key } = await makeSite(strict);
      const as = api(strict.base, key);
      const created = await as('POST', '/v1/webhooks/endpoints', { url: 'https://93.184.215.14/hook' });
      expect(created.status).toBe(201);
      const res = await as('PATCH', `/v1/webhooks/endpoints/${created.body.id}`, { url: 'http://[::1]:9/x' });
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ pointer: '/url', message: expect.any(String) }]);
    });
    it('re-checks at delivery time: a name that resolves to loopback is never connected to, whatever was allowed when it was saved', async () => {
      // Saved while private addresses were allowed (or DNS changed since): the strict process's
      // worker connects only to addresses its lookup checked, so the receiver sees nothing.
      const { siteId, as } = await siteWithEndpoint();
      const path = `/hooks/${randomUUID()}`;
      const localName = receiver.url(path).replace('127.0.0.1', 'localhost');
      const endpoint = (await as('POST', '/v1/webhooks/endpoints', { url: localName })).body as { id: string };
      const { deliveryId } = await strict.app.get(DeliveriesRepository).createTestDelivery(siteId, endpoint.id);
      expect(await strict.app.get(DeliveryWorker).deliver(deliveryId)).toBe('retry');
      const [attempt] = await attemptLog(as, endpoint.id);
      expect(attempt).toMatchObject({ statusCode: null, error: expect.stringMatching(/URL refused: .*localhost resolves to .*internal address|internal address.*localhost/) });
      // The scheduled retry must not reach the receiver through the permissive process either.
      await as('PATCH', `/v1/webhooks/endpoints/${endpoint.id}`, { enabled: false });
      expect(receiver.on(path)).toEqual([]);
    });
  });

  describe('delivery', () => {
    it('sends a comment.verdict event signed per Standard Webhooks; tampering or a stale timestamp fails verification', async () => {
      const { as, path, endpoint, siteId } = await siteWithEndpoint();
      const comment = await as('POST', '/v1/comments?wait=5000', makeComment({ text: 'Siehe anti-spiegel.ru/artikel' }));
      expect(comment.body.verdict.action).toBe('reject');
      const [request] = await receiver.waitFor(path, (r) => r.length >= 1);
      const req = request as ReceivedWebhook;
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['user-agent']).toBe('Loupe-Webhooks/1');
      expect(req.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(Math.abs(Number(req.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      const event = verify(endpoint.secret, req);
      expect(event).toEqual({
        type: 'comment.verdict',
        timestamp: expect.any(String),
        data: { commentId: comment.body.id, externalId: comment.body.externalId, siteId, action: 'reject', score: comment.body.verdict.score, reasons: comment.body.verdict.reasons },
      });
      const { rows } = await db.query(`SELECT id FROM outbox_events WHERE payload->>'commentId' = $1`, [comment.body.id]);
      expect(req.headers['webhook-id']).toBe(rows[0].id);

      expect(() => verify(endpoint.secret, { ...req, body: req.body.replace('"reject"', '"approve"') })).toThrow();
      const stale = new Date(Date.now() - 10 * 60_000);
      const staleHeaders = {
        ...req.headers,
        'webhook-timestamp': String(Math.floor(stale.getTime() / 1000)),
        'webhook-signature': new Webhook(endpoint.secret).sign(req.headers['webhook-id'] as string, stale, req.body),
      };
      expect(() => verify(endpoint.secret, { ...req, headers: staleHeaders })).toThrow(/timestamp/i);
      expect(() => verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, req)).toThrow();

      const log = await pollUntil(() => attemptLog(as, endpoint.id), (items) => items.length === 1);
      expect(log[0]).toMatchObject({ success: true, statusCode: 200, eventType: 'comment.verdict', eventId: rows[0].id, deliveryStatus: 'succeeded', responseExcerpt: 'ok' });
      const metrics = await (await fetch(`${t.base}/metrics`)).text();
      expect(metrics).toMatch(/^loupe_webhook_attempts_total\{outcome="succeeded"\} [1-9]/m);
      expect(metrics).toMatch(/^loupe_webhook_attempt_seconds_count [1-9]/m);
    });

    it('retries after 500 twice and delivers on the third attempt with the same webhook-id', async () => {
      const { as, path, endpoint } = await siteWithEndpoint({ eventTypes: ['comment.verdict'] });
      receiver.respond(path, (_req, n) => (n <= 2 ? { status: 500, body: 'boom' } : { status: 200 }));
      await as('POST', '/v1/comments', makeComment());
      const requests = await receiver.waitFor(path, (r) => r.length >= 3);
      expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
      for (const r of requests) verify(endpoint.secret, r);
      const log = await pollUntil(() => attemptLog(as, endpoint.id), (items) => items.length === 3 && items[0]?.deliveryStatus === 'succeeded');
      expect(log.map((a) => a.statusCode)).toEqual([200, 500, 500]);
      expect(log[2]).toMatchObject({ success: false, responseExcerpt: 'boom' });
      expect((await attemptLog(as, endpoint.id, '?success=false')).map((a) => a.statusCode)).toEqual([500, 500]);
      expect((await attemptLog(as, endpoint.id, '?eventType=comment.decision'))).toEqual([]);
      const page1 = await as('GET', `/v1/webhooks/endpoints/${endpoint.id}/deliveries?limit=2`);
      const page2 = await as('GET', `/v1/webhooks/endpoints/${endpoint.id}/deliveries?limit=2&cursor=${page1.body.nextCursor}`);
      expect([...page1.body.items, ...page2.body.items].map((a: { attemptId: string }) => a.attemptId)).toEqual(log.map((a) => a.attemptId));
      expect(page2.body.nextCursor).toBeNull();
      expect((await as('GET', `/v1/webhooks/endpoints/${endpoint.id}`)).body.failingSince).toBeNull();
    });

    it('delivers every event once the receiver is back up: none lost, each webhook-id once after dedup', async () => {
      const down = new WebhookReceiver();
      await down.start();
      try {
        const { key } = await makeSite(t);
        const as = api(t.base, key);
        const created = await as('POST', '/v1/webhooks/endpoints', { url: down.url('/flaky'), eventTypes: ['comment.verdict'] });
        await down.stop();
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push((await as('POST', '/v1/comments?wait=5000', makeComment())).body.id);
        // Every delivery has failed at least once against the closed port: then the receiver comes back.
        await pollUntil(
          async () => (await db.query(`SELECT attempts FROM webhook_deliveries WHERE endpoint_id = $1`, [created.body.id])).rows as { attempts: number }[],
          (rows) => rows.length === 5 && rows.every((r) => r.attempts >= 1),
        );
        await down.start();
        const received = await down.waitFor('/flaky', (r) => new Set(r.map((x) => x.headers['webhook-id'])).size >= 5);
        const commentIds = new Set(received.map((r) => verify(created.body.secret, r).data.commentId));
        expect([...commentIds].sort()).toEqual([...ids].sort());
        const statuses = await pollUntil(
          async () => (await db.query(`SELECT status FROM webhook_deliveries WHERE endpoint_id = $1`, [created.body.id])).rows.map((r) => r.status as string),
          (s) => s.every((x) => x === 'succeeded'),
        );
        expect(statuses).toHaveLength(5);
        const failures = await attemptLog(as, created.body.id, '?success=false&limit=200');
        expect(failures.length).toBeGreaterThanOrEqual(5);
        expect(failures[0]?.error).toEqual(expect.stringMatching(/ECONNREFUSED|fetch failed/));
      } finally {
        await down.stop();
      }
    });

    it('disables the endpoint at once on 410 Gone; enabling it again clears that', async () => {
      const { as, path, endpoint } = await siteWithEndpoint();
      receiver.respond(path, () => ({ status: 410 }));
      await as('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`);
      await receiver.waitFor(path, (r) => r.length >= 1);
      const disabled = await pollUntil(async () => (await as('GET', `/v1/webhooks/endpoints/${endpoint.id}`)).body, (e) => e.disabledAt !== null);
      expect(disabled).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') });
      const log = await pollUntil(() => attemptLog(as, endpoint.id), (items) => items.length === 1);
      expect(log[0]).toMatchObject({ statusCode: 410, deliveryStatus: 'failed' });
      const enabled = await as('PATCH', `/v1/webhooks/endpoints/${endpoint.id}`, { enabled: true });
      expect(enabled.body).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null });
    });

    it('disables an endpoint that has failed without a success for LOUPE_WEBHOOK_DISABLE_AFTER', async () => {
      const { as, path, endpoint } = await siteWithEndpoint();
      receiver.respond(path, () => ({ status: 500 }));
      await db.query(`UPDATE webhook_endpoints SET failing_since = now() - interval '6 days' WHERE id = $1`, [endpoint.id]);
      await as('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`);
      const disabled = await pollUntil(async () => (await as('GET', `/v1/webhooks/endpoints/${endpoint.id}`)).body, (e) => e.disabledAt !== null);
      expect(disabled).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('failing without a success since') });
      // The retry already scheduled finds the endpoint disabled: the delivery fails without a request.
      const log = await pollUntil(() => attemptLog(as, endpoint.id), (items) => items[0]?.deliveryStatus === 'failed');
      expect(log[0]).toMatchObject({ error: 'endpoint disabled', statusCode: null });
      expect(receiver.on(path)).toHaveLength(1);
    });

    it('re-enqueues an overdue pending delivery whose job is missing (Redis flushed)', async () => {
      const { siteId, path, endpoint } = await siteWithEndpoint();
      const eventId = randomUUID();
      // A delivery committed as the dispatcher would, but whose job never reached Redis.
      await db.query(
        `WITH e AS (INSERT INTO outbox_events (id, site_id, type, payload, dispatched_at) VALUES ($1, $2, 'comment.verdict', '{"lost":true}', now()) RETURNING id)
         INSERT INTO webhook_deliveries (id, event_id, endpoint_id, next_attempt_at) SELECT $3, e.id, $4, now() - interval '1 minute' FROM e`,
        [eventId, siteId, randomUUID(), endpoint.id],
      );
      await t.app.get(DeliverySweeper).sweepOnce();
      const [request] = await receiver.waitFor(path, (r) => r.length >= 1);
      expect((request as ReceivedWebhook).headers['webhook-id']).toBe(eventId);
      expect(verify(endpoint.secret, request as ReceivedWebhook).data).toEqual({ lost: true });
    });

    it('prunes events older than LOUPE_WEBHOOK_RETENTION_DAYS with their deliveries and attempts, never one still pending', async () => {
      const { siteId, endpoint } = await siteWithEndpoint();
      const ids = { oldDone: randomUUID(), oldPending: randomUUID(), recent: randomUUID(), undispatched: randomUUID() };
      // Each event with its delivery and attempt in one statement: an old dispatched event without a
      // delivery is exactly what any running sweeper's periodic prune removes, and the processes of
      // other test files share this database.
      const event = (id: string, age: string, dispatched: boolean, status?: string) =>
        db.query(
          `WITH e AS (INSERT INTO outbox_events (id, site_id, type, payload, created_at, dispatched_at) VALUES ($1, $2, 'comment.verdict', '{}', now() - $3::interval, $4) RETURNING id),
           d AS (INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, next_attempt_at) SELECT gen_random_uuid(), e.id, $5, $6::webhook_delivery_status, now() + interval '1 day' FROM e WHERE $6::text IS NOT NULL RETURNING id)
           INSERT INTO webhook_attempts (id, delivery_id, attempted_at, status_code, latency_ms) SELECT gen_random_uuid(), d.id, now() - interval '40 days', 500, 1 FROM d`,
          [id, siteId, age, dispatched ? new Date() : null, endpoint.id, status ?? null],
        );
      await event(ids.oldDone, '40 days', true, 'succeeded');
      await event(ids.oldPending, '40 days', true, 'pending');
      await event(ids.recent, '1 day', true, 'failed');
      await event(ids.undispatched, '40 days', false);

      await t.app.get(DeliverySweeper).prune();
      const left = await db.query(`SELECT id FROM outbox_events WHERE id = ANY($1)`, [Object.values(ids)]);
      expect(left.rows.map((r) => r.id).sort()).toEqual([ids.oldPending, ids.recent, ids.undispatched].sort());
      const orphans = await db.query(`SELECT count(*)::int AS n FROM webhook_deliveries d WHERE d.event_id = $1`, [ids.oldDone]);
      expect(orphans.rows[0].n).toBe(0);
      // Do not leave a pending delivery for the worker to send.
      await db.query(`DELETE FROM outbox_events WHERE id = ANY($1)`, [Object.values(ids)]);
    });

    it('waits at least Retry-After before the next attempt after 429', async () => {
      const { as, path, endpoint } = await siteWithEndpoint();
      receiver.respond(path, (_req, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
      await as('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`);
      const [first, second] = await receiver.waitFor(path, (r) => r.length >= 2);
      expect((second as ReceivedWebhook).receivedAt - (first as ReceivedWebhook).receivedAt).toBeGreaterThanOrEqual(1_000);
      expect((second as ReceivedWebhook).headers['webhook-id']).toBe((first as ReceivedWebhook).headers['webhook-id']);
    });

    it('signs with both secrets during a rotation overlap, each signature verifiable with its own secret', async () => {
      const { as, path, endpoint } = await siteWithEndpoint();
      const rotated = await as('POST', `/v1/webhooks/endpoints/${endpoint.id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).toMatch(/^whsec_/);
      expect(rotated.body.secret).not.toBe(endpoint.secret);
      expect(Date.parse(rotated.body.previousSecretValidUntil)).toBeGreaterThan(Date.now() + 3_600_000);
      await as('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`);
      const [request] = await receiver.waitFor(path, (r) => r.length >= 1);
      const req = request as ReceivedWebhook;
      const signatures = (req.headers['webhook-signature'] as string).split(' ');
      expect(signatures).toHaveLength(2);
      expect(verify(rotated.body.secret, { ...req, headers: { ...req.headers, 'webhook-signature': signatures[0] as string } }).type).toBe('webhook.test');
      expect(verify(endpoint.secret, { ...req, headers: { ...req.headers, 'webhook-signature': signatures[1] as string } }).type).toBe('webhook.test');
      expect(() => verify(endpoint.secret, { ...req, headers: { ...req.headers, 'webhook-signature': signatures[0] as string } })).toThrow();
    });

    it('never sends the event of a rolled-back transaction, while a later committed one arrives', async () => {
      const { siteId, path, endpoint } = await siteWithEndpoint();
      const client = await db.connect();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO outbox_events (id, site_id, type, payload) VALUES ($1, $2, 'comment.verdict', '{"marker":"rolled-back"}')`, [randomUUID(), siteId]);
        await client.query('ROLLBACK');
      } finally {
        client.release();
      }
      await db.query(`INSERT INTO outbox_events (id, site_id, type, payload) VALUES ($1, $2, 'comment.verdict', '{"marker":"committed"}')`, [randomUUID(), siteId]);
      const received = await receiver.waitFor(path, (r) => r.length >= 1);
      expect(received.map((r) => verify(endpoint.secret, r).data)).toEqual([{ marker: 'committed' }]);
      // The dispatcher has since taken every committed event of the site: nothing else is on its way.
      await pollUntil(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE site_id = $1 AND dispatched_at IS NULL`, [siteId])).rows[0].n as number, (n) => n === 0);
      expect(receiver.on(path)).toHaveLength(1);
    });

    it("delivers a moderator's decision as comment.decision", async () => {
      const { siteId, as, path, endpoint } = await siteWithEndpoint({ eventTypes: ['comment.decision'] });
      const comment = await as('POST', '/v1/comments?wait=5000', makeComment());
      const mod = await makeModerator(t, { siteIds: [siteId] });
      const decided = await api(t.base, mod.token)('POST', `/v1/comments/${comment.body.id}/decision`, { action: 'reject', reason: 'spam' });
      expect(decided.status).toBe(200);
      const [request] = await receiver.waitFor(path, (r) => r.length >= 1);
      const event = verify(endpoint.secret, request as ReceivedWebhook);
      expect(event).toMatchObject({ type: 'comment.decision', data: { commentId: comment.body.id, siteId, status: 'rejected', action: 'reject', reason: 'spam', decidedBy: mod.userId } });
      expect(receiver.on(path)).toHaveLength(1);
    });

    it('sends a webhook.test event, retries a delivery with the same webhook-id, and recovers failed deliveries with a new retry schedule', async () => {
      const { as, path, endpoint } = await siteWithEndpoint();
      // Requests up to this number (1-based, on this path) fail.
      let failThrough = Infinity;
      receiver.respond(path, (_req, n) => (n <= failThrough ? { status: 500 } : { status: 204 }));
      const since = new Date(Date.now() - 1_000).toISOString();
      const test = await as('POST', `/v1/webhooks/endpoints/${endpoint.id}/test`);
      expect(test.status).toBe(202);
      // 1 + RETRY_STEPS attempts, then the delivery has failed.
      await pollUntil(async () => (await db.query(`SELECT status FROM webhook_deliveries WHERE id = $1`, [test.body.deliveryId])).rows[0].status, (s) => s === 'failed');
      expect(receiver.on(path)).toHaveLength(1 + RETRY_STEPS);
      expect(verify(endpoint.secret, receiver.on(path)[0] as ReceivedWebhook)).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });

      // The receiver is back but its first answer after the recovery still fails: the recovered
      // delivery has a whole schedule again, so the automatic retry delivers it.
      failThrough = 2 + RETRY_STEPS;
      const recovered = await as('POST', `/v1/webhooks/endpoints/${endpoint.id}/recover?since=${encodeURIComponent(since)}`);
      expect(recovered.body).toEqual({ recovered: 1 });
      await receiver.waitFor(path, (r) => r.length >= 3 + RETRY_STEPS);
      await pollUntil(async () => (await db.query(`SELECT status FROM webhook_deliveries WHERE id = $1`, [test.body.deliveryId])).rows[0].status, (s) => s === 'succeeded');
      const log = await pollUntil(() => attemptLog(as, endpoint.id), (items) => items.length === 3 + RETRY_STEPS);
      expect(log.map((a) => a.statusCode).sort()).toEqual([204, ...Array.from({ length: 2 + RETRY_STEPS }, () => 500)]);

      const retried = await as('POST', `/v1/webhooks/deliveries/${test.body.deliveryId}/retry`);
      expect(retried.status).toBe(202);
      const all = await receiver.waitFor(path, (r) => r.length >= 4 + RETRY_STEPS);
      expect(new Set(all.map((r) => r.headers['webhook-id']))).toEqual(new Set([test.body.eventId]));
      expect((await api(t.base, (await makeSite(t)).key)('POST', `/v1/webhooks/deliveries/${test.body.deliveryId}/retry`)).status).toBe(404);
    });
  });
});
