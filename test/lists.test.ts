import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { api, makeComment, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { ANALYZER_VERSION } from '../src/analysis/version.js';
import { ListsRepository } from '../src/lists/lists.repository.js';
import { WebhookReceiver } from './support/webhook-receiver.js';
import { pollUntil } from './support/poll.js';

type Call = ReturnType<typeof api>;

/** A fresh .example-free domain nobody has listed: unique per test run. */
function freshDomain(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}.online`;
}

describe('managed domain lists', () => {
  // `worker` analyses comments and runs re-scoring; `admin` is a second process (API only) where
  // the lists are changed, so the worker sees changes only through its refresh.
  let worker: TestApp;
  let adminApp: TestApp;
  let admin: Call;
  let db: pg.Pool;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    worker = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', LOUPE_LISTS_REFRESH_MS: '1000' }, { worker: true });
    adminApp = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', LOUPE_LISTS_REFRESH_MS: '60000' });
    admin = api(adminApp.base, (await makeModerator(adminApp, { role: 'admin' })).token);
    db = new pg.Pool({ connectionString: worker.config.DATABASE_URL, max: 2 });
  });
  afterAll(async () => {
    await adminApp.close();
    await worker.close();
    await db.end();
    await receiver.stop();
  });

  async function newList(): Promise<string> {
    const id = `test-${randomUUID().slice(0, 8)}`;
    const res = await admin('POST', '/v1/lists', { id, name: `Test list ${id}`, license: 'CC0' });
    expect(res.status).toBe(201);
    return id;
  }

  async function verdictOf(key: string, text: string): Promise<{ id: string; verdict: { action: string; score: number; listsVersion: string; reasons: { code: string; details?: Record<string, unknown> }[] } }> {
    const posted = await api(worker.base, key)('POST', '/v1/comments?wait=5000', makeComment({ text }));
    expect([posted.status, posted.body.verdict === null]).toEqual([200, false]);
    return { id: posted.body.id, verdict: posted.body.verdict };
  }

  it('imports the bundled lists into PostgreSQL once, with the versions verdicts record', async () => {
    const res = await admin('GET', '/v1/lists');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((l: { id: string }) => l.id);
    expect(ids).toEqual(expect.arrayContaining(['cred-1', 'loupe-de', 'platforms', 'shorteners']));
    const loupeDe = res.body.items.find((l: { id: string }) => l.id === 'loupe-de');
    expect(loupeDe).toMatchObject({ bundledVersion: expect.any(String), entries: expect.any(Number), version: `loupe-de@${loupeDe.revision}` });
    expect(loupeDe.entries).toBeGreaterThan(30);

    const { key } = await makeSite(worker);
    const { verdict } = await verdictOf(key, 'Lest mal https://anti-spiegel.ru/2026/wahrheit');
    expect(verdict.action).toBe('reject');
    expect(verdict.listsVersion.split(',')).toEqual(expect.arrayContaining([loupeDe.version]));
    expect(verdict.reasons[0]?.details).toMatchObject({ listId: 'loupe-de', listVersion: String(loupeDe.revision) });
  });

  it('merges a newer bundled version without overwriting local edits or bringing back local deletions', async () => {
    const repo = adminApp.app.get(ListsRepository);
    const id = `bundle-${randomUUID().slice(0, 8)}`;
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((x) => `${x}-${id}.net`) as [string, string, string, string, string];
    const entry = (domain: string, severity: number) => ({ domain, category: 'disinformation' as const, severity });
    const v1 = { id, name: 'Bundle test', version: '2026.01', license: 'CC0', entries: [entry(a, 0.5), entry(b, 0.5), entry(c, 0.5), entry(e, 0.5)] };
    expect(await repo.syncBundled([v1])).toEqual([]);
    expect(await repo.syncBundled([v1])).toEqual([]);
    const live = async () => Object.fromEntries((await repo.liveEntries(id)).map((x) => [x.pattern, x.severity]));
    expect(await live()).toEqual({ [a]: 0.5, [b]: 0.5, [c]: 0.5, [e]: 0.5 });

    // Here: b is changed, c deleted.
    const bRow = (await repo.liveEntries(id)).find((x) => x.pattern === b);
    await repo.changeEntries(id, 'admin@example.org', { add: [], update: [{ ...(bRow as NonNullable<typeof bRow>), severity: 0.9 }], remove: [c] });

    // The next bundle changes a and b, still has c, adds d and drops e.
    const v2 = { ...v1, version: '2026.02', entries: [entry(a, 0.6), entry(b, 0.6), entry(c, 0.6), entry(d, 0.6)] };
    const changes = await repo.syncBundled([v2]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.patterns.map((p) => p.pattern).sort()).toEqual([a, d, e].sort());
    expect(await live()).toEqual({ [a]: 0.6, [b]: 0.9, [d]: 0.6 });
    expect((await repo.getList(id))?.bundledVersion).toBe('2026.02');
    await repo.deleteList(id);
  });

  it('is for admins only', async () => {
    const moderator = api(adminApp.base, (await makeModerator(adminApp)).token);
    expect((await moderator('GET', '/v1/lists')).status).toBe(403);
    expect((await api(adminApp.base, null)('GET', '/v1/lists')).status).toBe(401);
  });

  it('a new mirror added through the API flags the next comment in another process within 5 s, no restart', async () => {
    const { key } = await makeSite(worker);
    const mirror = freshDomain('rtde-mirror');
    const before = await verdictOf(key, `Neue Quelle: https://${mirror}/news`);
    expect(before.verdict.action).toBe('approve');

    const list = await newList();
    const added = await admin('POST', `/v1/lists/${list}/entries`, { pattern: `https://www.${mirror}/`, category: 'state_media', severity: 0.95, entity: 'RT DE' });
    expect(added.status).toBe(201);
    expect(added.body.entry).toMatchObject({ pattern: mirror, kind: 'domain', entity: 'RT DE', addedBy: expect.stringContaining('@') });
    const addedAt = Date.now();

    const flagged = await pollUntil(() => verdictOf(key, `Neue Quelle: https://${mirror}/news`), (v) => v.verdict.action === 'reject', 5_000);
    expect(Date.now() - addedAt).toBeLessThan(5_000);
    expect(flagged.verdict.reasons[0]).toMatchObject({ code: 'link.listed', details: { matched: mirror, listId: list, entity: 'RT DE' } });
    expect(flagged.verdict.listsVersion).toContain(`${list}@${added.body.revision}`);
  });

  it('refuses a duplicate entry (409) and invalid entries with pointers (422)', async () => {
    const list = await newList();
    const domain = freshDomain('dup');
    expect((await admin('POST', `/v1/lists/${list}/entries`, { pattern: domain, category: 'disinformation', severity: 0.8 })).status).toBe(201);
    const dup = await admin('POST', `/v1/lists/${list}/entries`, { pattern: domain.toUpperCase(), category: 'disinformation', severity: 0.8 });
    expect(dup.status).toBe(409);
    expect(dup.headers.get('content-type')).toContain('application/problem+json');
    const bad = await admin('POST', `/v1/lists/${list}/entries`, { pattern: domain, category: 'gossip', severity: 2 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/category', '/severity']);
    for (const [pattern, kind] of [['not a domain', undefined], ['example.org/path', 'domain'], ['rt*', 'family'], ['t.me', 'path']]) {
      const res = await admin('POST', `/v1/lists/${list}/entries`, { pattern, kind, category: 'disinformation', severity: 0.5 });
      expect([pattern, res.status, res.body.errors]).toEqual([pattern, 422, [{ pointer: '/pattern', message: expect.any(String) }]]);
    }
    expect((await admin('POST', `/v1/lists/no-such-list/entries`, { pattern: domain, category: 'disinformation', severity: 0.8 })).status).toBe(404);
  });

  it('exports and re-imports a list as CSV and JSON unchanged (round trip)', async () => {
    const list = await newList();
    const entries = [
      { pattern: freshDomain('a'), category: 'disinformation', severity: 0.9, entity: 'Netz "A", GmbH', note: 'Zeile eins\nZeile zwei' },
      { pattern: `t.me/${randomUUID().slice(0, 8)}`, category: 'conspiracy', severity: 0.7 },
      { pattern: `fam${randomUUID().slice(0, 6)}.*`, category: 'state_media', severity: 0.95, entity: 'RT DE', sourceUrl: 'https://example.org/evidence' },
    ];
    for (const e of entries) expect((await admin('POST', `/v1/lists/${list}/entries`, e)).status).toBe(201);

    for (const format of ['csv', 'json'] as const) {
      const exported = await admin('GET', `/v1/lists/${list}/export?format=${format}`);
      expect(exported.status).toBe(200);
      const text = typeof exported.body === 'string' ? exported.body : JSON.stringify(exported.body);
      const contentType = format === 'csv' ? 'text/csv' : 'application/json';
      const other = await newList();
      const dry = await admin('POST', `/v1/lists/${other}/import?dryRun=true`, text, { 'content-type': contentType });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, valid: true, errors: [], removed: [], changed: [], unchanged: 0 });
      expect(dry.body.added).toHaveLength(3);
      expect((await admin('GET', `/v1/lists/${other}`)).body.entries).toBe(0);

      const done = await admin('POST', `/v1/lists/${other}/import`, text, { 'content-type': contentType });
      expect(done.status).toBe(200);
      const again = await admin('GET', `/v1/lists/${other}/export?format=${format}`);
      const againText = typeof again.body === 'string' ? again.body : JSON.stringify(again.body);
      if (format === 'csv') expect(againText).toBe(text);
      else expect(JSON.parse(againText).entries).toEqual(JSON.parse(text).entries);
      // Importing the same file again changes nothing.
      const same = await admin('POST', `/v1/lists/${other}/import?dryRun=true`, text, { 'content-type': contentType });
      expect(same.body).toMatchObject({ added: [], removed: [], changed: [], unchanged: 3 });
    }
  });

  it('reports in a dry run what an import would add, change and remove, and invalid rows by line', async () => {
    const list = await newList();
    const keep = freshDomain('keep');
    const change = freshDomain('change');
    const drop = freshDomain('drop');
    for (const pattern of [keep, change, drop]) {
      // The file below has no entity column: the kept entry's entity must survive the merge.
      const entity = pattern === keep ? 'Kept Entity' : undefined;
      expect((await admin('POST', `/v1/lists/${list}/entries`, { pattern, category: 'disinformation', severity: 0.8, entity })).status).toBe(201);
    }
    const added = freshDomain('new');
    const csv = [
      'pattern,category,severity,note',
      `${keep},disinformation,0.8,`,
      `${change},conspiracy,0.6,"moved to conspiracy"`,
      `${added},hyperpartisan,0.5,`,
    ].join('\n');
    const dry = await admin('POST', `/v1/lists/${list}/import?mode=replace&dryRun=true`, csv, { 'content-type': 'text/csv' });
    expect(dry.status).toBe(200);
    expect(dry.body.added.map((e: { pattern: string }) => e.pattern)).toEqual([added]);
    expect(dry.body.removed.map((e: { pattern: string }) => e.pattern)).toEqual([drop]);
    expect(dry.body.changed).toEqual([expect.objectContaining({ fields: expect.arrayContaining(['category', 'severity', 'note']) })]);
    expect(dry.body.unchanged).toBe(1);
    expect((await admin('GET', `/v1/lists/${list}`)).body.entries).toBe(3);

    const invalid = ['pattern,category,severity', `${freshDomain('ok')},disinformation,0.5`, 'x,disinformation,0.5', `"${freshDomain('q')}",gossip,0.5`, `${freshDomain('s')},satire,1.5`].join('\n');
    const report = await admin('POST', `/v1/lists/${list}/import?dryRun=true`, invalid, { 'content-type': 'text/csv' });
    expect(report.status).toBe(200);
    expect(report.body.valid).toBe(false);
    expect(report.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
      [3, 'pattern'],
      [4, 'category'],
      [5, 'severity'],
    ]);
    const refused = await admin('POST', `/v1/lists/${list}/import`, invalid, { 'content-type': 'text/csv' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/line 3/);
    expect((await admin('GET', `/v1/lists/${list}`)).body.entries).toBe(3);

    const json = `{\n  "entries": [\n    { "pattern": "${freshDomain('j')}", "category": "disinformation", "severity": 0.5 },\n    { "pattern": "${freshDomain('k')}", "category": "disinformation", "severity": "high" }\n  ]\n}`;
    const jsonReport = await admin('POST', `/v1/lists/${list}/import?dryRun=true`, json, { 'content-type': 'application/json' });
    expect(jsonReport.body.errors).toEqual([expect.objectContaining({ line: 4, pointer: '/entries/1/severity' })]);
  });

  it('searches entries across lists', async () => {
    const list = await newList();
    const marker = `needle${randomUUID().slice(0, 6)}`;
    await admin('POST', `/v1/lists/${list}/entries`, { pattern: `${marker}.info`, category: 'pseudoscience', severity: 0.6 });
    const found = await admin('GET', `/v1/lists/entries?q=${marker}`);
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([expect.objectContaining({ listId: list, pattern: `${marker}.info`, category: 'pseudoscience' })]);
    const rt = await admin('GET', '/v1/lists/entries?q=RT%20DE&category=state_media&limit=5');
    expect(rt.body.items.length).toBe(5);
    expect(rt.body.nextCursor).toEqual(expect.any(String));
    const next = await admin('GET', `/v1/lists/entries?q=RT%20DE&category=state_media&limit=5&cursor=${encodeURIComponent(rt.body.nextCursor)}`);
    expect(next.body.items[0].pattern).not.toBe(rt.body.items[0].pattern);
  });

  it("per site: an allowlisted domain is not scored for that site only, and the site's rules version is recorded", async () => {
    const list = await newList();
    const partner = freshDomain('partner');
    await admin('POST', `/v1/lists/${list}/entries`, { pattern: partner, category: 'hyperpartisan', severity: 0.95 });
    const a = await makeSite(worker);
    const b = await makeSite(worker);
    const allowed = await admin('POST', `/v1/sites/${a.siteId}/allowlist`, { domain: `https://${partner}/`, note: 'our partner' });
    expect(allowed.status).toBe(201);
    expect(allowed.body).toMatchObject({ allow: [partner], revision: 1 });

    const text = `Siehe https://blog.${partner}/artikel`;
    // Once the worker has the new entry, site B's comment is rejected while site A's is not.
    const forB = await pollUntil(() => verdictOf(b.key, text), (v) => v.verdict.action === 'reject', 5_000);
    expect(forB.verdict.listsVersion).not.toContain(';site@');
    const forA = await pollUntil(() => verdictOf(a.key, text), (v) => v.verdict.listsVersion.endsWith(';site@1'), 5_000);
    expect(forA.verdict.action).toBe('approve');
    expect(forA.verdict.reasons).toEqual([]);

    const overrides = await admin('PUT', `/v1/sites/${b.siteId}/list-settings`, { lists: null, severityOverrides: { hyperpartisan: 0.5 } });
    expect(overrides.status).toBe(200);
    const softer = await pollUntil(() => verdictOf(b.key, text), (v) => v.verdict.action === 'review', 5_000);
    expect(softer.verdict.reasons[0]).toMatchObject({ code: 'link.listed', severity: 0.5 });

    const only = await admin('PUT', `/v1/sites/${b.siteId}/list-settings`, { lists: ['platforms'], severityOverrides: {} });
    expect(only.body).toMatchObject({ restrictLists: true, listIds: ['platforms'] });
    await pollUntil(() => verdictOf(b.key, 'https://anti-spiegel.ru/x'), (v) => v.verdict.action === 'approve', 5_000);
    expect((await admin('PUT', `/v1/sites/${b.siteId}/list-settings`, { lists: ['nope'], severityOverrides: {} })).body.errors).toEqual([{ pointer: '/lists/0', message: 'no such list' }]);
    expect((await admin('GET', `/v1/sites/${randomUUID()}/list-settings`)).status).toBe(404);
  });

  it("re-scores affected stored verdicts after a change, emits comment.rescored, moves the queue and leaves a moderator's decision alone", async () => {
    const { siteId, key } = await makeSite(worker);
    const path = `/hooks/${randomUUID()}`;
    const endpoint = await api(worker.base, key)('POST', '/v1/webhooks/endpoints', { url: receiver.url(path), eventTypes: ['comment.rescored'] });
    expect(endpoint.status).toBe(201);
    const domain = freshDomain('newmirror');
    const plain = await verdictOf(key, `Quelle: https://${domain}/a`);
    const decided = await verdictOf(key, `Andere Quelle: https://news.${domain}/b`);
    const unrelated = await verdictOf(key, 'Quelle: https://www.tagesschau.de/inland');
    for (const v of [plain, decided, unrelated]) expect(v.verdict.action).toBe('approve');
    const mod = api(worker.base, (await makeModerator(worker, { siteIds: [siteId] })).token);
    expect((await mod('POST', `/v1/comments/${decided.id}/decision`, { action: 'approve', note: 'checked by hand' })).status).toBe(200);

    // The plain comment's verdict came from an older engine: re-scoring re-makes it with this one.
    await db.query(`UPDATE verdicts SET analyzer_version = '0.9.0' WHERE comment_id = $1`, [plain.id]);

    const list = await newList();
    const added = await admin('POST', `/v1/lists/${list}/entries`, { pattern: domain, category: 'disinformation', severity: 0.95 });
    expect(added.body.rescoreJobId).toEqual(expect.any(String));
    const job = await pollUntil(() => admin('GET', `/v1/lists/rescore-jobs/${added.body.rescoreJobId}`), (r) => r.body.status === 'succeeded' || r.body.status === 'failed', 20_000);
    expect(job.body).toMatchObject({ status: 'succeeded', total: 2, processed: 2, changed: 2, domains: [domain] });
    expect(job.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ commentId: plain.id, fromAction: 'approve', toAction: 'reject', statusChanged: true }),
        expect.objectContaining({ commentId: decided.id, fromAction: 'approve', toAction: 'reject', statusChanged: false }),
      ]),
    );

    const comments = await db.query(`SELECT id, status, verdict_action FROM comments WHERE id = ANY($1)`, [[plain.id, decided.id, unrelated.id]]);
    const byId = Object.fromEntries(comments.rows.map((r) => [r.id, r]));
    expect(byId[plain.id]).toMatchObject({ status: 'rejected', verdict_action: 'reject' });
    expect(byId[decided.id]).toMatchObject({ status: 'approved', verdict_action: 'reject' });
    expect(byId[unrelated.id]).toMatchObject({ status: 'approved', verdict_action: 'approve' });
    const stored = await api(worker.base, key)('GET', `/v1/comments/${plain.id}`);
    expect(stored.body.verdict).toMatchObject({ action: 'reject', analyzerVersion: ANALYZER_VERSION, listsVersion: expect.stringContaining(`${list}@`) });
    expect((await db.query(`SELECT count(*)::int AS n FROM verdicts WHERE comment_id = $1`, [plain.id])).rows[0].n).toBe(1);

    const events = await receiver.waitFor(path, (r) => r.length >= 2);
    const payloads = events.map((e) => new Webhook(endpoint.body.secret).verify(e.body, e.headers) as { type: string; data: Record<string, unknown> });
    expect(payloads.map((p) => p.type)).toEqual(['comment.rescored', 'comment.rescored']);
    expect(payloads.map((p) => p.data.commentId).sort()).toEqual([plain.id, decided.id].sort());
    expect(payloads.find((p) => p.data.commentId === plain.id)?.data).toMatchObject({ action: 'reject', status: 'rejected', previous: { action: 'approve' } });
    expect(payloads.find((p) => p.data.commentId === decided.id)?.data).toMatchObject({ action: 'reject', status: 'approved' });

    // Removing the entry re-scores them back; the decided comment keeps its decision.
    const removed = await admin('DELETE', `/v1/lists/${list}/entries/${added.body.entry.id}`);
    expect(removed.status).toBe(200);
    await pollUntil(() => admin('GET', `/v1/lists/rescore-jobs/${removed.body.rescoreJobId}`), (r) => r.body.status === 'succeeded', 20_000);
    const back = await db.query(`SELECT status FROM comments WHERE id = $1`, [plain.id]);
    expect(back.rows[0].status).toBe('approved');
  });

  it('loupe lists: add, import with a dry run and line-numbered errors, export', async () => {
    // Jest's process.env is the test's own copy: the child gets the test database only when passed on.
    const loupe = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['bin/loupe.js', 'lists', ...args], { env: process.env }).catch((e: { code: number; stdout: string; stderr: string }) => e);
    const list = await newList();
    const domain = freshDomain('cli');
    const added = await loupe('add', list, domain, '--category', 'disinformation', '--severity', '0.8', '--entity', 'CLI Net');
    expect(added).toMatchObject({ stdout: expect.stringContaining(`Added ${domain} to ${list}`) });

    const dir = mkdtempSync(join(tmpdir(), 'loupe-lists-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `pattern,category,severity\n${freshDomain('ok')},conspiracy,0.5\nnot a host,conspiracy,0.5\n`);
    const refused = await loupe('import', list, bad);
    expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining(`${bad}:line 3: pattern:`) });

    const good = join(dir, 'good.csv');
    const extra = freshDomain('extra');
    writeFileSync(good, `pattern,category,severity\n${extra},conspiracy,0.5\n`);
    const dry = await loupe('import', list, good, '--mode', 'replace', '--dry-run');
    expect(dry).toMatchObject({ stdout: expect.stringMatching(new RegExp(`\\+ ${extra.replace(/\./g, '\\.')}[\\s\\S]*- ${domain.replace(/\./g, '\\.')}[\\s\\S]*Dry run: 1 to add, 0 to change, 1 to remove`)) });
    const exported = (await loupe('export', list, '--format', 'csv')) as { stdout: string };
    expect(exported.stdout).toContain(`${domain},domain,disinformation,0.8,CLI Net`);
  });
});
