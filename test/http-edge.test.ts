import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '../src/config/config.js';
import { PAGE_CSP } from '../src/moderator-page/moderator-page.controller.js';
import { createHttpApp } from '../src/platform/create-app.js';
import { CSV_BODY_LIMIT } from '../src/platform/http/json-body.js';
import { API_CSP, DOCS_CSP } from '../src/platform/http/security-headers.js';
import { api, makeModerator, makeSite, startTestApp, type TestApp } from './support/http-app.js';
import { deletePrefix } from './support/redis.js';

const PROBLEM = 'application/problem+json';
const DEADLINE_MS = 5_000;

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Settles when the server has closed the connection (rejects after the deadline). */
  closed: Promise<void>;
  socket: Socket;
}

/**
 * One request written as raw bytes on a fresh connection (what fetch would refuse to send), and
 * the first response read off the wire, without waiting for the request to finish sending.
 */
function rawRequest(port: number, request: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    let serverEnded = false;
    let onServerEnd: (() => void) | undefined;
    const closed = new Promise<void>((resolveClosed, rejectClosed) => {
      const timer = setTimeout(() => rejectClosed(new Error('the server kept the connection open')), DEADLINE_MS);
      onServerEnd = () => {
        clearTimeout(timer);
        resolveClosed();
      };
    });
    closed.catch(() => undefined);
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response within ${DEADLINE_MS} ms; received: ${buffer.toString('latin1').slice(0, 300)}`));
    }, DEADLINE_MS);
    const end = (): void => {
      serverEnded = true;
      onServerEnd?.();
    };
    socket.on('end', end);
    socket.on('close', end);
    // The server may close while we still write the body: that is the point of some tests.
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const headEnd = buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const [statusLine = '', ...lines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      const length = Number(headers['content-length'] ?? 0);
      const body = buffer.subarray(headEnd + 4);
      if (body.length < length) return;
      clearTimeout(giveUp);
      socket.removeAllListeners('data');
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8'), closed: serverEnded ? Promise.resolve() : closed, socket });
    });
    socket.on('connect', () => socket.write(request));
  });
}

function expectSecurityHeaders(headers: Record<string, string> | Headers, csp: string): void {
  const get = (name: string): string | null | undefined => (headers instanceof Headers ? headers.get(name) : headers[name]);
  expect({
    csp: get('content-security-policy'),
    nosniff: get('x-content-type-options'),
    referrer: get('referrer-policy'),
    frame: get('x-frame-options'),
  }).toEqual({ csp, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY' });
  expect(csp).toContain("frame-ancestors 'none'");
}

function expectProblem(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, type: response.headers['content-type']?.split(';')[0] }).toEqual({ status, type: PROBLEM });
  const body = JSON.parse(response.body) as { status: number; code: string; type: string; detail: string; requestId: string };
  expect({ status: body.status, code: body.code, type: body.type }).toEqual({ status, code, type: `urn:loupe:problem:${code}` });
  expect(body.detail.length).toBeGreaterThan(10);
  expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  expectSecurityHeaders(response.headers, API_CSP);
}

function portOf(t: TestApp): number {
  return Number(new URL(t.base).port);
}

describe('the HTTP edge', () => {
  let t: TestApp;
  let port: number;
  let siteKey: string;
  let adminToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    port = portOf(t);
    ({ key: siteKey } = await makeSite(t));
    ({ token: adminToken } = await makeModerator(t, { role: 'admin' }));
  });
  afterAll(async () => {
    await t.close();
  });

  describe('requests Fastify or the HTTP parser refuse are problem+json 4xx', () => {
    const close = 'Connection: close\r\n';
    it.each([
      ['a malformed percent-escape in the path', `GET /v1/comments/%zz HTTP/1.1\r\nHost: x\r\n${close}\r\n`, 400, 'request/bad_url'],
      ['a truncated percent-escape', `GET /v1/comments/%E0%A4%A HTTP/1.1\r\nHost: x\r\n${close}\r\n`, 400, 'request/bad_url'],
      ['a percent-escape that is not UTF-8', `GET /v1/comments/%C3%28 HTTP/1.1\r\nHost: x\r\n${close}\r\n`, 400, 'request/bad_url'],
      ['an overlong path parameter', `GET /v1/comments/${'a'.repeat(101)} HTTP/1.1\r\nHost: x\r\n${close}\r\n`, 414, 'request/path_parameter_too_long'],
      ['a Content-Length that is not a number', `POST /v1/comments HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n${close}\r\n`, 400, 'request/invalid_length'],
      ['two different Content-Lengths', `POST /v1/comments HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n${close}\r\n{}`, 400, 'request/invalid_length'],
      [
        'Content-Length together with Transfer-Encoding',
        `POST /v1/comments HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n${close}\r\n0\r\n\r\n`,
        400,
        'request/invalid_transfer_encoding',
      ],
      ['a Transfer-Encoding that does not end in chunked', `POST /v1/comments HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n${close}\r\n`, 400, 'request/invalid_transfer_encoding'],
      [
        'a chunk size that is not hexadecimal',
        `POST /v1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${close}\r\nzz\r\n{}\r\n0\r\n\r\n`,
        400,
        'request/invalid_chunked_body',
      ],
      ['headers larger than 16 KB', `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n${close}\r\n`, 431, 'request/headers_too_large'],
      ['an HTTP/1.1 request without Host', `GET /health/live HTTP/1.1\r\n${close}\r\n`, 400, 'request/missing_host'],
      ['an invalid method', `G(T /health/live HTTP/1.1\r\nHost: x\r\n${close}\r\n`, 400, 'request/invalid_method'],
      ['an unknown HTTP version', `GET /health/live HTTP/9.9\r\nHost: x\r\n${close}\r\n`, 400, 'request/invalid_version'],
      [
        'chunk extensions beyond the limit',
        `POST /v1/comments HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n${close}\r\n2;${'x'.repeat(20_000)}\r\n`,
        400,
        'request/invalid_chunked_body',
      ],
      ['a control character in a header value', `GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n${close}\r\n`, 400, 'request/invalid_header'],
      ['a bare CR in a header value', `GET /health/live HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n${close}\r\n`, 400, 'request/malformed'],
      ['a control character in the path', `GET /health/\u007f HTTP/1.1\r\nHost: x\r\n${close}\r\n`, 400, 'request/bad_url'],
      ['a header without a colon', `GET /health/live HTTP/1.1\r\nHost: x\r\nnocolon\r\n${close}\r\n`, 400, 'request/invalid_header'],
      ['bytes that are not HTTP at all', 'HELLO\r\n\r\n', 400, 'request/invalid_method'],
      ['an Expect other than 100-continue', `POST /v1/comments HTTP/1.1\r\nHost: x\r\nExpect: nonsense\r\nContent-Length: 2\r\n${close}\r\n{}`, 417, 'request/expectation_failed'],
      ['CONNECT (Loupe is no proxy)', `CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n`, 405, 'request/method_not_allowed'],
    ])('%s', async (_name, request, status, code) => {
      const response = await rawRequest(port, request);
      expectProblem(response, status, code);
      await response.closed;
    });

    it('answers an HTTP/1.0 request without Host normally', async () => {
      const response = await rawRequest(port, 'GET /health/live HTTP/1.0\r\n\r\n');
      expect(response.status).toBe(200);
    });

    it('names the path of a refused URL as the instance', async () => {
      const response = await rawRequest(port, `GET /v1/comments/%zz HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(JSON.parse(response.body)).toMatchObject({ instance: '/v1/comments/%zz', title: 'Malformed URL' });
      response.socket.destroy();
    });
  });

  describe('security headers', () => {
    const comment = (): string => JSON.stringify({ externalId: `edge-${randomUUID()}`, text: 'Ein ruhiger Kommentar.' });
    it.each([
      ['a JSON 200', 'GET', '/health/live', null, null, 200],
      ['an accepted comment (202)', 'POST', '/v1/comments', 'site', 'application/json', 202],
      ['a problem 401', 'GET', '/v1/comments?externalId=x', null, null, 401],
      ['an authenticated problem 404', 'GET', '/v1/comments?externalId=no-such-comment', 'site', null, 404],
      ['a problem 404 for a route', 'GET', '/no/such/route', null, null, 404],
      ['a problem 415', 'POST', '/v1/comments', 'site', 'text/plain', 415],
      ['the metrics', 'GET', '/metrics', null, null, 200],
    ])('are on %s', async (_name, method, path, auth, contentType, status) => {
      const res = await fetch(`${t.base}${path}`, {
        method,
        headers: { ...(auth ? { authorization: `Bearer ${siteKey}` } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
        ...(contentType ? { body: comment() } : {}),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(status);
      expectSecurityHeaders(res.headers, API_CSP);
      // Sent only when the client came over TLS or a trusted proxy says so (see below).
      expect(res.headers.get('strict-transport-security')).toBeNull();
    });

    it('give the OpenAPI document the policy that lets Swagger UI work', async () => {
      const res = await fetch(`${t.base}/docs/openapi.json`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { paths: object }).paths).toHaveProperty(['/v1/comments']);
      expectSecurityHeaders(res.headers, DOCS_CSP);
    });

    it("leave the moderators' page its own stricter policy", async () => {
      const res = await fetch(`${t.base}/moderate`);
      await res.arrayBuffer();
      expect(res.status).toBe(200);
      expectSecurityHeaders(res.headers, PAGE_CSP);
    });
  });

  describe('bodies are refused from their headers, before a byte is read', () => {
    const huge = CSV_BODY_LIMIT;

    // An admin's token passes the sign-in check for CSV bodies (auth module): what refuses them
    // here is the CSV parser, because none of these routes is marked as taking CSV.
    it.each([
      ['comments', '/v1/comments'],
      ['creating a list', '/v1/lists'],
      ['a list entry', '/v1/lists/loupe-de/entries'],
      ['login', '/v1/auth/login'],
    ])('text/csv to %s is a 415 before the body is sent, and the connection is not drained', async (_name, path) => {
      const head = `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminToken}\r\nContent-Type: text/csv\r\nContent-Length: ${huge}\r\n\r\n`;
      const response = await rawRequest(port, head);
      expectProblem(response, 415, 'request/unsupported_media_type');
      expect(response.headers.connection).toBe('close');
      // The server answers and closes its side instead of reading (and discarding) all that was announced.
      await response.closed;
    });

    it.each([
      ['without credentials', null],
      ["with a site's API key", 'site'],
    ])('text/csv %s is refused before the body is sent, even on the import route', async (_name, auth) => {
      const head = `POST /v1/lists/loupe-de/import HTTP/1.1\r\nHost: x\r\n${auth ? `Authorization: Bearer ${siteKey}\r\n` : ''}Content-Type: text/csv\r\nContent-Length: ${huge}\r\n\r\n`;
      const response = await rawRequest(port, head);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectSecurityHeaders(response.headers, API_CSP);
      await response.closed;
    });

    it('a JSON body larger than LOUPE_BODY_LIMIT_BYTES is a 413 from its Content-Length', async () => {
      const head = `POST /v1/comments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${siteKey}\r\nContent-Type: application/json\r\nContent-Length: ${t.config.LOUPE_BODY_LIMIT_BYTES + 1}\r\n\r\n`;
      const response = await rawRequest(port, head);
      expectProblem(response, 413, 'request/too_large');
      expect(JSON.parse(response.body).detail).toContain(String(t.config.LOUPE_BODY_LIMIT_BYTES));
      await response.closed;
    });

    it('the list import keeps the JSON limit for JSON', async () => {
      const head = `POST /v1/lists/loupe-de/import?dryRun=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminToken}\r\nContent-Type: application/json\r\nContent-Length: ${t.config.LOUPE_BODY_LIMIT_BYTES + 1}\r\n\r\n`;
      const response = await rawRequest(port, head);
      expectProblem(response, 413, 'request/too_large');
      await response.closed;
    });

    it('the list import refuses CSV over its own limit from its Content-Length', async () => {
      const head = `POST /v1/lists/loupe-de/import?dryRun=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${adminToken}\r\nContent-Type: text/csv\r\nContent-Length: ${huge + 1}\r\n\r\n`;
      const response = await rawRequest(port, head);
      expectProblem(response, 413, 'request/too_large');
      expect(JSON.parse(response.body).detail).toContain(String(huge));
      await response.closed;
    });

    it('the list import still takes CSV', async () => {
      const csv = 'pattern,kind,category,severity\nedge-test.example,domain,unreliable,0.5\n';
      const res = await api(t.base, adminToken)('POST', '/v1/lists/loupe-de/import?dryRun=true&mode=merge', csv, { 'content-type': 'text/csv' });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).toContain('edge-test.example');
    });

    it('keeps the connection of an ordinary request alive', async () => {
      const response = await rawRequest(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
      expect(response.status).toBe(200);
      expect(response.headers.connection).toBe('keep-alive');
      response.socket.destroy();
    });
  });
});

describe('/docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOUPE_DOCS: 'false' });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['/docs', '/docs/openapi.json'])('%s is a 404 problem when LOUPE_DOCS is off', async (path) => {
    const res = await fetch(`${t.base}${path}`);
    const body = (await res.json()) as { code: string; detail: string };
    expect({ status: res.status, type: res.headers.get('content-type')?.split(';')[0], code: body.code }).toEqual({ status: 404, type: PROBLEM, code: 'route/not_found' });
    // It does not point to documentation that is not there.
    expect(body.detail).not.toContain('/docs for');
    expectSecurityHeaders(res.headers, API_CSP);
  });
});

describe('LOUPE_TRUST_PROXY', () => {
  // A route of the test's own shows what Fastify concluded about the client.
  async function appWithEcho(trustProxy: string): Promise<{ app: NestFastifyApplication; base: string; close: () => Promise<void> }> {
    const prefix = `loupe-test-${randomUUID().slice(0, 8)}`;
    const config = loadConfig({ ...process.env, LOUPE_REDIS_PREFIX: prefix, LOG_LEVEL: 'silent', LOUPE_TRUST_PROXY: trustProxy });
    const app = await createHttpApp(config, { logger: false, docs: false });
    app.getHttpAdapter().getInstance().get('/test/client', async (request) => ({ ip: request.ip, protocol: request.protocol }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    return { app, base, close: async () => { await app.close(); await deletePrefix(config.REDIS_URL, prefix); } };
  }

  it.each([
    ['off', 'false', { ip: '127.0.0.1', protocol: 'http' }, null],
    ['a hop count', '1', { ip: '203.0.113.9', protocol: 'https' }, 'max-age=31536000'],
    ['the proxy address', '127.0.0.1', { ip: '203.0.113.9', protocol: 'https' }, 'max-age=31536000'],
    ['another proxy address', '10.0.0.0/8', { ip: '127.0.0.1', protocol: 'http' }, null],
  ])('%s: X-Forwarded-For/-Proto are believed only from a trusted proxy', async (_name, setting, expected, hsts) => {
    const e = await appWithEcho(setting);
    try {
      const res = await fetch(`${e.base}/test/client`, { headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-proto': 'https' } });
      expect(await res.json()).toEqual(expected);
      expect(res.headers.get('strict-transport-security')).toBe(hsts);
    } finally {
      await e.close();
    }
  });
});
