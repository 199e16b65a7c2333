import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, problemBody, type Problem } from './problem.js';
import { securityHeaders } from './security-headers.js';

interface ClientErrorKind {
  status: number;
  code: string;
  title: string;
  detail: string;
}

const MALFORMED_LENGTH: ClientErrorKind = {
  status: 400,
  code: 'request/invalid_length',
  title: 'Invalid Content-Length',
  detail: 'Content-Length must be one decimal number, sent once, and never together with Transfer-Encoding.',
};

const MALFORMED_CHUNKS: ClientErrorKind = {
  status: 400,
  code: 'request/invalid_chunked_body',
  title: 'Malformed chunked body',
  detail: 'The chunked request body is malformed: each chunk is a hexadecimal size, CRLF, the data and CRLF.',
};

/**
 * Node's HTTP parser (llhttp) names what it could not read; its own answer is a bare 400 with
 * an empty or JSON body, which clients of a problem+json API cannot read the same way.
 */
function classify(error: NodeJS.ErrnoException, maxHeaderSize: number): ClientErrorKind {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'request/headers_too_large',
        title: 'Request headers too large',
        detail: `The request line and headers together are larger than ${maxHeaderSize} bytes.`,
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'request/timeout', title: 'Request timeout', detail: 'The request was not received completely in time.' };
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return MALFORMED_LENGTH;
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return {
        status: 400,
        code: 'request/invalid_transfer_encoding',
        title: 'Invalid Transfer-Encoding',
        detail: 'Transfer-Encoding must end in chunked and never comes together with Content-Length.',
      };
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
    case 'HPE_INVALID_EOF_STATE':
      return MALFORMED_CHUNKS;
    case 'HPE_INVALID_METHOD':
      return { status: 400, code: 'request/invalid_method', title: 'Invalid method', detail: 'The request method is not a valid HTTP method.' };
    case 'HPE_INVALID_VERSION':
      return { status: 400, code: 'request/invalid_version', title: 'Invalid HTTP version', detail: 'Loupe speaks HTTP/1.0 and HTTP/1.1.' };
    case 'HPE_INVALID_URL':
      return { status: 400, code: 'request/bad_url', title: 'Malformed URL', detail: 'The request target is not a valid URL path.' };
    case 'HPE_INVALID_HEADER_TOKEN':
      return { status: 400, code: 'request/invalid_header', title: 'Invalid header', detail: 'A header name or value holds characters HTTP does not allow.' };
    default: {
      const reason = (error as { reason?: unknown }).reason;
      const why = typeof reason === 'string' && reason !== '' ? `: ${reason.replace(/[^\x20-\x7e]/g, '')}` : '';
      return { status: 400, code: 'request/malformed', title: 'Malformed request', detail: `The request is not valid HTTP/1.1${why}.` };
    }
  }
}

// The path of the request line, when what the parser received starts with one.
function instanceOf(error: Error): string {
  const raw = (error as { rawPacket?: unknown }).rawPacket;
  if (!Buffer.isBuffer(raw)) return '/';
  const line = /^[A-Z]{1,20} (\/[\x21-\x7e]{0,200})/.exec(raw.subarray(0, 256).toString('latin1'));
  return line?.[1]?.split('?')[0] ?? '/';
}

const answered = new WeakSet<Socket>();

/**
 * Fastify's clientErrorHandler: a problem+json answer on the raw socket, with the security
 * headers, then the connection closes (the parser cannot continue after an error). Nothing is
 * written when the peer is gone or a response has already started on this socket.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket, maxHeaderSize: number): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || answered.has(socket)) return;
  answered.add(socket);
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  writeRawProblem(socket, classify(error, maxHeaderSize), instanceOf(error));
}

/** The problem body and headers of an answer given outside Fastify (the socket closes after it). */
function rawProblem(kind: ClientErrorKind, instance: string): { body: string; headers: Record<string, string> } {
  const requestId = randomUUID();
  const problem: Problem = problemBody(kind.status, kind.code, kind.title, kind.detail, { instance, requestId });
  const body = JSON.stringify(problem);
  const headers: Record<string, string> = {
    ...securityHeaders('/', false, false),
    'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    'content-length': String(Buffer.byteLength(body)),
    'x-request-id': requestId,
    connection: 'close',
  };
  return { body, headers };
}

function writeRawProblem(socket: Duplex, kind: ClientErrorKind, instance: string): void {
  const { body, headers } = rawProblem(kind, instance);
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${kind.status} ${STATUS_CODES[kind.status] ?? 'Bad Request'}\r\n${head}\r\n${body}`, () => socket.destroy());
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  return url.startsWith('/') ? (url.split('?')[0] ?? '/').slice(0, 200) : '/';
}

/**
 * The server's 'checkExpectation': an Expect other than 100-continue. Node's own answer is a bare
 * 417 with no body.
 */
export function answerExpectation(req: IncomingMessage, res: ServerResponse): void {
  const { body, headers } = rawProblem(
    { status: 417, code: 'request/expectation_failed', title: 'Expectation failed', detail: 'The only Expect header Loupe meets is "Expect: 100-continue"; send the request without it.' },
    pathOf(req),
  );
  res.writeHead(417, headers).end(body);
  req.resume();
}

/** The server's 'connect': Loupe is no proxy. Without a listener Node drops the connection unanswered. */
export function answerConnect(req: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => undefined);
  writeRawProblem(socket, { status: 405, code: 'request/method_not_allowed', title: 'Method not allowed', detail: 'CONNECT is not served: Loupe is not a proxy.' }, '/');
  req.resume();
}

