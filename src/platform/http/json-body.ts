import type { FastifyInstance } from 'fastify';
import { DomainError } from './domain-error.js';
import { takesCsv } from './takes-csv.decorator.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes a text/csv body may have (list imports). */
export const CSV_BODY_LIMIT = 32 * 1024 * 1024;

/** The exact text of a JSON body, for handlers that report positions in it (list imports). */
export function rawJsonText(req: unknown): string | undefined {
  return (req as { rawJsonText?: string }).rawJsonText;
}

function decode(buffer: Buffer): string | DomainError {
  if (buffer.length === 0) return new DomainError('request/empty_body', 400, 'Empty body', 'The request has a content type but no body.');
  try {
    return utf8.decode(buffer);
  } catch {
    return new DomainError('request/invalid_utf8', 400, 'Invalid UTF-8', 'The request body is not valid UTF-8; send it encoded as UTF-8.');
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
  // parser reads nothing for a route not marked with @TakesCsv(): a 32 MB body sent to any other
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
    readBody(payload, request.headers['content-length'], csvLimit).then(
      (buffer) => {
        const text = decode(buffer);
        if (text instanceof DomainError) done(text, undefined);
        else done(null, text);
      },
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

/** The whole body, refused as soon as its declared or received size passes `limit`. */
function readBody(payload: NodeJS.ReadableStream, contentLengthHeader: string | undefined, limit: number): Promise<Buffer> {
  const declared = contentLengthHeader === undefined ? undefined : Number(contentLengthHeader);
  if (declared !== undefined && declared > limit) return Promise.reject(tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const finish = (error: Error | null): void => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
      if (error) reject(error);
      else if (declared !== undefined && received !== declared) {
        reject(new DomainError('request/invalid_length', 400, 'Invalid Content-Length', 'The body is not as long as its Content-Length says.'));
      } else resolve(Buffer.concat(chunks, received));
    };
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      received += bytes.length;
      if (received > limit) finish(tooLarge(limit));
      else chunks.push(bytes);
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
