import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type Config } from '../../src/config/config.js';
import { startWorker } from '../../src/platform/bootstrap.js';
import { createHttpApp } from '../../src/platform/create-app.js';
import { AuthService } from '../../src/auth/auth.service.js';
import { SitesService } from '../../src/sites/sites.service.js';
import { deletePrefix } from './redis.js';

export interface TestApp {
  app: NestFastifyApplication;
  base: string;
  config: Config;
  close: () => Promise<void>;
}

/**
 * The real application in this process on a free port, against the test database and a Redis
 * key prefix of its own (deleted on close). `worker: true` embeds the analysis worker and sweeper.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { worker?: boolean } = {}): Promise<TestApp> {
  const prefix = `loupe-test-${randomUUID().slice(0, 8)}`;
  const config = loadConfig({ ...process.env, LOUPE_REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', ...env });
  const app = await createHttpApp(config, { logger: false, docs: false });
  if (options.worker) await startWorker(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    base,
    config,
    close: async () => {
      await app.close();
      // A deliberately unreachable REDIS_URL (a test of Redis being down) has nothing to clean.
      await deletePrefix(config.REDIS_URL, config.LOUPE_REDIS_PREFIX).catch(() => 0);
    },
  };
}

/** A new site with one API key; returns the key. */
export async function makeSite(app: TestApp, name = `site-${randomUUID().slice(0, 8)}`): Promise<{ siteId: string; key: string }> {
  const sites = app.app.get(SitesService);
  const site = await sites.createSite(name);
  const { key } = await sites.createKey(site.id);
  return { siteId: site.id, key };
}

let counter = 0;
/** A comment body with a unique externalId. */
export function makeComment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return { externalId: `ext-${Date.now()}-${counter}-${randomUUID().slice(0, 6)}`, text: 'Ein ruhiger Kommentar zum Artikel.', ...overrides };
}

export function api(base: string, key: string | null) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies of many shapes, each checked by expect()
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Headers }> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
}

/** A moderator account with an API token; `siteIds` omitted for an admin. */
export async function makeModerator(app: TestApp, options: { role?: 'admin' | 'moderator'; siteIds?: string[] } = {}): Promise<{ userId: string; email: string; password: string; token: string }> {
  const auth = app.app.get(AuthService);
  const email = `mod-${randomUUID().slice(0, 8)}@example.org`;
  const password = `pw-${randomUUID()}`;
  const user = await auth.createUser(email, password, options.role ?? 'moderator', options.siteIds ?? []);
  const { token } = await auth.login(email, password, 'api');
  return { userId: user.id, email, password, token };
}
