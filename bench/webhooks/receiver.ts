/** The benchmark's side of the receiver child (receiver-process.ts): fork, then ask over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { ManagedChild, benchScript } from '../e2e/processes.js';
import { ROOT } from '../e2e/config.js';
import type { ReceivedRecord, ReceiverReady, ReceiverRequest, ReceiverResponse, ReceiverStats, VerifyResult } from './receiver-protocol.js';

type Op<K extends ReceiverRequest['op']> = Omit<Extract<ReceiverRequest, { op: K }>, 'id'>;
/** A request without its id, kept a union (plain Omit would merge the variants). */
type Unsent = { [K in ReceiverRequest['op']]: Op<K> }[ReceiverRequest['op']];

const READY_TIMEOUT_MS = 15_000;

export class ReceiverClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly proc: ChildProcess,
    readonly child: ManagedChild,
    readonly port: number,
  ) {
    proc.on('message', (m: ReceiverResponse) => {
      const waiter = this.pending.get(m.id);
      if (!waiter) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) waiter.reject(new Error(`receiver: ${m.error}`));
      else waiter.resolve(m.result);
    });
    void child.exited.then((code) => {
      for (const w of this.pending.values()) w.reject(new Error(`receiver exited (${code})`));
      this.pending.clear();
    });
  }

  static async start(): Promise<ReceiverClient> {
    // Compiled next to this file (dist/bench/webhooks/); benchScript resolves from bench/e2e.
    const script = benchScript('../webhooks/receiver-process.js');
    const proc = fork(script, [], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const child = new ManagedChild('webhook-receiver', proc);
    const ready = await new Promise<ReceiverReady>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`receiver not ready after ${READY_TIMEOUT_MS} ms (log ${child.logFile})`)), READY_TIMEOUT_MS);
      proc.once('message', (m: ReceiverReady) => {
        clearTimeout(timer);
        resolve(m);
      });
      void child.exited.then((code) => reject(new Error(child.describeExit(code))));
    });
    return new ReceiverClient(proc, child, ready.port);
  }

  get pid(): number {
    return this.child.pid;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  private ask<T>(request: Unsent): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ ...request, id } as ReceiverRequest);
    });
  }

  configure(path: string, secret: string): Promise<void> {
    return this.ask<void>({ op: 'configure', path, secret } satisfies Op<'configure'>);
  }

  stats(path: string): Promise<ReceiverStats> {
    return this.ask<ReceiverStats>({ op: 'stats', path } satisfies Op<'stats'>);
  }

  records(path: string): Promise<ReceivedRecord[]> {
    return this.ask<ReceivedRecord[]>({ op: 'records', path } satisfies Op<'records'>);
  }

  verify(path: string): Promise<VerifyResult> {
    return this.ask<VerifyResult>({ op: 'verify', path } satisfies Op<'verify'>);
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
