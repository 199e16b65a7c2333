import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { api, makeComment, startTestApp, type TestApp } from './support/http-app.js';

// The compiled `loupe` command (pretest builds dist/) against the test database, as an operator runs it.
const run = promisify(execFile);
async function loupe(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/loupe.js', ...args], { env: process.env });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

describe('loupe sites and keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a site and a key whose --json output authenticates ingest, then revokes it', async () => {
    const name = `cli-${randomUUID().slice(0, 8)}`;
    const site = await loupe('sites', 'create', name, '--json');
    expect(site.code).toBe(0);
    const { id } = JSON.parse(site.stdout) as { id: string; name: string };
    const created = await loupe('keys', 'create', name, '--json');
    expect(created.code).toBe(0);
    const { siteId, key } = JSON.parse(created.stdout) as { siteId: string; key: string };
    expect(siteId).toBe(id);
    expect(key).toMatch(/^loupe_[\w-]{43}$/);
    expect((await api(t.base, key)('POST', '/v1/comments', makeComment())).status).toBe(202);

    const listed = await loupe('keys', 'list', name);
    expect(listed.stdout).toContain(key.slice(0, 12));
    expect(listed.stdout).not.toContain(key);
    expect((await loupe('keys', 'revoke', key.slice(0, 12))).code).toBe(0);
  });

  it.each([
    [['sites', 'create'], 2, 'needs a NAME'],
    [['keys', 'create', 'no-such-site'], 1, 'There is no site "no-such-site"'],
    [['keys', 'explode'], 2, 'unknown command'],
  ])('loupe %j exits %i with a clear message', async (args, code, message) => {
    const result = await loupe(...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(message);
  });

  it('refuses a second site of the same name', async () => {
    const name = `dup-${randomUUID().slice(0, 8)}`;
    expect((await loupe('sites', 'create', name)).code).toBe(0);
    const again = await loupe('sites', 'create', name);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
