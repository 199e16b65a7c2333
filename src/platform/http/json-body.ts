import { TextDecoder } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { DomainError } from './domain-error.js';
import { takesCsv } from './takes-csv.decorator.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes a text/csv body may have (list imports): 50 000 rows of about 300 bytes. Not more, because
 * the event loop must never stop for more than 100 ms: only making one string of 32 MB takes
 * about 80 ms on a 2-core machine.
 */
export const CSV_BODY_LIMIT = 16 * 1024 * 1024;

/** The exact text of a JSON body, for handlers that report positions in it (list imports). */
export function rawJsonText(req: unknown): string | undefined {
  return (req as { rawJsonText?: string }).rawJsonText;
}

const emptyBody = (): DomainError => new DomainError('request/empty_body', 400, 'Empty body', 'The request has a content type but no body.');
const invalidUtf8 = (): DomainError => new DomainError('request/invalid_utf8', 400, 'Invalid UTF-8', 'The request body is not valid UTF-8; send it encoded as UTF-8.');

function decode(buffer: Buffer): string | DomainError {
  if (buffer.length === 0) return emptyBody();
  try {
    return utf8.decode(buffer);
  } catch {
    return invalidUtf8();
  }
}

/**
 * JSON bodies are decoded strictly: Fastify's default parser would turn invalid UTF-8 into
 * U+FFFD and store a comment the reader never wrote, so such bodies get a 400 instead.
 */
export function registerStrictJsonParser(fastify: FastifyInstance, bodyLimit: number): void {
  // Only JSON: text/plain and the rest get 415 instead of reaching validation as a string.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(/^application\/(.+\+)?json$/, { parseAs: 'buffer', bodyLimit }, (req, body, done) => {
    const text = decode(body as Buffer);
    if (text instanceof DomainError) {
      done(text, undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      (req as { rawJsonText?: string }).rawJsonText = text;
      done(null, parsed);
    } catch (e) {
      done(new DomainError('request/invalid_json', 400, 'Malformed JSON', `The request body is not valid JSON: ${(e as Error).message}.`), undefined);
    }
  });
  // CSV (list imports) arrives as its text; handlers that want an object refuse a string. The
  // parser reads nothing for a route not marked with @TakesCsv(): a 16 MB body sent to any other
  // route is refused from its headers, so it costs neither memory nor the time to drain it.
  const csvLimit = Math.max(bodyLimit, CSV_BODY_LIMIT);
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    if (request.is404) {
      done(null, undefined);
      return;
    }
    if (!takesCsv(request.routeOptions.config)) {
      done(csvNotAccepted(), undefined);
      return;
    }
    readText(payload, request.headers['content-length'], csvLimit).then(
      (text) => done(null, text),
      (error: unknown) => done(error as Error, undefined),
    );
  });
}

function csvNotAccepted(): DomainError {
  return new DomainError(
    'request/unsupported_media_type',
    415,
    'Unsupported media type',
    'This route takes JSON ("Content-Type: application/json"); only POST /v1/lists/{id}/import takes text/csv.',
  );
}

function tooLarge(limit: number): DomainError {
  return new DomainError('request/too_large', 413, 'Request body too large', `The request body is larger than ${limit} bytes.`);
}

/**
 * The whole body as text, refused as soon as its declared or received size passes `limit`. Each
 * chunk is decoded (strictly) as it arrives: decoding and copying a body of 32 MB in one go
 * blocked the event loop for about 200 ms.
 */
function readText(payload: NodeJS.ReadableStream, contentLengthHeader: string | undefined, limit: number): Promise<string> {
  const declared = contentLengthHeader === undefined ? undefined : Number(contentLengthHeader);
  if (declared !== undefined && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const parts: string[] = [];
    let received = 0;
    let failed: DomainError | null = null;
    const finish = (error: Error | null): void => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      if (error) reject(error);
      else if (declared !== undefined && received !== declared) {
        reject(new DomainError('request/invalid_length', 400, 'Invalid Content-Length', 'The body is not as long as its Content-Length says.'));
      } else if (received === 0) reject(emptyBody());
      else if (failed) reject(failed);
      else {
        const last = decodeChunk(decoder, undefined);
        if (last instanceof DomainError) reject(last);
        else resolve(parts.join('') + last);
      }
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > limit) {
        finish(tooLarge(limit));
        return;
      }
      if (failed) return;
      const text = decodeChunk(decoder, bytes);
      if (text instanceof DomainError) failed = text;
      else parts.push(text);
    };
    const onEnd = (): void => finish(null);
    const onError = (error: Error): void => {
      // A body cut off or malformed on the wire is the client's fault, never a 500.
      finish(Object.assign(error, { statusCode: 400 }));
    };
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  });
}

/** One chunk of a streamed body (the end of it when `bytes` is undefined), or the UTF-8 problem. */
function decodeChunk(decoder: TextDecoder, bytes: Buffer | undefined): string | DomainError {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
  } catch {
    return invalidUtf8();
  }
}
