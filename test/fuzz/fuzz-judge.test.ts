import { describe, expect, it } from '@jest/globals';
import { parseResponses, type RawExchange } from '../support/fuzz-http.js';
import { judge, MAX_REQUEST_MS } from './fuzz-campaign.js';
import type { FuzzCase } from './generators.js';

// The fuzzer is only as good as its verdict on one answer: each failure kind it must see, from
// the bytes a server would write.
const request: FuzzCase = { route: 'GET /x', kind: 'test', auth: 'right', method: 'GET', bytes: Buffer.from('GET /x HTTP/1.1\r\n\r\n'), head: false, incomplete: false };

function answer(raw: string, extra: Partial<RawExchange> = {}): RawExchange {
  const { responses, rest } = parseResponses(Buffer.from(raw, 'latin1'));
  return { responses, rest, elapsedMs: 5, timedOut: false, error: null, ...extra };
}

const problem = (status: number, body = `{"type":"urn:x","title":"T","status":${status},"detail":"D"}`): string =>
  `HTTP/1.1 ${status} X\r\ncontent-type: application/problem+json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

const notFound = '{"type":"urn:x","title":"T","status":404,"detail":"D"}';
const chunk = (text: string): string => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;

describe('judging one answer of the fuzzed service', () => {
  it.each([
    ['a 200 with JSON', answer('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}'), []],
    ['a 422 problem', answer(problem(422)), []],
    ['a chunked 404 problem', answer(`HTTP/1.1 404 X\r\ncontent-type: application/problem+json\r\ntransfer-encoding: chunked\r\n\r\n${chunk(notFound)}0\r\n\r\n`), []],
    ['a 500 problem', answer(problem(500)), ['5xx']],
    ['a 400 in plain JSON (Fastify default)', answer('HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}'), ['not-problem+json']],
    ["Node's bare 400 with no body", answer('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n'), ['not-problem+json']],
    ['a problem without detail', answer(problem(400, '{"type":"urn:x","title":"T","status":400}')), ['not-problem+json']],
    ['a problem whose status is another', answer(problem(413, '{"type":"urn:x","title":"T","status":400,"detail":"D"}')), ['problem-status-mismatch']],
    ['a 100 Continue before a 401 problem', answer(`HTTP/1.1 100 Continue\r\n\r\n${problem(401)}`), []],
    ['a second, pipelined answer that is not a problem', answer(`${problem(400)}HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n`), ['not-problem+json']],
    ['no answer at all', answer(''), ['no-response']],
    ['bytes that are not HTTP', answer('garbage\r\n\r\n'), ['unparsable-response']],
    ['a slow 200', answer('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n', { elapsedMs: MAX_REQUEST_MS + 1 }), ['slow']],
    ['a socket still open at the deadline', answer('', { timedOut: true }), ['timeout']],
  ])('%s', (_name, exchange, expected) => {
    expect(judge(request, exchange, () => undefined).map((p) => p.failure)).toEqual(expected);
  });

  it('lets an incomplete request (body shorter than its Content-Length) go unanswered, but not answered with a 5xx', () => {
    const incomplete = { ...request, incomplete: true };
    expect(judge(incomplete, answer(''), () => undefined)).toEqual([]);
    expect(judge(incomplete, answer(problem(503)), () => undefined).map((p) => p.failure)).toEqual(['5xx']);
  });

  it("quotes the service's logged error for a 500 by its request id", () => {
    const body = '{"type":"urn:x","title":"T","status":500,"detail":"D","requestId":"r-1"}';
    const [p] = judge(request, answer(problem(500, body)), (id) => (id === 'r-1' ? 'PrismaClientKnownRequestError invalid byte sequence' : undefined));
    expect(p?.detail).toBe('PrismaClientKnownRequestError invalid byte sequence');
  });
});
