import type { FastifyInstance } from 'fastify';
import { DomainError } from './domain-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies are decoded strictly: Fastify's default parser would turn invalid UTF-8 into
 * U+FFFD and store a comment the reader never wrote, so such bodies get a 400 instead.
 */
export function registerStrictJsonParser(fastify: FastifyInstance, bodyLimit: number): void {
  // Only JSON: text/plain and the rest get 415 instead of reaching validation as a string.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(/^application\/(.+\+)?json$/, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => {
    const buffer = body as Buffer;
    if (buffer.length === 0) {
      done(new DomainError('request/empty_body', 400, 'Empty body', 'The request has a JSON content type but no body.'), undefined);
      return;
    }
    let text: string;
    try {
      text = utf8.decode(buffer);
    } catch {
      done(new DomainError('request/invalid_utf8', 400, 'Invalid UTF-8', 'The request body is not valid UTF-8; send JSON encoded as UTF-8.'), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new DomainError('request/invalid_json', 400, 'Malformed JSON', `The request body is not valid JSON: ${(e as Error).message}.`), undefined);
    }
  });
}
