/**
 * The webhook receiver of `npm run bench:webhooks`, in a child process of its own so its CPU is
 * not the service's nor the orchestrator's: a bare node:http server on 127.0.0.1 that answers 200
 * as soon as a request has arrived and records its arrival time (Date.now()), webhook-id and what
 * is needed to check the signature later. Nothing is parsed or verified while requests come in:
 * that is done on request (IPC 'records', 'verify') after a phase, so it costs the timing nothing.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { ReceivedRecord, ReceiverReady, ReceiverRequest, ReceiverResponse, ReceiverStats, VerifyResult } from './receiver-protocol.js';

interface Arrival {
  receivedAt: number;
  webhookId: string;
  timestamp: string;
  signature: string;
  body: string;
}

interface PathLog {
  arrivals: Arrival[];
  seen: Set<string>;
  duplicates: number;
  secret?: string;
}

const paths = new Map<string, PathLog>();

function pathLog(path: string): PathLog {
  let log = paths.get(path);
  if (!log) {
    log = { arrivals: [], seen: new Set(), duplicates: 0 };
    paths.set(path, log);
  }
  return log;
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const receivedAt = Date.now();
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    const log = pathLog(req.url ?? '/');
    const webhookId = header(req, 'webhook-id');
    if (log.seen.has(webhookId)) log.duplicates++;
    else log.seen.add(webhookId);
    log.arrivals.push({
      receivedAt,
      webhookId,
      timestamp: header(req, 'webhook-timestamp'),
      signature: header(req, 'webhook-signature'),
      body: Buffer.concat(chunks).toString('utf8'),
    });
  });
});
// Longer than any pause between phases: a keep-alive socket the sender reuses must not be one the
// receiver is closing (that would be a failure of the benchmark's receiver, not of the service).
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;

function stats(path: string): ReceiverStats {
  const log = pathLog(path);
  const cpu = process.cpuUsage();
  return {
    requests: log.arrivals.length,
    unique: log.seen.size,
    duplicates: log.duplicates,
    firstAtEpochMs: log.arrivals[0]?.receivedAt ?? null,
    lastAtEpochMs: log.arrivals[log.arrivals.length - 1]?.receivedAt ?? null,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function commentIdOf(body: string): string | null {
  try {
    const data = (JSON.parse(body) as { data?: { commentId?: unknown } }).data;
    return typeof data?.commentId === 'string' ? data.commentId : null;
  } catch {
    return null;
  }
}

function records(path: string): ReceivedRecord[] {
  return pathLog(path).arrivals.map((a) => ({ webhookId: a.webhookId, receivedAtEpochMs: a.receivedAt, commentId: commentIdOf(a.body) }));
}

/** Every request on the path, with the standardwebhooks library, exactly as a publisher would. */
function verify(path: string): VerifyResult {
  const log = pathLog(path);
  if (!log.secret) throw new Error(`no secret configured for ${path}`);
  const webhook = new Webhook(log.secret);
  const result: VerifyResult = { checked: 0, verified: 0, failed: 0, firstError: null };
  for (const a of log.arrivals) {
    result.checked++;
    try {
      webhook.verify(a.body, { 'webhook-id': a.webhookId, 'webhook-timestamp': a.timestamp, 'webhook-signature': a.signature });
      result.verified++;
    } catch (e) {
      result.failed++;
      result.firstError ??= `${a.webhookId}: ${(e as Error).message}`;
    }
  }
  return result;
}

function handle(message: ReceiverRequest): unknown {
  switch (message.op) {
    case 'configure':
      pathLog(message.path).secret = message.secret;
      return null;
    case 'stats':
      return stats(message.path);
    case 'records':
      return records(message.path);
    case 'verify':
      return verify(message.path);
  }
}

process.on('message', (message: ReceiverRequest) => {
  let response: ReceiverResponse;
  try {
    response = { id: message.id, result: handle(message) };
  } catch (e) {
    response = { id: message.id, error: (e as Error).message };
  }
  process.send?.(response);
});
// The orchestrator gone (crash, Ctrl-C): do not linger.
process.on('disconnect', () => process.exit(0));

server.listen(0, '127.0.0.1', () => {
  process.send?.({ kind: 'ready', port: (server.address() as AddressInfo).port } satisfies ReceiverReady);
});
