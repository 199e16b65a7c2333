import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
  receivedAt: number;
}

/** How the receiver answers one request on a path: status, headers, body. */
export type Responder = (request: ReceivedWebhook, countOnPath: number) => { status: number; headers?: Record<string, string>; body?: string };

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
}

/**
 * A real HTTP receiver on 127.0.0.1 recording every request. Each test uses its own path and may
 * give that path a responder (default: 200). `stop()`/`start()` take it down and up on the same port.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly responders = new Map<string, Responder>();
  private readonly waiters = new Set<() => void>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req.url ?? '/', flatHeaders(req.headers), Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  respond(path: string, responder: Responder): void {
    this.responders.set(path, responder);
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Resolves with the requests on `path` once `predicate` holds for them; rejects after `timeoutMs`. */
  async waitFor(path: string, predicate: (requests: ReceivedWebhook[]) => boolean, timeoutMs = 15_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const requests = this.on(path);
      if (predicate(requests)) return requests;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for webhooks on ${path} (${requests.length} received)`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }

  private handle(path: string, headers: Record<string, string>, body: string, res: ServerResponse): void {
    const request: ReceivedWebhook = { path, headers, body, receivedAt: Date.now() };
    this.received.push(request);
    const responder = this.responders.get(path);
    const answer = responder ? responder(request, this.on(path).length) : { status: 200 };
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? 'ok');
    for (const waiter of [...this.waiters]) {
      this.waiters.delete(waiter);
      waiter();
    }
  }
}
