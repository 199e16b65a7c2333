import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { API_CSP, DOCS_CSP } from '../src/platform/http/security-headers.js';
import { ServiceProcesses, type HttpServiceProcess } from './support/processes.js';
import { deletePrefix } from './support/redis.js';

// Swagger UI's static files only exist in a real process (see create-app.ts): the compiled
// service, as `npm start` runs it.
const SLOW = 120_000;

function securityHeadersOf(res: Response): Record<string, string | null> {
  return {
    csp: res.headers.get('content-security-policy'),
    nosniff: res.headers.get('x-content-type-options'),
    referrer: res.headers.get('referrer-policy'),
    frame: res.headers.get('x-frame-options'),
  };
}

describe('the HTTP edge of the service process', () => {
  const prefix = `loupe-test-edge-${randomUUID().slice(0, 8)}`;
  const env = { DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: 'redis://127.0.0.1:6379', LOUPE_REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' };
  const processes = new ServiceProcesses(env);
  let service: HttpServiceProcess;
  let production: HttpServiceProcess;

  beforeAll(async () => {
    // One after the other: two start-ups at once on a busy machine can pass the ready deadline.
    service = await processes.startHttp('edge', 'api');
    production = await processes.startHttp('edge-production', 'api', { NODE_ENV: 'production' });
  }, SLOW);
  afterAll(async () => {
    await processes.killAll();
    await deletePrefix(env.REDIS_URL, prefix);
  });

  it.each([
    ['the Swagger UI page', '/docs', DOCS_CSP],
    ["Swagger UI's script", '/docs/swagger-ui-bundle.js', DOCS_CSP],
    ["Swagger UI's stylesheet", '/docs/swagger-ui.css', DOCS_CSP],
    ['the OpenAPI document', '/docs/openapi.json', DOCS_CSP],
    ['the health check', '/health/live', API_CSP],
    ['the metrics', '/metrics', API_CSP],
  ])('sends the security headers with %s', async (_name, path, csp) => {
    const res = await fetch(`${service.base}${path}`);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    expect(securityHeadersOf(res)).toEqual({ csp, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY' });
  });

  it.each(['/docs', '/docs/openapi.json', '/docs/swagger-ui-bundle.js'])('answers %s with a 404 problem in production (LOUPE_DOCS unset)', async (path) => {
    const res = await fetch(`${production.base}${path}`);
    const body = (await res.json()) as { code: string };
    expect({ status: res.status, type: res.headers.get('content-type')?.split(';')[0], code: body.code }).toEqual({ status: 404, type: 'application/problem+json', code: 'route/not_found' });
    expect(securityHeadersOf(res)).toEqual({ csp: API_CSP, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY' });
  });

  it("loads nothing DOCS_CSP forbids: Swagger UI's page runs only its own files from /docs", async () => {
    const html = await (await fetch(`${service.base}/docs`)).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ src: /src="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? null, inline: (m[2] ?? '').trim() }));
    const links = [...html.matchAll(/<link\b[^>]*href="([^"]+)"/gi)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    // script-src 'self' without 'unsafe-inline': no inline code, no event-handler attributes.
    expect(scripts.filter((s) => s.src === null || s.inline !== '')).toEqual([]);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    for (const url of [...scripts.map((s) => s.src!), ...links]) {
      // Relative to the page, as the browser resolves them.
      const resolved = new URL(url, `${service.base}/docs`);
      expect(resolved.origin).toBe(service.base);
      const res = await fetch(resolved);
      await res.arrayBuffer();
      expect({ url, status: res.status }).toEqual({ url, status: 200 });
    }
  });
});
