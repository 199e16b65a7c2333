import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
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
