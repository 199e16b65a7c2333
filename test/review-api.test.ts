import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { pollUntil } from './support/poll.js';

const PROBLEM = 'application/problem+json';
// Texts whose verdicts the engine is known to give (see test/comments-api.test.ts).
const LISTED = 'Lest anti-spiegel.ru/artikel'; // reject: link.listed
const SHOUTING = 'WIR MÜSSEN AfD WÄHLEN!!!'; // review: text.shouting + text.vote_call
const RT_DE = 'https://freedert.online/x'; // reject: link.listed, entity RT DE
const CALM = 'Ein ruhiger Kommentar.'; // approve

type Call = ReturnType<typeof api>;
interface Item {
  id: string;
  siteId: string;
  status: string;
  score: number | null;
  receivedAt: string;
  claimedBy: string | null;
}

describe('the review API against real PostgreSQL and Redis, with the embedded worker', () => {
  let t: TestApp;
  let db: pg.Pool;

  beforeAll(async () => {
    // The sweeper must leave the deliberately unanalysed comment alone.
    t = await startTestApp({ LOUPE_SWEEP_AFTER_MS: '3600000' }, { worker: true });
    db = new pg.Pool({ connectionString: t.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  /** Ingests one comment and waits for its verdict; returns its id. */
  async function ingest(publisher: Call, text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await publisher('POST', '/v1/comments?wait=5000', makeComment({ text, ...extra }));
    expect(res.status).toBe(200);
    expect(res.body.verdict).not.toBeNull();
    return res.body.id as string;
  }

  /** A site with a publisher client and a moderator of that site. */
  /** A site with a moderator; unless told otherwise it has an endpoint for comment.decision (so decisions write events). */
  async function siteWithModerator(options: { webhook?: boolean } = {}): Promise<{ siteId: string; publisher: Call; mod: Awaited<ReturnType<typeof makeModerator>>; as: Call }> {
    const { siteId, key } = await makeSite(t);
    if (options.webhook !== false) {
      await db.query(
        `INSERT INTO webhook_endpoints (id, site_id, url, event_types, secret) VALUES (gen_random_uuid(), $1, 'http://127.0.0.1:9/hook', '{comment.decision}', 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0')`,
        [siteId],
      );
    }
    const mod = await makeModerator(t, { siteIds: [siteId] });
    return { siteId, publisher: api(t.base, key), mod, as: api(t.base, mod.token) };
  }

  async function queueIds(as: Call, query: string): Promise<string[]> {
    const res = await as('GET', `/v1/review/queue?${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((i: Item) => i.id);
  }

  describe('the queue', () => {
    let siteId: string;
    let as: Call;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      let publisher: Call;
      ({ siteId, publisher, as } = await siteWithModerator());
      // One by one, so every comment has its own received_at.
      ids.listed = await ingest(publisher, LISTED, { articleUrl: 'https://news.example/a', author: { id: 'reader-1', name: 'Leser Eins' } });
      ids.shouting = await ingest(publisher, SHOUTING, { author: { id: 'reader-1', name: 'Leser Eins' } });
      ids.rt = await ingest(publisher, RT_DE, { articleUrl: 'https://news.example/b', author: { id: 'reader-2' } });
      ids.calm = await ingest(publisher, CALM, { articleUrl: 'https://news.example/a' });
      const pending = await db.query<{ id: string }>(
        `INSERT INTO comments (id, site_id, external_id, text) VALUES (gen_random_uuid(), $1, $2, 'noch nicht analysiert mit spiegel.de/x') RETURNING id`,
        [siteId, `pending-${randomUUID()}`],
      );
      ids.pending = pending.rows[0]!.id;
    });

    it('shows flagged comments by default, highest score first, with counts per status and full items', async () => {
      const res = await as('GET', '/v1/review/queue');
      expect(res.status).toBe(200);
      const items = res.body.items as Item[];
      expect(items.map((i) => i.id).sort()).toEqual([ids.listed, ids.shouting, ids.rt].sort());
      expect(res.body.counts).toEqual({ pending: 1, flagged: 3, approved: 1, rejected: 0, escalated: 0 });
      expect(res.body.countsCapped).toBe(false);
      expect(res.body.nextCursor).toBeNull();
      const rt = res.body.items.find((i: Item) => i.id === ids.rt);
      expect(rt).toMatchObject({
        siteId,
        siteName: expect.any(String),
        externalId: expect.any(String),
        text: RT_DE,
        articleUrl: 'https://news.example/b',
        author: { id: 'reader-2', name: null },
        status: 'rejected',
        receivedAt: expect.stringMatching(/Z$/),
        createdAt: null,
        score: expect.any(Number),
        verdict: { action: 'reject', score: expect.any(Number), reasons: [expect.objectContaining({ code: 'link.listed' })] },
        links: [{ url: expect.any(String), host: 'freedert.online', domain: 'freedert.online', start: 0, end: RT_DE.length, matched: expect.any(String), listId: 'loupe-de', category: 'state_media', entity: 'RT DE' }],
        claimedBy: null,
        claimExpiresAt: null,
        decidedAt: null,
        decidedBy: null,
      });
    });

    it('shows links found in the text of a comment not analysed yet', async () => {
      const res = await as('GET', '/v1/review/queue?status=pending');
      expect(res.body.items).toEqual([expect.objectContaining({ id: ids.pending, verdict: null, score: null, links: [expect.objectContaining({ domain: 'spiegel.de', matched: null })] })]);
    });

    it.each([
      ['reason', 'reason=link.listed', ['listed', 'rt']],
      ['reason (text)', 'reason=text.vote_call', ['shouting']],
      ['domain', 'domain=anti-spiegel.ru', ['listed']],
      ['entity', `entity=${encodeURIComponent('RT DE')}`, ['rt']],
      ['articleUrl', `articleUrl=${encodeURIComponent('https://news.example/a')}&status=approved`, ['calm']],
      ['authorId', 'authorId=reader-1', ['listed', 'shouting']],
      ['q (case-insensitive substring)', 'q=SPIEGEL', ['listed']],
      ['status approved', 'status=approved', ['calm']],
      ['status pending', 'status=pending', ['pending']],
      ['status rejected (by a person: none yet)', 'status=rejected', []],
    ])('filters by %s', async (_name, query, expected) => {
      expect((await queueIds(as, query)).sort()).toEqual(expected.map((k) => ids[k]).sort());
    });

    it('filters by minScore and by a received_at window [from, to)', async () => {
      const all = (await as('GET', '/v1/review/queue?sort=oldest')).body.items as Item[];
      const [first, second, third] = all;
      const between = await queueIds(as, `sort=oldest&from=${encodeURIComponent(second!.receivedAt)}&to=${encodeURIComponent(third!.receivedAt)}`);
      expect(between).toEqual([second!.id]);
      const byScore = (await as('GET', '/v1/review/queue')).body.items as Item[];
      const top = byScore[0]!.score!;
      expect(await queueIds(as, `minScore=${top}`)).toEqual(byScore.filter((i) => i.score! >= top).map((i) => i.id));
      expect(await queueIds(as, 'minScore=0')).toEqual(byScore.map((i) => i.id));
      expect(first).toBeDefined();
    });

    it('applies the filters to the counts, except status', async () => {
      const res = await as('GET', '/v1/review/queue?authorId=reader-1');
      expect(res.body.counts).toEqual({ pending: 0, flagged: 2, approved: 0, rejected: 0, escalated: 0 });
      const url = await as('GET', `/v1/review/queue?articleUrl=${encodeURIComponent('https://news.example/a')}`);
      expect(url.body.counts).toEqual({ pending: 0, flagged: 1, approved: 1, rejected: 0, escalated: 0 });
    });

    it('sorts by score (desc, then oldest first), oldest and newest', async () => {
      const byScore = (await as('GET', '/v1/review/queue')).body.items as Item[];
      const expected = [...byScore].sort((a, b) => b.score! - a.score! || a.receivedAt.localeCompare(b.receivedAt));
      expect(byScore.map((i) => i.id)).toEqual(expected.map((i) => i.id));
      expect(await queueIds(as, 'sort=oldest')).toEqual([ids.listed, ids.shouting, ids.rt]);
      expect(await queueIds(as, 'sort=newest')).toEqual([ids.rt, ids.shouting, ids.listed]);
    });

    it.each([
      ['an unknown parameter', 'colour=red', '/colour'],
      ['a limit over 100', 'limit=101', '/limit'],
      ['an unknown status', 'status=spam', '/status'],
      ['a minScore over 1', 'minScore=2', '/minScore'],
      ['a date without a time zone', 'from=2026-01-01', '/from'],
      ['a garbled cursor', 'cursor=nonsense', '/cursor'],
      ['a site that is not a UUID', 'site=abc', '/site'],
    ])('refuses %s with 422 and a pointer', async (_name, query, pointer) => {
      const res = await as('GET', `/v1/review/queue?${query}`);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer })]);
    });

    it('refuses a cursor of another sort', async () => {
      const page = await as('GET', '/v1/review/queue?limit=1');
      const res = await as('GET', `/v1/review/queue?limit=1&sort=newest&cursor=${page.body.nextCursor}`);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/cursor' })]);
    });
  });

  describe('cursor pagination', () => {
    let as: Call;
    let all: string[];

    beforeAll(async () => {
      let publisher: Call;
      let siteId: string;
      ({ siteId, publisher, as } = await siteWithModerator());
      // One batch: the comments share one received_at, and many share a score, so the id tie-break matters.
      const texts = Array.from({ length: 17 }, (_, i) => [LISTED, SHOUTING, RT_DE, `${SHOUTING} ${i}`][i % 4]!);
      const res = await publisher('POST', '/v1/comments/batch', { comments: texts.map((text) => makeComment({ text })) });
      expect(res.status).toBe(200);
      all = res.body.results.map((r: { id: string }) => r.id);
      await pollUntil(
        async () => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE site_id = $1 AND status = 'pending'`, [siteId])).rows[0]!.n,
        (pending) => pending === 0,
        15_000,
        50,
      );
    });

    it.each(['score', 'oldest', 'newest'])('walks sort=%s in pages of 5 without duplicates or gaps, in the same order as one page', async (sort) => {
      const whole = await queueIds(as, `sort=${sort}&limit=100`);
      expect(whole.slice().sort()).toEqual(all.slice().sort());
      const walked: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await as('GET', `/v1/review/queue?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        walked.push(...res.body.items.map((i) => i.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(4);
      expect(walked).toEqual(whole);
    });

    it('ends with nextCursor null on an exactly full last page', async () => {
      const first = await as('GET', '/v1/review/queue?limit=17');
      expect(first.body.items).toHaveLength(17);
      expect(first.body.nextCursor).toBeNull();
    });
  });

  describe('claims', () => {
    it('gives two moderators claiming at once disjoint comments, shows the claims in the queue, and returns expired leases to the queue', async () => {
      const { siteId, publisher, as: asA, mod: modA } = await siteWithModerator();
      const modB = await makeModerator(t, { siteIds: [siteId] });
      const asB = api(t.base, modB.token);
      const ids = [];
      for (let i = 0; i < 6; i++) ids.push(await ingest(publisher, i % 2 ? LISTED : SHOUTING));
      const [a, b] = await Promise.all([
        asA('POST', '/v1/review/claim', { count: 3, leaseSeconds: 30 }),
        asB('POST', '/v1/review/claim', { count: 3, leaseSeconds: 30 }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const claimedA = a.body.items.map((i: Item) => i.id);
      const claimedB = b.body.items.map((i: Item) => i.id);
      expect(claimedA).toHaveLength(3);
      expect(claimedB).toHaveLength(3);
      expect([...claimedA, ...claimedB].sort()).toEqual(ids.sort());
      expect(a.body.items.every((i: Item) => i.claimedBy === modA.userId)).toBe(true);
      expect(Date.parse(a.body.expiresAt)).toBeGreaterThan(Date.now() + 20_000);

      // A claim again renews one's own leases and never takes the other's; the queue still shows everything, marked.
      expect((await asB('POST', '/v1/review/claim', {})).body.items.map((i: Item) => i.id).sort()).toEqual(claimedB.slice().sort());
      const third = await makeModerator(t, { siteIds: [siteId] });
      expect((await api(t.base, third.token)('POST', '/v1/review/claim', {})).body.items).toEqual([]);
      const queue = (await asB('GET', '/v1/review/queue')).body.items as Item[];
      expect(queue.filter((i) => i.claimedBy === modA.userId).map((i) => i.id).sort()).toEqual(claimedA.slice().sort());

      // Another moderator's live lease blocks a decision; the holder may decide.
      const blocked = await asB('POST', `/v1/comments/${claimedA[0]}/decision`, { action: 'approve' });
      expect(blocked.status).toBe(409);
      expect(blocked.body.code).toBe('review/claimed');

      // The lease runs out (moved into the past rather than waited for): B gets A's comments.
      await db.query(`UPDATE comments SET claim_expires_at = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [claimedA]);
      const again = await asB('POST', '/v1/review/claim', { count: 10 });
      expect(again.body.items.map((i: Item) => i.id).sort()).toEqual([...claimedA, ...claimedB].sort());

      // Release gives them back.
      expect((await asB('POST', '/v1/review/release', { ids })).status).toBe(204);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM comments WHERE id = ANY($1::uuid[]) AND claimed_by IS NOT NULL`, [ids]);
      expect(rows[0].n).toBe(0);
    });

    it('claims in the filter\'s order and only what the filter matches', async () => {
      const { publisher, as } = await siteWithModerator();
      const listed = await ingest(publisher, LISTED);
      await ingest(publisher, SHOUTING);
      const res = await as('POST', '/v1/review/claim', { filter: { reason: 'link.listed' }, count: 5 });
      expect(res.body.items.map((i: Item) => i.id)).toEqual([listed]);
    });

    it.each([
      [{ leaseSeconds: 10 }, '/leaseSeconds'],
      [{ count: 51 }, '/count'],
      [{ filter: { colour: 'red' } }, '/filter/colour'],
      [{ filter: { minScore: 'high' } }, '/filter/minScore'],
    ])('refuses %j with 422', async (body, pointer) => {
      const { as } = await siteWithModerator();
      const res = await as('POST', '/v1/review/claim', body);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer })]);
    });
  });

  describe('decisions', () => {
    it('rejects a comment in one transaction: status, audit row and outbox event', async () => {
      const { siteId, publisher, as, mod } = await siteWithModerator();
      const id = await ingest(publisher, SHOUTING);
      await as('POST', '/v1/review/claim', {});
      const res = await as('POST', `/v1/comments/${id}/decision`, { action: 'reject', reason: 'partisan_campaign', note: 'Kampagne' });
      expect(res.status).toBe(200);
      expect(res.body.comment).toMatchObject({ id, status: 'rejected', decidedBy: mod.userId, decidedAt: expect.any(String), claimedBy: null, claimExpiresAt: null });
      expect(res.body.decision).toEqual({
        id: expect.any(String), commentId: id, userId: mod.userId, userEmail: mod.email, action: 'reject', fromStatus: 'review', toStatus: 'rejected',
        reason: 'partisan_campaign', note: 'Kampagne', createdAt: res.body.comment.decidedAt, undoes: null, undoneAt: null,
      });
      const comment = await db.query(`SELECT status, decided_by, decided_at, claimed_by FROM comments WHERE id = $1`, [id]);
      expect(comment.rows[0]).toMatchObject({ status: 'rejected', decided_by: mod.userId, claimed_by: null });
      const decisions = await db.query(`SELECT user_id, action, from_status, to_status, reason, note FROM decisions WHERE comment_id = $1`, [id]);
      expect(decisions.rows).toEqual([{ user_id: mod.userId, action: 'reject', from_status: 'review', to_status: 'rejected', reason: 'partisan_campaign', note: 'Kampagne' }]);
      const outbox = await db.query(`SELECT site_id, type, payload FROM outbox_events WHERE payload->>'commentId' = $1`, [id]);
      expect(outbox.rows).toEqual([{
        site_id: siteId, type: 'comment.decision',
        payload: { commentId: id, externalId: res.body.comment.externalId, siteId, status: 'rejected', action: 'reject', reason: 'partisan_campaign', note: null, decidedBy: mod.userId, decidedAt: res.body.comment.decidedAt },
      }]);
      // Out of the flagged queue, into "rejected" (by a person).
      expect(await queueIds(as, '')).toEqual([]);
      expect(await queueIds(as, 'status=rejected')).toEqual([id]);
    });

    it('writes no event for a site without an endpoint that wants comment.decision', async () => {
      const { publisher, as } = await siteWithModerator({ webhook: false });
      const id = await ingest(publisher, SHOUTING);
      expect((await as('POST', `/v1/comments/${id}/decision`, { action: 'approve' })).status).toBe(200);
      expect((await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE payload->>'commentId' = $1`, [id])).rows[0].n).toBe(0);
    });

    it.each([
      ['a reject without reason', { action: 'reject' }, '/reason'],
      ['an approval with a reason', { action: 'approve', reason: 'spam' }, '/reason'],
      ['an unknown action', { action: 'delete' }, '/action'],
      ['a note over 2000 characters', { action: 'escalate', note: 'x'.repeat(2001) }, '/note'],
      ['an unknown field', { action: 'approve', extra: 1 }, '/extra'],
    ])('refuses %s with 422 and a pointer, changing nothing', async (_name, body, pointer) => {
      const { publisher, as } = await siteWithModerator();
      const id = await ingest(publisher, LISTED);
      const res = await as('POST', `/v1/comments/${id}/decision`, body);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer })]);
      const { rows } = await db.query(`SELECT status, decided_at FROM comments WHERE id = $1`, [id]);
      expect(rows[0]).toEqual({ status: 'rejected', decided_at: null });
    });

    it('escalates with a reason and shows it under status=escalated', async () => {
      const { publisher, as } = await siteWithModerator();
      const id = await ingest(publisher, RT_DE);
      const res = await as('POST', `/v1/comments/${id}/decision`, { action: 'escalate', reason: 'misinformation' });
      expect(res.status).toBe(200);
      expect(res.body.decision).toMatchObject({ action: 'escalate', fromStatus: 'rejected', toStatus: 'escalated', reason: 'misinformation' });
      expect(await queueIds(as, 'status=escalated')).toEqual([id]);
    });

    it('decides many comments at once, each on its own, with a result per id', async () => {
      const { publisher, as, mod } = await siteWithModerator();
      const other = await siteWithModerator();
      const mine = [await ingest(publisher, LISTED), await ingest(publisher, SHOUTING)];
      const foreign = await ingest(other.publisher, LISTED);
      const claimedByOther = await ingest(publisher, RT_DE);
      const colleague = await makeModerator(t, { siteIds: [(await db.query(`SELECT site_id FROM comments WHERE id = $1`, [claimedByOther])).rows[0].site_id] });
      await db.query(`UPDATE comments SET claimed_by = $2, claim_expires_at = now() + interval '5 minutes' WHERE id = $1`, [claimedByOther, colleague.userId]);
      const unknown = randomUUID();
      const res = await as('POST', '/v1/review/decisions', { ids: [...mine, foreign, unknown, claimedByOther], action: 'approve' });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { id: string; status: number }) => [r.id, r.status])).toEqual([[mine[0], 200], [mine[1], 200], [foreign, 404], [unknown, 404], [claimedByOther, 409]]);
      expect(res.body.results[0].decision).toMatchObject({ action: 'approve', toStatus: 'approved', userId: mod.userId });
      expect(res.body.results[2].problem).toEqual({ code: 'comment/not_found', detail: expect.any(String) });
      expect(res.body.results[4].problem.code).toBe('review/claimed');
      const { rows } = await db.query(
        `SELECT c.id, c.status, (SELECT count(*)::int FROM decisions d WHERE d.comment_id = c.id) AS decisions,
                (SELECT count(*)::int FROM outbox_events o WHERE o.payload->>'commentId' = c.id::text) AS events
         FROM comments c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
        [[...mine, foreign, claimedByOther]],
      );
      const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
      expect(byId[mine[0]!]).toMatchObject({ status: 'approved', decisions: 1, events: 1 });
      expect(byId[mine[1]!]).toMatchObject({ status: 'approved', decisions: 1, events: 1 });
      expect(byId[foreign]).toMatchObject({ status: 'rejected', decisions: 0, events: 0 });
      expect(byId[claimedByOther]).toMatchObject({ status: 'rejected', decisions: 0, events: 0 });
    });

    it('refuses a bulk decision over 200 ids or with a reject without reason', async () => {
      const { as } = await siteWithModerator();
      const many = await as('POST', '/v1/review/decisions', { ids: Array.from({ length: 201 }, () => randomUUID()), action: 'approve' });
      expect(many.status).toBe(422);
      expect(many.body.errors).toEqual([expect.objectContaining({ pointer: '/ids' })]);
      const noReason = await as('POST', '/v1/review/decisions', { ids: [randomUUID()], action: 'reject' });
      expect(noReason.body.errors).toEqual([expect.objectContaining({ pointer: '/reason' })]);
    });
  });

  describe('undo and audit', () => {
    it('lets the author undo within the window: the previous state returns, the entry is marked, an undo entry and an event are written', async () => {
      const { siteId, publisher, as, mod } = await siteWithModerator();
      const id = await ingest(publisher, LISTED);
      const decided = await as('POST', `/v1/comments/${id}/decision`, { action: 'approve' });
      const res = await as('POST', `/v1/decisions/${decided.body.decision.id}/undo`);
      expect(res.status).toBe(200);
      expect(res.body.comment).toMatchObject({ id, status: 'rejected', decidedAt: null, decidedBy: null });
      expect(res.body.decision).toMatchObject({ action: 'undo', undoes: decided.body.decision.id, fromStatus: 'approved', toStatus: 'rejected', userId: mod.userId, userEmail: mod.email });
      // Back in the flagged queue.
      expect(await queueIds(as, '')).toEqual([id]);
      const audit = await as('GET', `/v1/comments/${id}/audit`);
      expect(audit.status).toBe(200);
      expect(audit.body.items).toEqual([
        { ...decided.body.decision, undoneAt: expect.any(String) },
        res.body.decision,
      ]);
      const events = await db.query(`SELECT payload FROM outbox_events WHERE site_id = $1 ORDER BY created_at, payload->>'action'`, [siteId]);
      expect(events.rows.map((r) => [r.payload.action, r.payload.status])).toEqual([['approve', 'approved'], ['undo', 'rejected']]);
      expect(events.rows[1].payload).toMatchObject({ commentId: id, decidedBy: null, decidedAt: null, note: null });
      // Undone once is undone.
      const twice = await as('POST', `/v1/decisions/${decided.body.decision.id}/undo`);
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('review/not_latest');
    });

    it('restores the previous person\'s decision when a second decision is undone', async () => {
      const { publisher, as, mod } = await siteWithModerator();
      const id = await ingest(publisher, SHOUTING);
      const first = await as('POST', `/v1/comments/${id}/decision`, { action: 'escalate' });
      const second = await as('POST', `/v1/comments/${id}/decision`, { action: 'reject', reason: 'hate' });
      const earlier = await as('POST', `/v1/decisions/${first.body.decision.id}/undo`);
      expect(earlier.status).toBe(409);
      expect(earlier.body.code).toBe('review/not_latest');
      const res = await as('POST', `/v1/decisions/${second.body.decision.id}/undo`);
      expect(res.body.comment).toMatchObject({ status: 'escalated', decidedBy: mod.userId, decidedAt: first.body.decision.createdAt });
    });

    it('refuses an undo by another moderator (403), after 10 minutes (409) and of an unknown decision (404)', async () => {
      const { siteId, publisher, as } = await siteWithModerator();
      const colleague = api(t.base, (await makeModerator(t, { siteIds: [siteId] })).token);
      const id = await ingest(publisher, LISTED);
      const decided = await as('POST', `/v1/comments/${id}/decision`, { action: 'reject', reason: 'misinformation' });
      const decisionId = decided.body.decision.id;
      const foreign = await colleague('POST', `/v1/decisions/${decisionId}/undo`);
      expect(foreign.status).toBe(403);
      expect(foreign.headers.get('content-type')).toContain(PROBLEM);
      expect(foreign.body.code).toBe('review/not_your_decision');
      await db.query(`UPDATE decisions SET created_at = created_at - interval '11 minutes' WHERE id = $1`, [decisionId]);
      const late = await as('POST', `/v1/decisions/${decisionId}/undo`);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('review/undo_expired');
      expect((await as('POST', `/v1/decisions/${randomUUID()}/undo`)).status).toBe(404);
      const { rows } = await db.query(`SELECT status, decided_at IS NOT NULL AS decided FROM comments WHERE id = $1`, [id]);
      expect(rows[0]).toEqual({ status: 'rejected', decided: true });
    });

    it('gives an empty trail for an undecided comment and 404 for an unknown one', async () => {
      const { publisher, as } = await siteWithModerator();
      const id = await ingest(publisher, CALM);
      expect((await as('GET', `/v1/comments/${id}/audit`)).body).toEqual({ items: [] });
      expect((await as('GET', `/v1/comments/${randomUUID()}/audit`)).status).toBe(404);
      expect((await as('GET', '/v1/comments/not-a-uuid/audit')).status).toBe(404);
    });
  });

  describe('author view and stats', () => {
    it('shows an author\'s counts and comments, newest first, with excerpts', async () => {
      const { publisher, as } = await siteWithModerator();
      const author = { id: `reader-${randomUUID().slice(0, 6)}`, name: 'Leser' };
      const calm = await ingest(publisher, `${CALM} ${'lang '.repeat(60)}`, { author });
      const listed = await ingest(publisher, LISTED, { author });
      const shouting = await ingest(publisher, SHOUTING, { author });
      await ingest(publisher, SHOUTING, { author: { id: 'someone-else' } });
      await as('POST', `/v1/comments/${listed}/decision`, { action: 'reject', reason: 'misinformation' });
      const res = await as('GET', `/v1/review/authors/${author.id}`);
      expect(res.status).toBe(200);
      expect(res.body.authorId).toBe(author.id);
      expect(res.body.counts).toEqual({ total: 3, approved: 1, flagged: 1, rejected: 1, escalated: 0, pending: 0 });
      expect(res.body.comments.map((c: { id: string }) => c.id)).toEqual([shouting, listed, calm]);
      expect(res.body.comments[0]).toEqual({
        id: shouting, siteId: expect.any(String), externalId: expect.any(String), status: 'review', score: expect.any(Number), verdictAction: 'review',
        reasonCodes: expect.arrayContaining(['text.shouting', 'text.vote_call']), decidedAt: null, receivedAt: expect.any(String), excerpt: SHOUTING,
      });
      expect(res.body.comments[2].excerpt).toHaveLength(200);
    });

    it('reports decisions per day, the median time to decision and precision per rule and list entry', async () => {
      const { siteId, publisher, as } = await siteWithModerator();
      const listed = [await ingest(publisher, LISTED), await ingest(publisher, LISTED), await ingest(publisher, LISTED)];
      const shouting = await ingest(publisher, SHOUTING);
      await ingest(publisher, RT_DE);
      await as('POST', '/v1/review/decisions', { ids: listed.slice(0, 2), action: 'reject', reason: 'misinformation' });
      await as('POST', `/v1/comments/${listed[2]}/decision`, { action: 'approve' });
      await as('POST', `/v1/comments/${shouting}/decision`, { action: 'escalate' });
      const res = await as('GET', `/v1/review/stats?site=${siteId}`);
      expect(res.status).toBe(200);
      const today = new Date().toISOString().slice(0, 10);
      expect(res.body.decisionsPerDay).toEqual([{ day: today, approve: 1, reject: 2, escalate: 1 }]);
      expect(res.body.medianSecondsToDecision).toEqual(expect.any(Number));
      expect(res.body.medianSecondsToDecision).toBeGreaterThanOrEqual(0);
      const rule = (code: string) => res.body.rules.find((r: { code: string }) => r.code === code);
      // link.listed flagged 4 (3 anti-spiegel + RT DE), decided 3, rejected 2.
      expect(rule('link.listed')).toEqual({ code: 'link.listed', flagged: 4, decided: 3, rejected: 2, precision: 2 / 3 });
      // Escalated is not a ruling yet.
      expect(rule('text.shouting')).toEqual({ code: 'text.shouting', flagged: 1, decided: 0, rejected: 0, precision: null });
      const entry = res.body.entries.find((e: { matched: string }) => e.matched.includes('anti-spiegel'));
      expect(entry).toMatchObject({ listId: expect.any(String), flagged: 3, decided: 3, rejected: 2, precision: 2 / 3 });
      expect(res.body.entries.find((e: { entity: string | null }) => e.entity === 'RT DE')).toMatchObject({ flagged: 1, decided: 0, precision: null });
      const future = await as('GET', `/v1/review/stats?site=${siteId}&from=2999-01-01T00:00:00Z`);
      expect(future.body).toEqual({ decisionsPerDay: [], medianSecondsToDecision: null, rules: [], entries: [] });
    });
  });

  describe('site restriction', () => {
    it('hides site A from a moderator of site B: 404 for its comments, never in queue, claims, author view or stats', async () => {
      const a = await siteWithModerator();
      const b = await siteWithModerator();
      const author = `shared-${randomUUID().slice(0, 6)}`;
      const commentA = await ingest(a.publisher, LISTED, { author: { id: author } });
      const commentB = await ingest(b.publisher, LISTED, { author: { id: author } });
      const decisionA = await a.as('POST', `/v1/comments/${commentA}/decision`, { action: 'escalate' });

      for (const [method, path, body] of [
        ['POST', `/v1/comments/${commentA}/decision`, { action: 'approve' }],
        ['GET', `/v1/comments/${commentA}/audit`, undefined],
        ['POST', `/v1/decisions/${decisionA.body.decision.id}/undo`, undefined],
        ['GET', `/v1/review/queue?site=${a.siteId}`, undefined],
        ['GET', `/v1/review/authors/${author}?site=${a.siteId}`, undefined],
        ['GET', `/v1/review/stats?site=${a.siteId}`, undefined],
      ] as const) {
        const res = await b.as(method, path, body);
        expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({ path, status: 404, type: expect.stringContaining(PROBLEM) });
      }
      expect((await b.as('POST', '/v1/review/decisions', { ids: [commentA], action: 'approve' })).body.results[0].status).toBe(404);

      for (const status of ['flagged', 'escalated']) expect(await queueIds(b.as, `status=${status}`)).not.toContain(commentA);
      const claimed = await b.as('POST', '/v1/review/claim', { filter: { status: 'escalated' } });
      expect(claimed.body.items).toEqual([]);
      expect((await b.as('POST', '/v1/review/claim', {})).body.items.map((i: Item) => i.id)).toEqual([commentB]);
      const authorView = await b.as('GET', `/v1/review/authors/${author}`);
      expect(authorView.body.counts.total).toBe(1);
      expect(authorView.body.comments.map((c: { id: string }) => c.id)).toEqual([commentB]);
      const stats = await b.as('GET', '/v1/review/stats');
      expect(stats.body.decisionsPerDay).toEqual([]);
      // An admin sees both.
      const admin = api(t.base, (await makeModerator(t, { role: 'admin' })).token);
      expect(await queueIds(admin, `status=escalated&site=${a.siteId}`)).toEqual([commentA]);
    });
  });

  describe('authentication', () => {
    it.each([
      ['no token', null],
      ['an unknown token', 'lpm_not-a-real-token'],
      ['a publisher API key', 'loupe_whatever'],
    ])('answers 401 problem+json for %s', async (_name, token) => {
      const res = await api(t.base, token)('GET', '/v1/review/queue');
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.code).toBe('auth/unauthorized');
    });

    it('requires the CSRF header on a decision from a page session, and accepts it with the header', async () => {
      const { publisher, mod } = await siteWithModerator();
      const id = await ingest(publisher, LISTED);
      const login = await api(t.base, null)('POST', '/v1/auth/session', { email: mod.email, password: mod.password });
      const cookie = { cookie: login.headers.get('set-cookie')!.split(';')[0]! };
      const page = api(t.base, null);
      expect((await page('GET', '/v1/review/queue', undefined, cookie)).status).toBe(200);
      const forged = await page('POST', `/v1/comments/${id}/decision`, { action: 'approve' }, cookie);
      expect(forged.status).toBe(403);
      expect(forged.headers.get('content-type')).toContain(PROBLEM);
      expect(forged.body.code).toBe('auth/csrf');
      expect((await db.query(`SELECT count(*)::int AS n FROM decisions WHERE comment_id = $1`, [id])).rows[0].n).toBe(0);
      const ok = await page('POST', `/v1/comments/${id}/decision`, { action: 'approve' }, { ...cookie, 'x-csrf-token': login.body.csrfToken });
      expect(ok.status).toBe(200);
    });
  });
});
