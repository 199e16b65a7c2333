import { request, type Dispatcher } from 'undici';
import { checkOutboundUrlShape } from '../platform/outbound/ssrf-guard.js';

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
  /** A bearer token the feed needs (another Loupe's export). */
  token: string | null;
}

export type FeedResult =
  | { kind: 'unchanged' }
  | { kind: 'body'; text: string; etag: string | null; lastModified: string | null }
  | { kind: 'failed'; outcome: 'unreachable' | 'too_large'; error: string };

export interface FetchFeedOptions {
  dispatcher: Dispatcher;
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function header(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

/**
 * One conditional GET of a list feed: If-None-Match / If-Modified-Since from the last good fetch,
 * one deadline for the whole exchange, at most `maxBytes` read (a larger feed is dropped without
 * reading on), redirects not followed (each hop would need its own SSRF check; a feed URL should
 * be the final one), and the body decoded as strict UTF-8. Never throws.
 */
export async function fetchFeed(url: string, validators: FeedValidators, options: FetchFeedOptions): Promise<FeedResult> {
  const refused = checkOutboundUrlShape(url, options.allowPrivate);
  if (refused !== null) return { kind: 'failed', outcome: 'unreachable', error: `URL refused: ${refused}` };
  const headers: Record<string, string> = { 'user-agent': 'Loupe list subscription', accept: 'application/json, text/csv;q=0.9, */*;q=0.1' };
  if (validators.token) headers.authorization = `Bearer ${validators.token}`;
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    const response = await request(url, { method: 'GET', headers, dispatcher: options.dispatcher, signal: AbortSignal.timeout(options.timeoutMs) });
    const { statusCode, body } = response;
    if (statusCode === 304) {
      await body.dump();
      return { kind: 'unchanged' };
    }
    if (statusCode < 200 || statusCode >= 300) {
      await body.dump();
      const location = header(response.headers, 'location');
      const why = statusCode >= 300 && statusCode < 400 && location ? `; redirects are not followed (to ${location.slice(0, 200)}): subscribe to the final URL` : '';
      return { kind: 'failed', outcome: 'unreachable', error: `the feed answered HTTP ${statusCode}${why}` };
    }
    const declared = Number(header(response.headers, 'content-length') ?? NaN);
    if (declared > options.maxBytes) {
      body.destroy();
      return { kind: 'failed', outcome: 'too_large', error: `the feed is ${declared} bytes, more than the limit of ${options.maxBytes}` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += (chunk as Buffer).byteLength;
      if (size > options.maxBytes) {
        body.destroy();
        return { kind: 'failed', outcome: 'too_large', error: `the feed is larger than the limit of ${options.maxBytes} bytes` };
      }
      chunks.push(chunk as Buffer);
    }
    let text: string;
    try {
      text = utf8.decode(Buffer.concat(chunks));
    } catch {
      return { kind: 'failed', outcome: 'unreachable', error: 'the feed is not valid UTF-8' };
    }
    return { kind: 'body', text, etag: header(response.headers, 'etag'), lastModified: header(response.headers, 'last-modified') };
  } catch (e) {
    const err = e as Error & { code?: string; cause?: { code?: string } };
    const timedOut = err.name === 'TimeoutError' || err.name === 'AbortError';
    const code = err.code ?? err.cause?.code;
    return { kind: 'failed', outcome: 'unreachable', error: timedOut ? `no answer within ${options.timeoutMs} ms` : `${err.message}${code && !err.message.includes(code) ? ` (${code})` : ''}` };
  }
}
