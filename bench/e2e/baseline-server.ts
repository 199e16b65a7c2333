/**
 * The bare baseline: what this machine can ingest with no framework, no analysis and no queue.
 * A node:http server that parses the JSON body and inserts the comment into PostgreSQL, with the
 * same group commit idea as a tuned service (rows gathered on one event-loop turn go out as one
 * multi-row INSERT, several INSERTs in flight) and answers 202 once its row is committed.
 * Deliberately independent of src/ so the yardstick does not move when the service changes.
 *
 * Child-process entry; env PORT and DATABASE_URL (table created by resetBaselineDatabase()).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const MAX_BATCH = 1_000;
/** 2 cores: a few concurrent INSERTs keep PostgreSQL busy while the next batch is being built. */
const POOL_SIZE = 4;
const MAX_BODY_BYTES = 256 * 1024;

interface Row {
  id: string;
  externalId: string;
  text: string;
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE });

function insertRows(rows: Row[]): Promise<unknown> {
  const values = rows.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(',');
  const params = rows.flatMap((r) => [r.id, r.externalId, r.text]);
  // Idempotent on external_id like the service, so the unique index costs the same.
  return pool.query(`INSERT INTO comments (id, external_id, text) VALUES ${values} ON CONFLICT (external_id) DO NOTHING`, params);
}

/** Rows queued for the next INSERT, each with the callback that answers its request. */
const queue: { row: Row; done: (error?: unknown) => void }[] = [];
let inFlight = 0;
let scheduled = false;

function enqueue(row: Row, done: (error?: unknown) => void): void {
  queue.push({ row, done });
  if (!scheduled) {
    scheduled = true;
    setImmediate(pump);
  }
}

/** While all connections are busy, rows keep gathering into a bigger next batch. */
function pump(): void {
  scheduled = false;
  while (queue.length > 0 && inFlight < POOL_SIZE) {
    const batch = queue.splice(0, MAX_BATCH);
    inFlight++;
    insertRows(batch.map((b) => b.row)).then(
      () => batch.forEach((b) => b.done()),
      (error: unknown) => batch.forEach((b) => b.done(error)),
    ).finally(() => {
      inFlight--;
      pump();
    });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

function parseComment(raw: string): Row | undefined {
  try {
    const body = JSON.parse(raw) as { externalId?: unknown; text?: unknown };
    if (typeof body.externalId !== 'string' || typeof body.text !== 'string') return undefined;
    return { id: randomUUID(), externalId: body.externalId, text: body.text };
  } catch {
    return undefined;
  }
}

function handleComment(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on('end', () => {
    if (size > MAX_BODY_BYTES) return reply(res, 413, { error: 'body too large' });
    const row = parseComment(Buffer.concat(chunks).toString('utf8'));
    if (!row) return reply(res, 400, { error: 'externalId and text must be strings' });
    enqueue(row, (error) => (error ? reply(res, 500, { error: String(error) }) : reply(res, 202, { id: row.id, status: 'pending' })));
  });
}

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/v1/comments') return handleComment(req, res);
  if (req.method === 'GET' && req.url === '/health') return reply(res, 200, { status: 'ok' });
  reply(res, 404, { error: 'not found' });
});
// Longer than the load generator's idle-socket timeout, so the client always closes first.
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  server.closeIdleConnections();
  void pool.end().then(() => process.exit(0));
});
