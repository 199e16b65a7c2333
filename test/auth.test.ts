import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import pg from 'pg';
import { api, makeModerator, startTestApp, type TestApp } from './support/http-app.js';

const PROBLEM = 'application/problem+json';

describe('moderator accounts and sign-in', () => {
  let t: TestApp;
  let db: pg.Pool;

  beforeAll(async () => {
    t = await startTestApp();
    db = new pg.Pool({ connectionString: t.config.DATABASE_URL, max: 1 });
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  it('stores an argon2id hash, never the password', async () => {
    const { email, password } = await makeModerator(t);
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE email = $1', [email]);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]?.password_hash).not.toContain(password);
  });

  it('gives an API token for the right password and the same 401 for a wrong password or an unknown account', async () => {
    const { email, password } = await makeModerator(t, { role: 'admin' });
    const ok = await api(t.base, null)('POST', '/v1/auth/login', { email: email.toUpperCase(), password });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token: expect.stringMatching(/^lpm_/), user: { email, role: 'admin', siteIds: null } });
    const me = await api(t.base, ok.body.token)('GET', '/v1/auth/me');
    expect(me.body.user.email).toBe(email);
    const wrong = await api(t.base, null)('POST', '/v1/auth/login', { email, password: 'not it at all' });
    const unknown = await api(t.base, null)('POST', '/v1/auth/login', { email: 'nobody@example.org', password });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.detail).toBe('The e-mail address or the password is wrong.');
    }
  });

  it('takes about as long for an unknown account as for a wrong password (a dummy hash is checked)', async () => {
    const { email } = await makeModerator(t, { role: 'moderator' });
    const timed = async (body: { email: string; password: string }): Promise<number> => {
      const start = performance.now();
      expect((await api(t.base, null)('POST', '/v1/auth/login', body)).status).toBe(401);
      return performance.now() - start;
    };
    await timed({ email: 'warm-up@example.org', password: 'x' });
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await timed({ email, password: `wrong-${i}` }));
      unknown.push(await timed({ email: `nobody-${i}-${Date.now()}@example.org`, password: `wrong-${i}` }));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Before the dummy hash the known account took about 5x as long; the same work now.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
    expect(median(unknown) / median(known)).toBeLessThan(2);
  });

  it('answers a NUL in the login e-mail and a malformed session-cookie escape with a 4xx problem, never a 500', async () => {
    for (const body of [{ email: 'a\u0000b@example.org', password: 'x' }, { email: 'a@example.org', password: 'x\uD800' }]) {
      const res = await api(t.base, null)('POST', '/v1/auth/login', body);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.errors[0].message).toMatch(/NUL|lone surrogates/);
    }
    const res = await api(t.base, null)('GET', '/v1/auth/me', undefined, { cookie: 'loupe_session=%E0%A4%A' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
  });

  it('sets an HttpOnly SameSite=Strict session cookie for the page and requires the CSRF header to change state', async () => {
    const { email, password } = await makeModerator(t);
    const login = await api(t.base, null)('POST', '/v1/auth/session', { email, password });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^loupe_session=lpm_[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+/);
    const session = { cookie: cookie.split(';')[0]! };
    const me = await api(t.base, null)('GET', '/v1/auth/me', undefined, session);
    expect(me.body.csrfToken).toBe(login.body.csrfToken);
    const forged = await api(t.base, null)('POST', '/v1/auth/logout', undefined, session);
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('auth/csrf');
    const out = await api(t.base, null)('POST', '/v1/auth/logout', undefined, { ...session, 'x-csrf-token': login.body.csrfToken });
    expect(out.status).toBe(204);
    expect((await api(t.base, null)('GET', '/v1/auth/me', undefined, session)).status).toBe(401);
  });

  it('does not accept a session token as a bearer token', async () => {
    const { email, password } = await makeModerator(t);
    const login = await api(t.base, null)('POST', '/v1/auth/session', { email, password });
    const token = (login.headers.get('set-cookie') ?? '').split(';')[0]!.split('=')[1]!;
    expect((await api(t.base, token)('GET', '/v1/auth/me')).status).toBe(401);
  });

  it('slows down password guessing on one account (429 with Retry-After)', async () => {
    const { email } = await makeModerator(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await api(t.base, null)('POST', '/v1/auth/login', { email, password: `guess-${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

/** A login from a given source address (127.0.0.0/8 is all loopback): a real second client without a proxy. */
function loginFrom(base: string, localAddress: string, body: { email: string; password: string }): Promise<number> {
  const url = new URL('/v1/auth/login', base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * Sends the headers of a POST announcing `declared` bytes and only the first `sent`, then waits
 * for an answer: one that comes is one the server gave without reading the body.
 */
function postWithoutBody(base: string, path: string, headers: Record<string, string>, declared: number, sent: number): Promise<{ status: number; contentType: string; body: string; ms: number }> {
  const url = new URL(path, base);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: 'POST', headers: { ...headers, 'content-length': String(declared) } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body, ms: performance.now() - start });
        req.destroy();
      });
    });
    // The server closes the connection after its answer, while this side still owes most of the body.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? undefined : reject(e)));
    req.write(Buffer.alloc(sent, 'a'));
  });
}

describe('login limits per client', () => {
  const PER_CLIENT = 15;
  let proxied: TestApp;
  let direct: TestApp;

  beforeAll(async () => {
    proxied = await startTestApp({ LOUPE_TRUST_PROXY: 'true', LOUPE_LOGIN_ATTEMPTS_PER_CLIENT: String(PER_CLIENT) });
    direct = await startTestApp();
  });
  afterAll(async () => {
    await proxied.close();
    await direct.close();
  });

  const from = (app: TestApp, address: string) => (body: { email: string; password: string }) => api(app.base, null)('POST', '/v1/auth/login', body, { 'x-forwarded-for': address });

  it("locks a stranger guessing an account's password out, not the account's owner (behind a trusted proxy)", async () => {
    const { email, password } = await makeModerator(proxied);
    const stranger = from(proxied, '203.0.113.7');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await stranger({ email, password: `guess-${i}` })).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    const locked = await stranger({ email, password });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(locked.headers.get('content-type')).toContain(PROBLEM);
    const owner = from(proxied, '198.51.100.2');
    expect((await owner({ email, password: 'a typo' })).status).toBe(401);
    expect((await owner({ email, password })).status).toBe(200);
  });

  it('locks a client that guesses across many accounts, and only that client', async () => {
    const { email, password } = await makeModerator(proxied);
    const sprayer = from(proxied, '203.0.113.8');
    const statuses: number[] = [];
    for (let i = 0; i <= PER_CLIENT; i++) statuses.push((await sprayer({ email: `spray-${i}-${randomUUID()}@example.org`, password: 'Sommer2026!' })).status);
    expect(statuses).toEqual([...Array(PER_CLIENT).fill(401), 429]);
    expect((await sprayer({ email, password })).status).toBe(429);
    expect((await from(proxied, '198.51.100.3')({ email, password })).status).toBe(200);
  });

  it('ignores X-Forwarded-For without a trusted proxy: a forged header does not escape the lock', async () => {
    const { email } = await makeModerator(direct);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await from(direct, `192.0.2.${i}`)({ email, password: `guess-${i}` })).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });

  it('tells two real source addresses apart without a proxy', async () => {
    const { email, password } = await makeModerator(direct);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await loginFrom(direct.base, '127.0.0.2', { email, password: `guess-${i}` }));
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    expect(await loginFrom(direct.base, '127.0.0.2', { email, password })).toBe(429);
    expect(await loginFrom(direct.base, '127.0.0.3', { email, password })).toBe(200);
  });

  it.each([
    ['through a trusted proxy that says https', 'proxied', 'https', true],
    ['through a trusted proxy that says http', 'proxied', 'http', false],
    ['with an X-Forwarded-Proto nobody is trusted to send', 'direct', 'https', false],
  ] as const)('marks the session cookie Secure only over HTTPS: %s', async (_name, which, proto, secure) => {
    const app = which === 'proxied' ? proxied : direct;
    const { email, password } = await makeModerator(app);
    const res = await api(app.base, null)('POST', '/v1/auth/session', { email, password }, { 'x-forwarded-proto': proto, 'x-forwarded-for': '198.51.100.9' });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^loupe_session=lpm_/);
    expect(/;\s*Secure/i.test(cookie)).toBe(secure);
  });
});

describe('CSV bodies only after authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const TEN_MB = 10 * 1024 * 1024;

  it.each([
    ['no credentials', () => Promise.resolve({}), 401],
    ['an unknown token', () => Promise.resolve({ authorization: `Bearer lpm_${randomUUID()}` }), 401],
    ['a moderator who is not an admin', async () => ({ authorization: `Bearer ${(await makeModerator(t)).token}` }), 403],
  ] as const)('answers a 10 MB text/csv import with %s before reading its body', async (_name, credentials, status) => {
    const res = await postWithoutBody(t.base, '/v1/lists/loupe-de/import?dryRun=true', { 'content-type': 'text/csv; charset=utf-8', ...(await credentials()) }, TEN_MB, 64 * 1024);
    expect(res.status).toBe(status);
    expect(res.contentType).toContain(PROBLEM);
    expect(JSON.parse(res.body)).toMatchObject({ status, detail: expect.stringContaining('text/csv') });
    expect(res.ms).toBeLessThan(2_000);
  });

  it('answers a text/csv body on any other route the same way', async () => {
    const res = await postWithoutBody(t.base, '/v1/comments', { 'content-type': 'text/csv' }, TEN_MB, 1024);
    expect(res.status).toBe(401);
    expect(res.contentType).toContain(PROBLEM);
  });

  it("reads an admin's CSV import", async () => {
    const { token } = await makeModerator(t, { role: 'admin' });
    const res = await api(t.base, token)('POST', '/v1/lists/loupe-de/import?dryRun=true', 'pattern,category,severity\nexample-csv-test.ru,disinformation,0.5\n', { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
  });
});

describe('loupe users create', () => {
  // Jest's process.env is the test's own copy: the child gets the test database only when passed on.
  const run = (file: string, args: string[]) => promisify(execFile)(file, args, { env: process.env });
  it('creates a moderator restricted to named sites and refuses a short password', async () => {
    const site = `users-cli-${randomUUID().slice(0, 8)}`;
    await run('node', ['bin/loupe.js', 'sites', 'create', site]);
    const email = `cli-${randomUUID().slice(0, 8)}@example.org`;
    const { stdout } = await run('node', ['bin/loupe.js', 'users', 'create', '--email', email, '--password', 'correct horse battery', '--sites', site, '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ email, role: 'moderator', siteIds: [expect.any(String)] });
    const weak = await run('node', ['bin/loupe.js', 'users', 'create', '--email', `x${email}`, '--password', 'short']).catch((e: { code: number; stderr: string }) => e);
    expect(weak).toMatchObject({ code: 1, stderr: expect.stringContaining('at least 10 characters') });
  });
});
