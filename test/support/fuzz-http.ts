import { connect } from 'node:net';

/**
 * One HTTP/1.1 exchange over a raw socket. The fuzzer needs bytes that no HTTP client sends
 * (invalid UTF-8 in the request line, duplicated framing headers, a missing Host), so requests are
 * written byte for byte and responses parsed here.
 */
export interface RawResponse {
  status: number;
  reason: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  /** Every complete response the server wrote before closing (a smuggled second request gives two). */
  responses: RawResponse[];
  /** Bytes left that do not form a complete response (a truncated or non-HTTP answer). */
  rest: Buffer;
  elapsedMs: number;
  /** The socket was still open at the deadline and was destroyed by us. */
  timedOut: boolean;
  /** A socket error (ECONNRESET, EPIPE…), if one happened. */
  error: string | null;
}

/** A request as bytes: request line, header lines, blank line, body; `\r\n` unless told otherwise. */
export function encodeRequest(request: { method: string; target: string; headers: readonly (readonly [string, string])[]; body?: Buffer; version?: string }): Buffer {
  const head = [`${request.method} ${request.target} ${request.version ?? 'HTTP/1.1'}`, ...request.headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  // latin1: one char, one byte, so a target or header may carry any byte the generator chose.
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), request.body ?? Buffer.alloc(0)]);
}

/**
 * Writes `bytes` and reads until the server closes, or for a little while after its first final
 * answer (a server may keep the connection open despite "Connection: close"), or until
 * `timeoutMs` passes. The client does not half-close: Node's HTTP server aborts requests still in
 * progress when the client ends its side. `halfClose`: end our side after writing (an incomplete
 * message, where only the end of input makes the server give up). `head`: the answer to a HEAD
 * request has no body whatever its Content-Length says.
 */
export function exchange(port: number, bytes: Buffer, options: { timeoutMs: number; head?: boolean; halfClose?: boolean }): Promise<RawExchange> {
  return new Promise((resolve) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let error: string | null = null;
    let timedOut = false;
    let answeredAt: number | null = null;
    let grace: NodeJS.Timeout | undefined;
    const socket = connect({ port, host: '127.0.0.1' });
    const timer = setTimeout(() => {
      timedOut = answeredAt === null;
      socket.destroy();
    }, options.timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (answeredAt !== null) return;
      const { responses } = parseResponses(Buffer.concat(chunks), options.head);
      if (responses.some((r) => r.status >= 200)) {
        answeredAt = performance.now();
        grace = setTimeout(() => socket.destroy(), 300);
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => {
      clearTimeout(timer);
      clearTimeout(grace);
      const { responses, rest } = parseResponses(Buffer.concat(chunks), options.head);
      resolve({ responses, rest, elapsedMs: (answeredAt ?? performance.now()) - started, timedOut, error });
    });
    socket.on('connect', () => {
      socket.write(bytes);
      if (options.halfClose) socket.end();
    });
  });
}

/** Splits what a server wrote into complete responses (Content-Length, chunked, or until close). */
export function parseResponses(data: Buffer, headRequest = false): { responses: RawResponse[]; rest: Buffer } {
  const responses: RawResponse[] = [];
  let offset = 0;
  while (offset < data.length) {
    const headEnd = data.indexOf('\r\n\r\n', offset, 'latin1');
    if (headEnd === -1) break;
    const lines = data.subarray(offset, headEnd).toString('latin1').split('\r\n');
    const statusLine = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
    if (!statusLine) break;
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const status = Number(statusLine[1]);
    let cursor = headEnd + 4;
    let body: Buffer;
    if (headRequest || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      body = Buffer.alloc(0);
    } else if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      let complete = false;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', cursor, 'latin1');
        if (lineEnd === -1) break;
        const size = parseInt(data.subarray(cursor, lineEnd).toString('latin1'), 16);
        if (Number.isNaN(size)) break;
        if (size === 0) {
          const trailerEnd = data.indexOf('\r\n\r\n', lineEnd, 'latin1');
          cursor = trailerEnd === -1 ? data.length : trailerEnd + 4;
          complete = true;
          break;
        }
        if (lineEnd + 2 + size > data.length) break;
        parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        cursor = lineEnd + 2 + size + 2;
      }
      if (!complete) break;
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (!Number.isSafeInteger(length) || cursor + length > data.length) break;
      body = data.subarray(cursor, cursor + length);
      cursor += length;
    } else {
      body = data.subarray(cursor);
      cursor = data.length;
    }
    responses.push({ status, reason: statusLine[2] ?? '', headers, body });
    offset = cursor;
  }
  return { responses, rest: data.subarray(offset) };
}
