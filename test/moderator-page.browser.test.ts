import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { api, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { pollUntil } from './support/poll.js';

// A real headless Chromium (the Debian package) drives the page as a moderator would: the
// form to sign in, then only the keyboard. The database and the audit API are the judges.
const CHROMIUM = '/usr/bin/chromium';
const SEED = 'test/fixtures/seed-article-and-comments.txt';
const ARTICLE = 'https://zeitung.example/politik/trump-putin-telefonat';
const ANTI_SPIEGEL = 'https://anti-spiegel.ru/2025/egal-wie-sehr-kallas-und-selensky-meckern-wenn-trump-und-putin-reden-sitzen-die-eu-und-die-ukraine-nicht-mit-am-tisch/';
const XSS = '<img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> siehe anti-spiegel.ru';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const SLOW = 120_000;

describe('the moderators page /moderate in a real browser', () => {
  let t: TestApp;
  let db: pg.Pool;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let siteId: string;
  let siteKey: string;
  let moderator: Awaited<ReturnType<typeof makeModerator>>;
  let xssId: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, { worker: true });
    db = new pg.Pool({ connectionString: t.config.DATABASE_URL, max: 2 });
    const site = await makeSite(t);
    siteId = site.siteId;
    siteKey = site.key;
    const publisher = api(t.base, site.key);
    const run = randomUUID().slice(0, 8);
    const lines = readFileSync(SEED, 'utf8').split('\n').map((text, i) => ({ line: i + 1, text })).filter((l) => l.text.trim() !== '');
    const answers = await Promise.all([
      ...lines.map((l) =>
        publisher('POST', '/v1/comments?wait=5000', { externalId: `seed-${run}-${l.line}`, text: l.text, articleUrl: ARTICLE, author: { id: `reader-${l.line}`, name: `Leser ${l.line}` } }),
      ),
      publisher('POST', '/v1/comments?wait=5000', { externalId: `xss-${run}`, text: XSS, articleUrl: ARTICLE, author: { id: 'reader-xss', name: '<b>Mallory</b>' } }),
    ]);
    for (const answer of answers) expect([200, 202]).toContain(answer.status);
    xssId = answers[answers.length - 1]!.body.id;
    // ?wait may give up under load: the worker still analyses everything; wait for it.
    await pollUntil(
      async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM comments WHERE site_id = $1 AND status = 'pending'", [siteId])).rows[0]!.n,
      (pending) => pending === 0,
      60_000,
      100,
    );
    moderator = await makeModerator(t, { siteIds: [siteId] });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'de-DE' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, SLOW);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await db?.end();
    await t?.close();
  }, SLOW);

  async function commentRow(id: string): Promise<{ status: string; decided_at: Date | null; decided_by: string | null }> {
    const { rows } = await db.query('SELECT status, decided_at, decided_by FROM comments WHERE id = $1', [id]);
    return rows[0];
  }

  async function focusedId(): Promise<string> {
    return (await page.locator('li.item.focused').getAttribute('data-id')) ?? '';
  }

  it('serves the shell and its two files with a strict CSP, nosniff, no referrer and cache headers', async () => {
    const shell = await fetch(`${t.base}/moderate`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    const html = await shell.text();
    const script = /src="(\/moderate\/app\.js\?v=[\w-]+)"/.exec(html)?.[1];
    const style = /href="(\/moderate\/app\.css\?v=[\w-]+)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    for (const [path, type] of [['/moderate', 'text/html'], [script!, 'text/javascript'], [style!, 'text/css']] as const) {
      const res = await fetch(`${t.base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await fetch(`${t.base}${path}`, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
    }
    expect((await fetch(`${t.base}${script!}`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${t.base}/moderate/app.js`)).headers.get('cache-control')).toBe('no-cache');
    // The page never builds markup from strings.
    expect(readFileSync('web/moderate/app.js', 'utf8')).not.toMatch(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write/);
  });

  it('refuses a wrong password on the form, then signs in and shows the flagged seed comments with the listed link marked', async () => {
    await page.goto(`${t.base}/moderate?lang=de`);
    await page.locator('#login-email').fill(moderator.email);
    await page.locator('#login-password').fill('not the password');
    await page.keyboard.press('Enter');
    await page.locator('#login-form .error').waitFor({ state: 'visible' });
    await expect(page.locator('#login-form .error').textContent()).resolves.toBe('E-Mail-Adresse oder Passwort ist falsch.');
    await page.locator('#login-password').fill(moderator.password);
    await page.keyboard.press('Enter');
    await page.locator('li.item').first().waitFor();

    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM comments WHERE site_id = $1 AND status IN ('review', 'rejected') AND decided_at IS NULL ORDER BY score DESC, received_at",
      [siteId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const shown = await page.locator('li.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
    expect(new Set(shown)).toEqual(new Set(rows.map((r) => r.id)));
    await expect(page.locator('[data-count="flagged"]').textContent()).resolves.toBe(String(rows.length));

    const link = page.locator('mark.hl-link', { hasText: ANTI_SPIEGEL });
    await expect(link.count()).resolves.toBe(1);
    await expect(link.textContent()).resolves.toBe(ANTI_SPIEGEL);
    await expect(link.getAttribute('data-category')).resolves.toBe('disinformation');
    const item = page.locator('li.item', { has: link });
    await expect(item.locator('table.links').textContent()).resolves.toContain('anti-spiegel.ru');
    await expect(item.locator('table.links').textContent()).resolves.toContain('loupe-de');
    await expect(item.locator('.meta').textContent()).resolves.toContain(ARTICLE);
    // Shouting and the vote call are marked inside the AfD comment.
    const voteCall = page.locator('#queue li.item', { has: page.locator('span.hl-vote') }).first();
    await expect(voteCall.locator('span.hl-vote').first().textContent()).resolves.toMatch(/AfD/);
    await expect(voteCall.locator('span.hl-shout').count()).resolves.toBeGreaterThan(0);
    await expect(voteCall.locator('.reasons').textContent()).resolves.toContain('Wahlaufruf');

    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/moderate-queue.png' });
  }, SLOW);

  it('shows a comment full of markup as plain text: no image, no script run', async () => {
    const item = page.locator(`li.item[data-id="${xssId}"]`);
    await expect(item.locator('p.text').textContent()).resolves.toBe(XSS);
    await expect(item.locator('p.text').textContent()).resolves.toContain('<script>window.__xss=2</script>');
    await expect(item.locator('img').count()).resolves.toBe(0);
    await expect(item.locator('script').count()).resolves.toBe(0);
    await expect(item.locator('mark.hl-link').textContent()).resolves.toBe('anti-spiegel.ru');
    await expect(item.locator('.author-name').textContent()).resolves.toBe('<b>Mallory</b>');
    await expect(page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).resolves.toBeUndefined();
    expect(cspViolations).toEqual([]);
  });

  it('approves with a, rejects with r then 1, moves with j and k, and the database and audit trail agree', async () => {
    const ids = await page.locator('li.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id') ?? ''));
    expect(await focusedId()).toBe(ids[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await focusedId()).toBe(ids[2]);
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    expect(await focusedId()).toBe(ids[0]);

    const [approved, rejected] = [ids[0]!, ids[1]!];
    const before = await commentRow(approved);
    await page.keyboard.press('a');
    await page.locator(`li.item.decided[data-id="${approved}"]`).waitFor();
    expect(await focusedId()).toBe(rejected);
    await page.keyboard.press('r');
    await page.locator('#reason-picker').waitFor({ state: 'visible' });
    await page.keyboard.press('1');
    await page.locator(`li.item.decided[data-id="${rejected}"]`).waitFor();
    await page.locator('#reason-picker').waitFor({ state: 'hidden' });

    expect(await commentRow(approved)).toEqual({ status: 'approved', decided_at: expect.any(Date), decided_by: moderator.userId });
    expect(await commentRow(rejected)).toEqual({ status: 'rejected', decided_at: expect.any(Date), decided_by: moderator.userId });
    const { rows } = await db.query(
      'SELECT comment_id, user_id, action, from_status, to_status, reason FROM decisions WHERE comment_id = ANY($1) ORDER BY created_at',
      [[approved, rejected]],
    );
    expect(rows).toEqual([
      { comment_id: approved, user_id: moderator.userId, action: 'approve', from_status: before.status, to_status: 'approved', reason: null },
      { comment_id: rejected, user_id: moderator.userId, action: 'reject', from_status: expect.stringMatching(/^(review|rejected)$/), to_status: 'rejected', reason: 'misinformation' },
    ]);
    const audit = await api(t.base, moderator.token)('GET', `/v1/comments/${rejected}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ commentId: rejected, userId: moderator.userId, userEmail: moderator.email, action: 'reject', toStatus: 'rejected', reason: 'misinformation', undoes: null, undoneAt: null }),
    ]);
  }, SLOW);

  it('undoes the own last decision with u', async () => {
    const rejected = (await page.locator('li.item').nth(1).getAttribute('data-id'))!;
    const { rows: [decision] } = await db.query<{ id: string; from_status: string }>("SELECT id, from_status FROM decisions WHERE comment_id = $1 AND action = 'reject'", [rejected]);
    await page.keyboard.press('u');
    await page.locator(`li.item[data-id="${rejected}"]:not(.decided)`).waitFor();
    expect(await commentRow(rejected)).toEqual({ status: decision!.from_status, decided_at: null, decided_by: null });
    const audit = await api(t.base, moderator.token)('GET', `/v1/comments/${rejected}/audit`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ id: decision!.id, action: 'reject', undoneAt: expect.any(String) }),
      expect.objectContaining({ action: 'undo', undoes: decision!.id, toStatus: decision!.from_status }),
    ]);
  }, SLOW);

  it('after a reload keeps the session (CSRF token from /v1/auth/me) and escalates a selection in bulk with x and e', async () => {
    await page.reload();
    await page.locator('li.item').first().waitFor();
    await expect(page.locator('#login-form').count()).resolves.toBe(0);
    const ids = await page.locator('li.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id') ?? ''));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await expect(page.locator('#bulk .bulk-count').textContent()).resolves.toBe('2 ausgewählt');
    await page.keyboard.press('e');
    await page.locator(`li.item.decided[data-id="${ids[1]}"]`).waitFor();
    for (const id of ids.slice(0, 2)) expect((await commentRow(id)).status).toBe('escalated');
    expect((await commentRow(ids[2]!)).status).not.toBe('escalated');
    // The counts follow the database (refreshed after decisions and every few seconds).
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM comments WHERE site_id = $1 AND status = 'escalated'", [siteId]);
    await pollUntil(() => page.locator('[data-count="escalated"]').textContent(), (count) => count === String(rows[0]!.n), 20_000, 100);
  }, SLOW);

  it('labels in English with ?lang=en or an English browser, in German by default', async () => {
    await page.goto(`${t.base}/moderate?lang=en`);
    await expect(page.locator('[data-status="flagged"]').first().textContent()).resolves.toMatch(/^Flagged/);
    const english = await browser.newContext({ locale: 'en-GB' });
    const other = await browser.newContext({ locale: 'fr-FR' });
    try {
      const en = await english.newPage();
      await en.goto(`${t.base}/moderate`);
      await expect(en.locator('#login-form button[type="submit"]').textContent()).resolves.toBe('Sign in');
      const fr = await other.newPage();
      await fr.goto(`${t.base}/moderate`);
      await expect(fr.locator('#login-form button[type="submit"]').textContent()).resolves.toBe('Anmelden');
    } finally {
      await english.close();
      await other.close();
    }
  }, SLOW);

  it('filters the queue by domain through the form and resets it', async () => {
    await page.goto(`${t.base}/moderate?lang=en`);
    await page.locator('li.item').first().waitFor();
    const all = await page.locator('li.item').count();
    const { rows } = await db.query<{ id: string }>(
      `SELECT DISTINCT c.id FROM comments c JOIN comment_links l ON l.comment_id = c.id
        WHERE c.site_id = $1 AND l.domain = 'anti-spiegel.ru' AND c.status IN ('review', 'rejected') AND c.decided_at IS NULL`,
      [siteId],
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all);
    await page.locator('#filters input[name="domain"]').fill('anti-spiegel.ru');
    await page.locator('#filters input[name="domain"]').press('Enter');
    await pollUntil(() => page.locator('li.item').count(), (n) => n === rows.length, 20_000, 100);
    const shown = await page.locator('li.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
    expect(new Set(shown)).toEqual(new Set(rows.map((r) => r.id)));
    await page.locator('#filters button[type="button"]').click();
    await pollUntil(() => page.locator('li.item').count(), (n) => n === all, 20_000, 100);
  }, SLOW);

  it('claims a batch with c that a second moderator cannot claim, approves in it with a, and gives the rest back with c', async () => {
    // Earlier tests decided most seed comments: three more flagged ones make sure the batch holds more than the
    // one approved below (a batch whose every item is decided reloads the queue, which would hide that item).
    const more = await Promise.all(
      [1, 2, 3].map((n) =>
        api(t.base, siteKey)('POST', '/v1/comments?wait=5000', { externalId: `batch-${randomUUID()}`, text: `Lesen Sie selbst, Teil ${n}: ${ANTI_SPIEGEL}`, articleUrl: ARTICLE }),
      ),
    );
    for (const answer of more) expect([200, 202]).toContain(answer.status);
    await pollUntil(
      async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM comments WHERE site_id = $1 AND status = 'pending'", [siteId])).rows[0]!.n,
      (pending) => pending === 0,
      60_000,
      100,
    );

    // The other moderator holds one flagged comment first: the full queue marks it, A's batch skips it.
    const other = await makeModerator(t, { siteIds: [siteId] });
    const claimAsOther = () => api(t.base, other.token)('POST', '/v1/review/claim', { filter: { site: siteId }, count: 50 });
    const first = await api(t.base, other.token)('POST', '/v1/review/claim', { filter: { site: siteId }, count: 1 });
    expect(first.status).toBe(200);
    const theirId: string = first.body.items[0].id;
    await page.goto(`${t.base}/moderate?lang=de`);
    await page.locator('li.item').first().waitFor();
    await expect(page.locator('li.item.claimed').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')))).resolves.toEqual([theirId]);
    await expect(page.locator(`li.item[data-id="${theirId}"] .claimed-by`).textContent()).resolves.toBe('Von anderer Person in Bearbeitung');

    await page.keyboard.press('c');
    await page.locator('#batch').waitFor({ state: 'visible' });
    await expect(page.locator('#batch').textContent()).resolves.toMatch(/^Mein Stapel: \d+ Kommentare, reserviert bis \d\d:\d\d/);
    const mine = await page.locator('li.item').evaluateAll((items) => items.map((item) => item.getAttribute('data-id') ?? ''));
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.length).toBeLessThanOrEqual(10);
    expect(mine).not.toContain(theirId);
    const claimed = async (ids: string[]) =>
      (await db.query<{ id: string; claimed_by: string | null }>('SELECT id, claimed_by FROM comments WHERE id = ANY($1) AND claim_expires_at > now()', [ids])).rows;
    expect(await claimed(mine)).toEqual(expect.arrayContaining(mine.map((id) => ({ id, claimed_by: moderator.userId }))));
    expect(await claimed(mine)).toHaveLength(mine.length);

    const theirs = await claimAsOther();
    expect(theirs.status).toBe(200);
    const theirIds: string[] = theirs.body.items.map((item: { id: string }) => item.id);
    expect(theirIds).toContain(theirId);
    expect(theirIds.filter((id) => mine.includes(id))).toEqual([]);

    expect(await focusedId()).toBe(mine[0]);
    await page.keyboard.press('a');
    await page.locator(`li.item.decided[data-id="${mine[0]}"]`).waitFor();
    expect(await commentRow(mine[0]!)).toEqual({ status: 'approved', decided_at: expect.any(Date), decided_by: moderator.userId });

    // Back in the whole queue the rest of the batch is released; the other moderator's claims stay marked.
    await page.keyboard.press('c');
    await page.locator('#batch').waitFor({ state: 'hidden' });
    await pollUntil(() => claimed(mine), (stillClaimed) => stillClaimed.length === 0, 20_000, 100);
    await page.locator('li.item').first().waitFor();
    const marked = await page.locator('li.item.claimed').evaluateAll((items) => items.map((item) => item.getAttribute('data-id')));
    expect(new Set(marked)).toEqual(new Set(theirIds));
  }, SLOW);
});
