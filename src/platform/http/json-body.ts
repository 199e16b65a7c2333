import type { FastifyInstance } from 'fastify';
import { DomainError } from './domain-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies are decoded strictly: Fastify's default parser would turn invalid UTF-8 into
 * U+FFFD and store a comment the reader never wrote, so such bodies get a 400 instead.
 */
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
  // CSV (list imports) arrives as its text; handlers that want an object refuse a string.
  fastify.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: Math.max(bodyLimit, CSV_BODY_LIMIT) }, (_req, body, done) => {
    const text = decode(body as Buffer);
    if (text instanceof DomainError) done(text, undefined);
    else done(null, text);
  });
}
