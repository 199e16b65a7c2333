import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { analyzeCommentWithLinks, compileLists, type Analysis, type AnalysisContext } from '../src/analysis/index.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { ListsService } from '../src/lists/lists.service.js';
import { MAX_REDIRECTS, MAX_URLS_PER_CALL, ShortenerResolver } from '../src/lists/shortener-resolver.js';
import { AnalysisRepository } from '../src/moderation/analysis.repository.js';
import { PrismaService } from '../src/platform/prisma.service.js';
import { pollUntil } from './support/poll.js';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';

// Real HTTP on 127.0.0.1: one server plays the shortener (/s/…), intermediate redirectors and the
// sites links end at (/final/…). Every request it gets is recorded, so tests count them.

interface Seen {
  method: string;
  path: string;
}

const seen: Seen[] = [];
const held: ServerResponse[] = [];
let base = '';

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? '/';
  seen.push({ method: req.method ?? '?', path });
  const [, kind, ...rest] = path.split('/');
  const id = rest.join('/');
  const redirect = (status: number, location: string): void => void res.writeHead(status, { location }).end();
  switch (kind) {
    case 's': // the shortener: an absolute Location to an intermediate redirector
      return redirect(301, `${base}/hop/${id}`);
    case 'hop': // an intermediate redirector with a relative Location
      return redirect(302, `/final/${id}?via=hop`);
    case 'to-final':
      return redirect(301, `/final/${id}`);
    case 'r': {
      // /r/<n>/<id>: n more redirects before an answer
      const [n, ...tail] = rest;
      const left = Number(n);
      return left > 0 ? redirect(307, `/r/${left - 1}/${tail.join('/')}`) : void res.writeHead(200).end();
    }
    case 'ftp':
      return redirect(301, 'ftp://127.0.0.1/file');
    case 'js':
      return redirect(302, 'javascript:alert(1)');
    case 'no-location':
      return void res.writeHead(302).end();
    case 'gone':
      return void res.writeHead(404).end();
    case 'slow':
      held.push(res); // never answers
      return;
    default: // /final/… and anything else: the page itself
      return void res.writeHead(200, { 'content-type': 'text/html' }).end();
  }
}

const server = createServer(route);

// The local server stands in for shorteners (paths /s and /gone) and a listed site (path /final).
const lists = compileLists([
  {
    id: 'test',
    name: 'Test',
    version: '1',
    license: 'CC0-1.0',
    entries: [
      { domain: '127.0.0.1', path: '/s', category: 'shortener', severity: 0.3 },
      { domain: '127.0.0.1', path: '/gone', category: 'shortener', severity: 0.3 },
      { domain: '127.0.0.1', path: '/final', category: 'disinformation', severity: 0.95, entity: 'Testquelle' },
    ],
  },
]);

function requestsTo(fragment: string): Seen[] {
  return seen.filter((s) => s.path.includes(fragment));
}

function configWith(env: Record<string, string>): Config {
  return loadConfig({ LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE: 'true', LOUPE_RESOLVE_SHORTENERS: 'true', ...env });
}

const resolvers: ShortenerResolver[] = [];
function makeResolver(env: Record<string, string> = {}): ShortenerResolver {
  const resolver = new ShortenerResolver(configWith(env));
  resolvers.push(resolver);
  return resolver;
}

/** A resolver whose cache clock the test moves. */
class ClockedResolver extends ShortenerResolver {
  at = 1_000_000;
  protected override now(): number {
    return this.at;
  }
}

beforeAll(async () => {
  Logger.overrideLogger(false);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of held) res.destroy();
  await Promise.all(resolvers.map((r) => r.onModuleDestroy()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('ShortenerResolver', () => {
  it('follows a 301 and a relative 302 with HEAD requests to the URL that answers', async () => {
    const id = randomUUID();
    const resolved = await makeResolver().resolve([`${base}/s/${id}`]);
    expect(resolved).toEqual(new Map([[`${base}/s/${id}`, `${base}/final/${id}?via=hop`]]));
    expect(requestsTo(id)).toEqual([
      { method: 'HEAD', path: `/s/${id}` },
      { method: 'HEAD', path: `/hop/${id}` },
      { method: 'HEAD', path: `/final/${id}?via=hop` },
    ]);
  });

  it(`follows at most ${MAX_REDIRECTS} redirects and gives up on a longer chain without asking further`, async () => {
    const resolver = makeResolver();
    const [ok, long] = [randomUUID(), randomUUID()];
    const resolved = await resolver.resolve([`${base}/r/${MAX_REDIRECTS}/${ok}`, `${base}/r/${MAX_REDIRECTS + 1}/${long}`]);
    expect(resolved).toEqual(new Map([[`${base}/r/${MAX_REDIRECTS}/${ok}`, `${base}/r/0/${ok}`]]));
    expect(requestsTo(ok)).toHaveLength(MAX_REDIRECTS + 1);
    expect(requestsTo(long).map((s) => s.path)).toEqual([4, 3, 2, 1].map((n) => `/r/${n}/${long}`));
  });

  it('gives up when the chain takes longer than LOUPE_RESOLVE_TIMEOUT_MS', async () => {
    const id = randomUUID();
    const started = performance.now();
    const resolved = await makeResolver({ LOUPE_RESOLVE_TIMEOUT_MS: '300' }).resolve([`${base}/slow/${id}`]);
    expect(resolved.size).toBe(0);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(requestsTo(id)).toHaveLength(1);
  });

  it.each([
    ['a Location with another scheme', 'ftp'],
    ['a javascript: Location', 'js'],
    ['a shortener answering itself (no redirect)', 'gone'],
    ['a redirect without a Location', 'no-location'],
  ])('leaves the link unresolved on %s', async (_name, kind) => {
    const id = randomUUID();
    expect((await makeResolver().resolve([`${base}/${kind}/${id}`])).size).toBe(0);
    expect(requestsTo(id)).toHaveLength(1);
  });

  it('never throws, whatever it is given', async () => {
    const resolver = makeResolver();
    await expect(resolver.resolve(['not a url', 'mailto:a@b.c', 'http://127.0.0.1:1/closed-port', ''])).resolves.toEqual(new Map());
  });

  it('refuses loopback addresses, as literal or by name, unless WEBHOOK_ALLOW_PRIVATE is on', async () => {
    const id = randomUUID();
    const port = (server.address() as AddressInfo).port;
    const resolver = makeResolver({ WEBHOOK_ALLOW_PRIVATE: 'false' });
    const resolved = await resolver.resolve([`http://127.0.0.1:${port}/s/${id}`, `http://localhost:${port}/s/${id}`, `http://[::1]:${port}/s/${id}`]);
    expect(resolved.size).toBe(0);
    expect(requestsTo(id)).toEqual([]);
  });

  it('asks once for a link it has resolved, and once for one it could not', async () => {
    const [ok, gone] = [randomUUID(), randomUUID()];
    const resolver = makeResolver();
    const urls = [`${base}/to-final/${ok}`, `${base}/gone/${gone}`];
    const first = await resolver.resolve(urls);
    const second = await resolver.resolve(urls);
    expect(second).toEqual(first);
    expect(first.get(urls[0] as string)).toBe(`${base}/final/${ok}`);
    expect(requestsTo(ok)).toHaveLength(2);
    expect(requestsTo(gone)).toHaveLength(1);
  });

  it('forgets a target after an hour and a failure after ten minutes', async () => {
    const [ok, gone] = [randomUUID(), randomUUID()];
    const resolver = new ClockedResolver(configWith({}));
    resolvers.push(resolver);
    const urls = [`${base}/to-final/${ok}`, `${base}/gone/${gone}`];
    await resolver.resolve(urls);
    resolver.at += 9 * 60_000;
    await resolver.resolve(urls);
    expect([requestsTo(ok).length, requestsTo(gone).length]).toEqual([2, 1]);
    resolver.at += 2 * 60_000;
    await resolver.resolve(urls);
    expect([requestsTo(ok).length, requestsTo(gone).length]).toEqual([2, 2]);
    resolver.at += 48 * 60_000;
    await resolver.resolve(urls);
    expect([requestsTo(ok).length, requestsTo(gone).length]).toEqual([2, 3]);
    resolver.at += 2 * 60_000;
    expect((await resolver.resolve(urls)).get(urls[0] as string)).toBe(`${base}/final/${ok}`);
    expect([requestsTo(ok).length, requestsTo(gone).length]).toEqual([4, 3]);
  });

  it('shares one lookup between concurrent requests for the same link', async () => {
    const id = randomUUID();
    const url = `${base}/s/${id}`;
    const resolver = makeResolver();
    const results = await Promise.all([resolver.resolve([url, url]), resolver.resolve([url]), resolver.resolve([url])]);
    for (const r of results) expect(r.get(url)).toBe(`${base}/final/${id}?via=hop`);
    expect(requestsTo(id)).toHaveLength(3);
  });

  it(`looks up at most ${MAX_URLS_PER_CALL} distinct links per call`, async () => {
    const id = randomUUID();
    const urls = Array.from({ length: MAX_URLS_PER_CALL + 2 }, (_, i) => `${base}/to-final/${id}-${i}`);
    const resolved = await makeResolver().resolve([...urls, ...urls]);
    expect([...resolved.keys()]).toEqual(urls.slice(0, MAX_URLS_PER_CALL));
  });
});

describe('the service with shortener resolution (real worker, PostgreSQL and Redis)', () => {
  // Two services on the test database: one resolving shortened links, one not. A list made
  // through the admin API makes the local server's /s a shortener and /final a listed site;
  // the test sites use only that list, and it is disabled afterwards.
  let on: TestApp;
  let off: TestApp;
  let listId = '';
  const sites: { on: { key: string }; off: { key: string } } = { on: { key: '' }, off: { key: '' } };

  beforeAll(async () => {
    on = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', LOUPE_RESOLVE_SHORTENERS: 'true' }, { worker: true });
    off = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', LOUPE_RESOLVE_SHORTENERS: 'false' }, { worker: true });
    const admin = api(on.base, (await makeModerator(on, { role: 'admin' })).token);
    listId = `shorteners-test-${randomUUID().slice(0, 8)}`;
    expect((await admin('POST', '/v1/lists', { id: listId, name: 'Local shortener test' })).status).toBe(201);
    for (const entry of [
      { pattern: '127.0.0.1/s', category: 'shortener', severity: 0.3 },
      { pattern: '127.0.0.1/gone', category: 'shortener', severity: 0.3 },
      { pattern: '127.0.0.1/final', category: 'disinformation', severity: 0.95, entity: 'Testquelle' },
    ]) {
      expect((await admin('POST', `/v1/lists/${listId}/entries`, entry)).status).toBe(201);
    }
    for (const [name, app] of [['on', on], ['off', off]] as const) {
      const site = await makeSite(app);
      expect((await admin('PUT', `/v1/sites/${site.siteId}/list-settings`, { lists: [listId], severityOverrides: {} })).status).toBe(200);
      sites[name] = site;
    }
    // Both processes see the list and the sites' settings before the first comment.
    await Promise.all([on, off].map((app) => app.app.get(ListsService).refresh()));
  });

  afterAll(async () => {
    await api(on.base, (await makeModerator(on, { role: 'admin' })).token)('PATCH', `/v1/lists/${listId}`, { enabled: false });
    await off.close();
    await on.close();
  });

  async function verdict(app: TestApp, key: string, text: string) {
    const res = await api(app.base, key)('POST', '/v1/comments?wait=5000', makeComment({ text }));
    expect([res.status, res.body.verdict === null]).toEqual([200, false]);
    return res.body as { verdict: { action: string; reasons: { code: string; start: number; end: number; details: Record<string, unknown> }[] }; links: Record<string, unknown>[] };
  }

  it('scores where a shortened link leads: link.listed at the shortened link, with resolvedFrom', async () => {
    const id = randomUUID();
    const short = `${base}/s/${id}`;
    const text = `Die Wahrheit steht hier: ${short} – lest selbst!`;
    const { verdict: v } = await verdict(on, sites.on.key, text);
    expect(v.action).toBe('reject');
    expect(v.reasons.map((r) => r.code)).toEqual(['link.listed', 'link.shortener']);
    const listed = v.reasons[0];
    expect(text.slice(listed?.start, listed?.end)).toBe(short);
    expect(listed?.details).toMatchObject({ url: `${base}/final/${id}?via=hop`, resolvedFrom: short, matched: '127.0.0.1/final', entity: 'Testquelle', listId });
    expect(requestsTo(id).map((r) => r.method)).toEqual(['HEAD', 'HEAD', 'HEAD']);
  });

  it('makes no request with LOUPE_RESOLVE_SHORTENERS off: the shortener alone is approved', async () => {
    const id = randomUUID();
    const { verdict: v } = await verdict(off, sites.off.key, `Schaut: ${base}/s/${id}`);
    expect(v.action).toBe('approve');
    expect(v.reasons.map((r) => r.code)).toEqual(['link.shortener']);
    expect(requestsTo(id)).toEqual([]);
  });

  it('makes no request for a comment without shortener links', async () => {
    const id = randomUUID();
    const { verdict: v } = await verdict(on, sites.on.key, `Direkt: ${base}/final/${id} und ${base}/anderes/${id}`);
    expect(v.action).toBe('reject');
    expect(requestsTo(id)).toEqual([]);
  });

  it('re-scores a comment whose shortened link leads to a domain listed only later: the link row keeps the target', async () => {
    // The target must be a named domain (IP links have no registrable domain), which this machine
    // cannot resolve to the local server: the verdict is written by the worker's own repository
    // from the engine given that target, as the resolving worker would; everything after that —
    // the list change through the API, the re-scoring job in a worker, the stored verdict — is
    // the real service. The shortened link answers 404 now, so only the recorded target says
    // where it led (the re-scoring process may or may not resolve links).
    const apiOnly = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    try {
      const admin = api(on.base, (await makeModerator(on, { role: 'admin' })).token);
      const site = await makeSite(apiOnly);
      expect((await admin('PUT', `/v1/sites/${site.siteId}/list-settings`, { lists: [listId], severityOverrides: {} })).status).toBe(200);
      const id = randomUUID();
      const mirror = `neuer-spiegel-${id.slice(0, 8)}.info`;
      const short = `${base}/gone/${id}`;
      const target = `https://${mirror}/artikel/1`;
      const text = `Lest das: ${short} – alles drin!`;
      const posted = await api(apiOnly.base, site.key)('POST', '/v1/comments', makeComment({ text }));
      expect(posted.status).toBe(202);
      const commentId = posted.body.id as string;

      const lists = on.app.get(ListsService);
      await lists.refresh();
      const analysis = analyzeCommentWithLinks(text, { ...lists.contextFor(site.siteId, 'de'), resolved: new Map([[short, target]]) });
      expect([analysis.verdict.action, analysis.verdict.reasons.map((r) => r.code)]).toEqual(['approve', ['link.shortener']]);
      expect(await on.app.get(AnalysisRepository).write({ commentId, verdict: analysis.verdict, links: analysis.links })).toMatchObject({ written: true });
      const pool = on.app.get(PrismaService).pool;
      const stored = await pool.query(
        `SELECT cl.resolved_url, cl.resolved_domain, c.link_domains FROM comment_links cl JOIN comments c ON c.id = cl.comment_id WHERE c.id = $1`,
        [commentId],
      );
      expect(stored.rows).toEqual([{ resolved_url: target, resolved_domain: mirror, link_domains: [mirror] }]);
      // Domain insight counts the comment and its link for the target's domain, not yet listed.
      const moderator = api(on.base, (await makeModerator(on, { siteIds: [site.siteId] })).token);
      const top = await moderator('GET', '/v1/domains/top');
      expect(top.body.items).toEqual([expect.objectContaining({ domain: mirror, comments: 1, links: 1, flagged: 0, listed: null })]);

      const added = await admin('POST', `/v1/lists/${listId}/entries`, { pattern: mirror, category: 'disinformation', severity: 0.95, entity: 'Neuer Spiegel' });
      expect(added.status).toBe(201);
      const job = await pollUntil(() => admin('GET', `/v1/lists/rescore-jobs/${added.body.rescoreJobId}`), (r) => r.body.status === 'succeeded' || r.body.status === 'failed', 20_000);
      expect(job.body.status).toBe('succeeded');
      expect(job.body.changes).toEqual(expect.arrayContaining([expect.objectContaining({ commentId, fromAction: 'approve', toAction: 'reject', statusChanged: true })]));

      const after = await api(apiOnly.base, site.key)('GET', `/v1/comments/${commentId}`);
      expect(after.body.status).toBe('rejected');
      const listed = (after.body.verdict.reasons as { code: string; start: number; end: number; details: Record<string, unknown> }[]).find((r) => r.code === 'link.listed');
      expect(listed).toMatchObject({ details: { url: target, domain: mirror, resolvedFrom: short, entity: 'Neuer Spiegel', listId } });
      expect(text.slice(listed?.start, listed?.end)).toBe(short);
      const detail = await moderator('GET', `/v1/domains/${mirror}`);
      expect(detail.body).toMatchObject({ domain: mirror, comments: 1, links: 1, flagged: 1, hosts: [{ host: mirror, links: 1, comments: 1 }] });
      expect(detail.body.listed).toMatchObject({ listId, matched: mirror, entity: 'Neuer Spiegel' });
    } finally {
      await apiOnly.close();
    }
  });

  it('keeps the verdict it would give anyway when the shortened link cannot be resolved', async () => {
    const id = randomUUID();
    const { verdict: v } = await verdict(on, sites.on.key, `Schaut: ${base}/gone/${id}`);
    expect(v.action).toBe('approve');
    expect(v.reasons.map((r) => r.code)).toEqual(['link.shortener']);
    expect(requestsTo(id)).toHaveLength(1);
  });
});

describe('re-analysing with the targets of a stored verdict (re-scoring)', () => {
  it('gives the same verdict from the targets its link rows recorded', async () => {
    const id = randomUUID();
    const text = `Hier: ${base}/s/${id} und ${base}/s/${id}-2`;
    const context: AnalysisContext = { lists, language: 'de' };
    const resolver = makeResolver();
    const first = await resolver.withResolvedShorteners(text, context, analyzeCommentWithLinks(text, context));
    expect(first.verdict.action).toBe('reject');
    // What a re-scoring reads back from comment_links (url → resolved_url).
    const recorded = (analysis: Analysis) => new Map(analysis.links.flatMap((l) => (l.resolvedUrl === undefined ? [] : [[l.url, l.resolvedUrl] as const])));
    const known = recorded(first);
    expect(known).toEqual(new Map([
      [`${base}/s/${id}`, `${base}/final/${id}?via=hop`],
      [`${base}/s/${id}-2`, `${base}/final/${id}-2?via=hop`],
    ]));
    expect(analyzeCommentWithLinks(text, { ...context, resolved: known })).toEqual(first);
    expect(recorded(analyzeCommentWithLinks(text, context)).size).toBe(0);
  });

  it('keeps a known target when the link no longer resolves, and takes a new one when it does', async () => {
    const id = randomUUID();
    const [dead, moved] = [`${base}/gone/${id}`, `${base}/s/${id}`];
    const context: AnalysisContext = {
      lists,
      language: 'de',
      resolved: new Map([
        [dead, `${base}/final/was-${id}`],
        [moved, `${base}/final/was-${id}`],
      ]),
    };
    const text = `Erst ${dead}, dann ${moved}`;
    const known = analyzeCommentWithLinks(text, context);
    const again = await makeResolver().withResolvedShorteners(text, context, known);
    expect(again.verdict.reasons.filter((r) => r.code === 'link.listed').map((r) => [r.details.resolvedFrom, r.details.url])).toEqual([
      [dead, `${base}/final/was-${id}`],
      [moved, `${base}/final/${id}?via=hop`],
    ]);
    expect(requestsTo(id).map((r) => r.path)).toEqual(expect.arrayContaining([`/gone/${id}`, `/s/${id}`, `/final/${id}?via=hop`]));
  });
});
