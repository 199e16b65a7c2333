import { request, type Agent } from 'undici';
import type { Readable } from 'node:stream';
import { createGuardedAgent } from './guarded-agent.js';
import { checkOutboundUrlShape } from './ssrf-guard.js';

export interface HttpResult {
  statusCode: number | null;
  error: string | null;
  excerpt: string | null;
  retryAfter: string | null;
}

export interface OutboundHttpOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Bytes of the response body kept (for a delivery log). */
  excerptBytes: number;
  userAgent: string;
}

/** Reads at most `limit` bytes of the body for the log, then lets the rest go. */
async function readExcerpt(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.byteLength;
    if (size >= limit) {
      // Past the limit: drop the connection rather than download the rest.
      body.destroy();
      break;
    }
  }
  // PostgreSQL text cannot hold NUL.
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8').replaceAll('\u0000', '');
}

function describeError(e: unknown, timeoutMs: number): string {
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT') {
    return `timed out after ${timeoutMs} ms`;
  }
  if (err.code === 'ERR_OUTBOUND_ADDRESS_REFUSED') return `URL refused: ${err.message}`;
  const code = err.code ?? err.cause?.code;
  return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
}

/**
 * POSTs to URLs outside the deployment (webhook deliveries): undici's request API over a keep-alive pool (a fraction of fetch's
 * cost per request), redirects not followed, one deadline for the whole exchange, and sockets
 * that connect only to addresses the SSRF guard checked at connect time (unless private
 * addresses are allowed).
 */
export class OutboundHttpClient {
  private readonly agent: Agent;

  constructor(private readonly options: OutboundHttpOptions) {
    this.agent = createGuardedAgent({ connectTimeoutMs: options.timeoutMs, allowPrivate: options.allowPrivate, keepAliveTimeoutMs: 4_000 });
  }

  async post(url: string, headers: Record<string, string>, body: string): Promise<HttpResult> {
    const refused = checkOutboundUrlShape(url, this.options.allowPrivate);
    if (refused) return { statusCode: null, error: `URL refused: ${refused}`, excerpt: null, retryAfter: null };
    const { timeoutMs } = this.options;
    try {
      const res = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        headers: { 'user-agent': this.options.userAgent, ...headers },
        body,
      });
      const excerpt = await readExcerpt(res.body, this.options.excerptBytes).catch(() => null);
      const location = res.headers.location;
      const redirect = res.statusCode >= 300 && res.statusCode < 400 ? `redirects are not followed (${res.statusCode} to ${String(location ?? '?')})` : null;
      const retryAfter = res.headers['retry-after'];
      return { statusCode: res.statusCode, error: redirect, excerpt, retryAfter: Array.isArray(retryAfter) ? (retryAfter[0] ?? null) : (retryAfter ?? null) };
    } catch (e) {
      return { statusCode: null, error: describeError(e, timeoutMs), excerpt: null, retryAfter: null };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
