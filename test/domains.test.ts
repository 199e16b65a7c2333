import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';

const PROBLEM = 'application/problem+json';
const HOUR = 3_600_000;
const ANTI_SPIEGEL_LISTED = { listId: 'loupe-de', matched: 'anti-spiegel.ru', category: 'disinformation', entity: 'Anti-Spiegel (Thomas Röper)' };

type Call = ReturnType<typeof api>;
interface Item {
  domain: string;
  comments: number;
  previousComments: number;
  rising: boolean;
}

describe('domain insight (/v1/domains) against real PostgreSQL and Redis, with the embedded worker', () => {
  let t: TestApp;
  let db: pg.Pool;
  // Domains of this run only: the test database is shared with other test files.
  const run = randomUUID().slice(0, 6);
  const MIRROR = `neue-wahrheit-${run}.info`; // unlisted, posted many times recently: rising
  const STEADY = `ruhig-${run}.de`; // unlisted, as often before as now: not rising
  const LONG_TEXT =
    'Ein ruhiger Satz über die Kommunalpolitik. '.repeat(5) + `Mehr unter https://${MIRROR}/bericht/lang ` + 'Noch ein ruhiger Satz zum Thema Haushalt. '.repeat(5);

  let siteA: string;
  let siteB: string;
  let modA: Call;
  let modB: Call;
  let admin: Call;
  let anonymous: Call;
  let publisherA: Call;
  const idsA: Record<string, string> = {};

  /** Ingests one comment and waits for its verdict; returns its id. */
  async function ingest(publisher: Call, text: string): Promise<string> {
    const res = await publisher('POST', '/v1/comments?wait=5000', makeComment({ text }));
    expect(res.status).toBe(200);
    expect(res.body.verdict).not.toBeNull();
    return res.body.id as string;
  }

  async function backdate(ids: string[], hours: number): Promise<void> {
    await db.query(`UPDATE comments SET received_at = received_at - make_interval(hours => $2::int) WHERE id = ANY($1::uuid[])`, [ids, hours]);
  }

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true });
    db = new pg.Pool({ connectionString: t.config.DATABASE_URL, max: 2 });
    const a = await makeSite(t);
    const b = await makeSite(t);
    siteA = a.siteId;
    siteB = b.siteId;
    publisherA = api(t.base, a.key);
    const publisherB = api(t.base, b.key);
    modA = api(t.base, (await makeModerator(t, { siteIds: [siteA] })).token);
    modB = api(t.base, (await makeModerator(t, { siteIds: [siteB] })).token);
    admin = api(t.base, (await makeModerator(t, { role: 'admin' })).token);
    anonymous = api(t.base, null);

    // The previous window (24-48 h ago): the mirror twice, the steady domain twice.
    const before = [
      await ingest(publisherA, `Gerade gelesen: https://${MIRROR}/alt/1`),
      await ingest(publisherA, `Gerade gelesen: https://${MIRROR}/alt/2`),
      await ingest(publisherA, `Ruhiger Link https://${STEADY}/alt/1`),
      await ingest(publisherA, `Ruhiger Link https://${STEADY}/alt/2`),
    ];
    await backdate(before, 30);
    // The current window, one by one so every comment has its own received_at.
    idsA.listedTwoLinks = await ingest(publisherA, 'Lest https://anti-spiegel.ru/artikel und https://www.anti-spiegel.ru/zwei');
    idsA.listed = await ingest(publisherA, 'Quelle: anti-spiegel.ru/x');
    for (let i = 1; i <= 5; i++) await ingest(publisherA, `Ruhiger Link https://${STEADY}/neu/${i}`);
    for (let i = 1; i <= 4; i++) await ingest(publisherA, `Gerade gelesen: https://${MIRROR}/bericht/${i}`);
    idsA.www = await ingest(publisherA, `Siehe www.${MIRROR}/bericht/5 dazu`);
    idsA.long = await ingest(publisherA, LONG_TEXT);
    // Another site: the mirror three times, anti-spiegel.ru once.
    for (let i = 1; i <= 3; i++) await ingest(publisherB, `Gerade gelesen: https://${MIRROR}/b/${i}`);
    await ingest(publisherB, 'Quelle: anti-spiegel.ru/b');
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  describe('GET /v1/domains/top', () => {
    it("lists the domains of the moderator's sites, most comments first, with counts, list status and the rising rule", async () => {
      const res = await modA('GET', '/v1/domains/top');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { domain: MIRROR, entities: [], comments: 6, links: 6, flagged: 0, listed: null, previousComments: 2, growth: 3, rising: true },
        { domain: STEADY, entities: [], comments: 5, links: 5, flagged: 0, listed: null, previousComments: 2, growth: 2.5, rising: false },
        { domain: 'anti-spiegel.ru', entities: [ANTI_SPIEGEL_LISTED.entity], comments: 2, links: 3, flagged: 2, listed: ANTI_SPIEGEL_LISTED, previousComments: 0, growth: 2, rising: false },
      ]);
      const { since, until, previousSince, risingRule } = res.body.meta;
      expect(Date.parse(until) - Date.parse(since)).toBe(24 * HOUR);
      expect(Date.parse(since) - Date.parse(previousSince)).toBe(24 * HOUR);
      expect(Math.abs(Date.parse(until) - Date.now())).toBeLessThan(60_000);
      expect(risingRule).toEqual({ unlistedOnly: true, minComments: 5, minGrowth: 3, description: expect.stringContaining('at least 5 comments') });
    });

    it('rising=true returns only the unlisted domains that grew by the rule, by growth', async () => {
      const res = await modA('GET', '/v1/domains/top?rising=true');
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: Item) => i.domain)).toEqual([MIRROR]);
      expect((await modA('GET', '/v1/domains/top?rising=false')).body.items).toHaveLength(3);
    });

    it('honours limit', async () => {
      const res = await modA('GET', '/v1/domains/top?limit=1');
      expect(res.body.items.map((i: Item) => i.domain)).toEqual([MIRROR]);
    });

    it('counts an explicit window [since, until) against the same-length window before it', async () => {
      const now = Date.now(); // one clock reading: two could make the window 24 h + 1 ms
      const since = new Date(now - 36 * HOUR).toISOString();
      const until = new Date(now - 12 * HOUR).toISOString();
      const res = await modA('GET', `/v1/domains/top?since=${since}&until=${until}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: Item) => [i.domain, i.comments, i.previousComments, i.rising]).sort()).toEqual([
        [MIRROR, 2, 0, false],
        [STEADY, 2, 0, false],
      ]);
      expect(res.body.meta).toMatchObject({ since, until, previousSince: new Date(Date.parse(since) - 24 * HOUR).toISOString() });
    });

    it("keeps sites apart: another site's moderator counts only their own comments", async () => {
      const res = await modB('GET', '/v1/domains/top');
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({ domain: MIRROR, comments: 3, links: 3, previousComments: 0, growth: 3, rising: false }),
        expect.objectContaining({ domain: 'anti-spiegel.ru', comments: 1, links: 1, flagged: 1, listed: ANTI_SPIEGEL_LISTED }),
      ]);
    });

    it('narrows to one site with siteId, and answers 404 for a site that is not theirs', async () => {
      const own = await modA('GET', `/v1/domains/top?siteId=${siteA}`);
      expect(own.body.items.map((i: Item) => i.domain)).toEqual([MIRROR, STEADY, 'anti-spiegel.ru']);
      const other = await modB('GET', `/v1/domains/top?siteId=${siteA}`);
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toContain(PROBLEM);
      expect(other.body).toMatchObject({ status: 404, code: 'site/not_found' });
      const detail = await modB('GET', `/v1/domains/${MIRROR}?siteId=${siteA}`);
      expect(detail.status).toBe(404);
    });

    it('lets an admin see every site, or one with siteId', async () => {
      const one = await admin('GET', `/v1/domains/top?siteId=${siteB}`);
      expect(one.body.items.map((i: Item) => [i.domain, i.comments])).toEqual([
        [MIRROR, 3],
        ['anti-spiegel.ru', 1],
      ]);
      const all = await admin('GET', '/v1/domains/top?limit=200');
      expect(all.status).toBe(200);
      expect(all.body.items.find((i: Item) => i.domain === MIRROR)).toMatchObject({ comments: 9, previousComments: 2, growth: 4.5, rising: true });
    });

    it.each([
      ['a since that is no date-time', 'since=yesterday', '/since'],
      ['a since without a time zone', 'since=2026-11-24T10:00:00', '/since'],
      ['an until before since', `since=${new Date(Date.now() - HOUR).toISOString()}&until=${new Date(Date.now() - 2 * HOUR).toISOString()}`, '/until'],
      ['a window over 31 days', `since=${new Date(Date.now() - 40 * 24 * HOUR).toISOString()}`, '/since'],
      ['limit 0', 'limit=0', '/limit'],
      ['limit 201', 'limit=201', '/limit'],
      ['rising=yes', 'rising=yes', '/rising'],
      ['a siteId that is no UUID', 'siteId=zeitung', '/siteId'],
      ['an unknown parameter', 'domain=x.de', '/domain'],
    ])('refuses %s with 422 and a pointer', async (_name, query, pointer) => {
      const res = await modA('GET', `/v1/domains/top?${query}`);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body).toMatchObject({ status: 422, code: 'request/validation' });
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer })]);
    });
  });

  describe('GET /v1/domains/{domain}', () => {
    it('details a rising domain: counts, hosts, and the newest comments with their links and an excerpt', async () => {
      const res = await modA('GET', `/v1/domains/${MIRROR}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        domain: MIRROR,
        entities: [],
        comments: 6,
        links: 6,
        flagged: 0,
        listed: null,
        previousComments: 2,
        growth: 3,
        rising: true,
        hosts: [
          { host: MIRROR, links: 5, comments: 5 },
          { host: `www.${MIRROR}`, links: 1, comments: 1 },
        ],
        meta: { risingRule: expect.objectContaining({ minComments: 5 }) },
      });
      const examples = res.body.examples as Array<Record<string, string>>;
      expect(examples).toHaveLength(6);
      const times = examples.map((e) => Date.parse(e.receivedAt!));
      expect(times).toEqual([...times].sort((x, y) => y - x));
      expect(examples[0]).toEqual({
        id: idsA.long,
        siteId: siteA,
        externalId: expect.any(String),
        receivedAt: expect.stringMatching(/Z$/),
        status: 'approved',
        verdictAction: 'approve',
        urls: [`https://${MIRROR}/bericht/lang`],
        excerpt: expect.any(String),
      });
      const excerpt = examples[0]!.excerpt!;
      expect(LONG_TEXT.length).toBeGreaterThan(280);
      expect(excerpt.length).toBeLessThanOrEqual(280);
      expect(excerpt).toContain(`https://${MIRROR}/bericht/lang`);
      expect(excerpt.startsWith('…') && excerpt.endsWith('…')).toBe(true);
      expect(LONG_TEXT).toContain(excerpt.slice(1, -1));
      expect(examples[1]).toMatchObject({ id: idsA.www, urls: [expect.stringContaining(`www.${MIRROR}/bericht/5`)], excerpt: `Siehe www.${MIRROR}/bericht/5 dazu` });
    });

    it('details a listed domain with its list entry, entities, every link of a comment and both hosts', async () => {
      const res = await modA('GET', '/v1/domains/anti-spiegel.ru');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        domain: 'anti-spiegel.ru',
        entities: [ANTI_SPIEGEL_LISTED.entity],
        comments: 2,
        links: 3,
        flagged: 2,
        listed: ANTI_SPIEGEL_LISTED,
        rising: false,
        hosts: [
          { host: 'anti-spiegel.ru', links: 2, comments: 2 },
          { host: 'www.anti-spiegel.ru', links: 1, comments: 1 },
        ],
      });
      expect(res.body.examples.map((e: { id: string }) => e.id)).toEqual([idsA.listed, idsA.listedTwoLinks]);
      expect(res.body.examples[1]).toMatchObject({
        status: 'rejected',
        verdictAction: 'reject',
        urls: ['https://anti-spiegel.ru/artikel', 'https://www.anti-spiegel.ru/zwei'],
        excerpt: 'Lest https://anti-spiegel.ru/artikel und https://www.anti-spiegel.ru/zwei',
      });
    });

    it('accepts any letter case and a trailing dot, answering for the registrable domain', async () => {
      const res = await modA('GET', '/v1/domains/Anti-Spiegel.RU.');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ domain: 'anti-spiegel.ru', comments: 2 });
    });

    it("excludes another site's comments from a moderator's detail", async () => {
      const res = await modB('GET', `/v1/domains/${MIRROR}`);
      expect(res.body).toMatchObject({ comments: 3, previousComments: 0, rising: false });
      expect(res.body.examples.every((e: { siteId: string }) => e.siteId === siteB)).toBe(true);
      expect((await admin('GET', `/v1/domains/${MIRROR}`)).body).toMatchObject({ comments: 9, previousComments: 2 });
    });

    it('answers 200 with zero counts for a domain never linked', async () => {
      const res = await modA('GET', `/v1/domains/nie-verlinkt-${run}.de`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        domain: `nie-verlinkt-${run}.de`,
        entities: [],
        comments: 0,
        links: 0,
        flagged: 0,
        listed: null,
        previousComments: 0,
        growth: 0,
        rising: false,
        hosts: [],
        examples: [],
      });
    });

    it.each([
      ['a name with an underscore', 'not_a_domain'],
      ['a single label', 'localhost'],
      ['an IP address', '127.0.0.1'],
      ['a host below the registrable domain', 'www.anti-spiegel.ru'],
      ['a public suffix', 'co.uk'],
    ])('refuses %s with 422 and pointer /domain', async (_name, domain) => {
      const res = await modA('GET', `/v1/domains/${domain}`);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.errors).toEqual([{ pointer: '/domain', message: expect.any(String) }]);
    });

    it('tells which registrable domain to ask for instead of a host', async () => {
      const res = await modA('GET', '/v1/domains/www.anti-spiegel.ru');
      expect(res.body.errors[0].message).toContain('anti-spiegel.ru');
    });

    it('refuses a bad since with 422', async () => {
      const res = await modA('GET', '/v1/domains/anti-spiegel.ru?since=gestern');
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/since' })]);
    });
  });

  it.each([
    ['no credentials', () => anonymous],
    ["a publisher's API key", () => publisherA],
  ])('answers 401 to %s', async (_name, caller) => {
    for (const path of ['/v1/domains/top', '/v1/domains/anti-spiegel.ru']) {
      const res = await caller()('GET', path);
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.code).toBe('auth/unauthorized');
    }
  });
});
