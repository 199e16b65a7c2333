import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { pollUntil } from './support/poll.js';
import { SubscriptionsService } from '../src/subscriptions/subscriptions.service.js';

type Call = ReturnType<typeof api>;

/** A real feed server: serves `body` with an ETag, answers 304 to a matching If-None-Match, records requests. */
class FeedServer {
  body = '[]';
  contentType = 'application/json';
  status = 200;
  readonly requests: IncomingHttpHeaders[] = [];
  private server: Server | undefined;
  url = '';

  etag(): string {
    let h = 0;
    for (let i = 0; i < this.body.length; i++) h = (Math.imul(h, 31) + this.body.charCodeAt(i)) | 0;
    return `"${(h >>> 0).toString(16)}-${this.body.length}"`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push(req.headers);
      if (this.status !== 200) {
        res.writeHead(this.status).end('down');
        return;
      }
      const etag = this.etag();
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': this.contentType, etag }).end(this.body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/feed.json`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function fresh(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}.online`;
}

function feedOf(...domains: string[]): string {
  return JSON.stringify(domains.map((domain) => ({ pattern: domain, category: 'disinformation', severity: 0.8, note: 'from the feed' })));
}

describe('subscribed lists', () => {
  let app: TestApp;
  let admin: Call;
  const feed = new FeedServer();

  beforeAll(async () => {
    await feed.start();
    app = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', LOUPE_LISTS_REFRESH_MS: '200', LOUPE_SUBSCRIPTION_MAX_BYTES: '65536' }, { worker: true });
    admin = api(app.base, (await makeModerator(app, { role: 'admin' })).token);
  });
  afterAll(async () => {
    await app.close();
    await feed.stop();
  });

  async function newList(): Promise<string> {
    const id = `feed-${randomUUID().slice(0, 8)}`;
    expect((await admin('POST', '/v1/lists', { id, name: `Feed ${id}`, license: 'CC0' })).status).toBe(201);
    return id;
  }

  async function entriesOf(id: string): Promise<string[]> {
    const res = await admin('GET', `/v1/lists/${id}/export?format=json`);
    expect(res.status).toBe(200);
    const body = res.body as { entries?: { pattern: string }[] } | { pattern: string }[];
    return (Array.isArray(body) ? body : (body.entries ?? [])).map((e) => e.pattern).sort();
  }

  it('refuses a malformed subscription and an unknown list with problem+json', async () => {
    const bad = await admin('PUT', `/v1/lists/${await newList()}/subscription`, { url: 'ftp://example.org/x', format: 'xml', refresh: '1s' });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/format', '/refresh', '/url']);
    const unknown = await admin('PUT', '/v1/lists/no-such-list/subscription', { url: feed.url, format: 'json' });
    expect(unknown.status).toBe(404);
  });

  it('fetches a feed, applies it, then sends the ETag and keeps the revision while it is unchanged', async () => {
    const id = await newList();
    const [a, b] = [fresh('feed-a'), fresh('feed-b')];
    feed.body = feedOf(a, b);
    const put = await admin('PUT', `/v1/lists/${id}/subscription`, { url: feed.url, format: 'json', refresh: '6h', token: 'secret-token-1' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ listId: id, url: feed.url, format: 'json', refresh: '6h', hasToken: true, lastOutcome: null });
    expect(JSON.stringify(put.body)).not.toContain('secret-token-1');

    const first = await admin('POST', `/v1/lists/${id}/subscription/refresh`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'applied', added: 2, removed: 0, subscription: { lastOutcome: 'applied', failures: 0, lastError: null } });
    expect(await entriesOf(id)).toEqual([a, b].sort());
    expect(feed.requests.at(-1)?.authorization).toBe('Bearer secret-token-1');

    const second = await admin('POST', `/v1/lists/${id}/subscription/refresh`);
    expect(second.body).toMatchObject({ outcome: 'unchanged', revision: null, subscription: { lastOutcome: 'unchanged' } });
    expect(feed.requests.at(-1)?.['if-none-match']).toBe(feed.etag());
    const list = await admin('GET', `/v1/lists/${id}`);
    expect(list.body.revision).toBe(first.body.revision);
  });

  it('applies a changed feed as a new revision and re-scores the comments it concerns', async () => {
    const id = await newList();
    const [kept, added] = [fresh('feed-kept'), fresh('feed-new')];
    feed.body = feedOf(kept);
    await admin('PUT', `/v1/lists/${id}/subscription`, { url: feed.url, format: 'json' });
    expect((await admin('POST', `/v1/lists/${id}/subscription/refresh`)).body.outcome).toBe('applied');

    const { key } = await makeSite(app);
    const posted = await api(app.base, key)('POST', '/v1/comments?wait=5000', makeComment({ text: `Lest das: https://${added}/artikel` }));
    expect([posted.status, posted.body.verdict?.action]).toEqual([200, 'approve']);

    feed.body = feedOf(kept, added);
    const changed = await admin('POST', `/v1/lists/${id}/subscription/refresh`);
    expect(changed.body).toMatchObject({ outcome: 'applied', added: 1, removed: 0, rescoreJobId: expect.any(String) });
    expect(await entriesOf(id)).toEqual([kept, added].sort());
    const rescored = await pollUntil(
      () => api(app.base, key)('GET', `/v1/comments/${posted.body.id}`),
      (res) => res.body.verdict?.reasons?.some((r: { code: string }) => r.code === 'link.listed') === true,
    );
    expect(rescored.body.verdict.reasons.find((r: { code: string }) => r.code === 'link.listed').details).toMatchObject({ domain: added, listId: id });
  });

  it('keeps the last good revision when the feed turns invalid, is down or is too large, and says so in the API and /metrics', async () => {
    const id = await newList();
    const good = fresh('feed-good');
    feed.body = feedOf(good);
    await admin('PUT', `/v1/lists/${id}/subscription`, { url: feed.url, format: 'json' });
    const applied = await admin('POST', `/v1/lists/${id}/subscription/refresh`);
    expect(applied.body.outcome).toBe('applied');

    feed.body = JSON.stringify([{ pattern: fresh('ok'), category: 'disinformation', severity: 0.8 }, { pattern: 'not a domain', category: 'nonsense', severity: 7 }]);
    const invalid = await admin('POST', `/v1/lists/${id}/subscription/refresh`);
    expect(invalid.body).toMatchObject({ outcome: 'invalid', revision: null, subscription: { lastOutcome: 'invalid', failures: 1 } });
    expect(invalid.body.error).toMatch(/invalid row/);

    feed.status = 503;
    const down = await admin('POST', `/v1/lists/${id}/subscription/refresh`);
    feed.status = 200;
    expect(down.body).toMatchObject({ outcome: 'unreachable', error: 'the feed answered HTTP 503', subscription: { failures: 2 } });

    feed.body = feedOf(...Array.from({ length: 2_000 }, (_, i) => `big-${i}-${randomUUID()}.online`));
    const large = await admin('POST', `/v1/lists/${id}/subscription/refresh`);
    expect(large.body).toMatchObject({ outcome: 'too_large', subscription: { failures: 3 } });
    expect(large.body.error).toMatch(/65536/);

    expect(await entriesOf(id)).toEqual([good]);
    expect((await admin('GET', `/v1/lists/${id}`)).body.revision).toBe(applied.body.revision);
    const metrics = await fetch(`${app.base}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(new RegExp(`loupe_list_subscription_failures\\{list="${id}"\\} 3`));
  });

  it("takes another Loupe list's export as its feed", async () => {
    const source = await newList();
    const domains = [fresh('shared-a'), fresh('shared-b')];
    for (const domain of domains) expect((await admin('POST', `/v1/lists/${source}/entries`, { pattern: domain, category: 'state_media', severity: 0.9, entity: 'Shared' })).status).toBe(201);
    feed.body = JSON.stringify((await admin('GET', `/v1/lists/${source}/export?format=json`)).body);
    const follower = await newList();
    await admin('PUT', `/v1/lists/${follower}/subscription`, { url: feed.url, format: 'json' });
    expect((await admin('POST', `/v1/lists/${follower}/subscription/refresh`)).body).toMatchObject({ outcome: 'applied', added: 2 });
    expect(await entriesOf(follower)).toEqual(await entriesOf(source));
  });

  it('fetches due feeds in the background run and schedules the next fetch one refresh later', async () => {
    const id = await newList();
    const domain = fresh('feed-due');
    feed.body = feedOf(domain);
    await admin('PUT', `/v1/lists/${id}/subscription`, { url: feed.url, format: 'json', refresh: '1h' });
    const service = app.app.get(SubscriptionsService);
    expect(await service.runDue()).toBeGreaterThanOrEqual(1);
    const after = await admin('GET', `/v1/lists/${id}/subscription`);
    expect(after.body.lastOutcome).toBe('applied');
    expect(new Date(after.body.nextFetchAt).getTime() - new Date(after.body.lastFetchedAt).getTime()).toBe(3_600_000);
    expect(await entriesOf(id)).toEqual([domain]);
  });

  it('creates a list as a subscription in one POST /v1/lists; the next background run fetches it', async () => {
    const id = `feed-${randomUUID().slice(0, 8)}`;
    const domain = fresh('feed-created');
    feed.body = feedOf(domain);
    const created = await admin('POST', '/v1/lists', { id, name: `Feed ${id}`, license: 'CC0', subscription: { url: feed.url, format: 'json', refresh: '12h' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, name: `Feed ${id}`, subscription: { listId: id, url: feed.url, format: 'json', refresh: '12h', lastOutcome: null } });
    expect(await entriesOf(id)).toEqual([]);
    expect(await app.app.get(SubscriptionsService).runDue()).toBeGreaterThanOrEqual(1);
    expect((await admin('GET', `/v1/lists/${id}/subscription`)).body).toMatchObject({ lastOutcome: 'applied', failures: 0 });
    expect(await entriesOf(id)).toEqual([domain]);

    const plain = await admin('POST', '/v1/lists', { id: `plain-${randomUUID().slice(0, 8)}`, name: 'No feed' });
    expect(plain.status).toBe(201);
    expect(plain.body.subscription).toBeNull();
  });

  it('creates neither list nor subscription when the subscription in POST /v1/lists is invalid', async () => {
    const id = `feed-${randomUUID().slice(0, 8)}`;
    const bad = await admin('POST', '/v1/lists', { id, name: 'Bad feed', subscription: { url: 'file:///etc/passwd', format: 'yaml' } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/subscription/format', '/subscription/url']);
    expect((await admin('GET', `/v1/lists/${id}`)).status).toBe(404);
  });
});
