import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A service process that serves HTTP at `base`. */
export type HttpServiceProcess = ServiceProcess & { readonly base: string };

/** How a spawned process ended: an exit code, or the signal that ended it. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A compiled Loupe entry point running as its own process (`node dist/src/...`). */
export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** http://127.0.0.1:<port> for processes that serve HTTP, else null. */
  readonly base: string | null;
  /** Settles once the process has exited, however that happened. */
  readonly exited: Promise<Exit>;
  /** The exit once it happened, else null. */
  exit(): Exit | null;
  /** The tail of its stdout and stderr, for failure messages. */
  output(): string;
}

const OUTPUT_TAIL = 16 * 1024;
const READY_TIMEOUT_MS = 30_000;

/** A service's output without Nest's start-up lines, so a failure message shows what matters. */
export function withoutStartupLines(output: string): string {
  return output
    .split('\n')
    .filter((line) => !/"context":"(InstanceLoader|RoutesResolver|RouterExplorer|NestFactory|NestApplication|ListsService)"/.test(line))
    .join('\n')
    .slice(-4_000);
}

/** A free TCP port on 127.0.0.1 (the OS picks one; it is released before the service binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Thrown by a poll's check to give up at once (the awaited thing can no longer happen). */
export class StopPolling extends Error {}

/**
 * Polls `check` until it returns a value other than undefined, or throws once `timeoutMs` has
 * passed, naming `what` and adding `context()` (process output, counts) to the message. Errors
 * thrown by `check` count as "not yet", except StopPolling, which ends the wait at once.
 */
export async function pollUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; context?: () => string | Promise<string> },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      if (e instanceof StopPolling) throw e;
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const context = options.context ? await options.context() : '';
      const cause = lastError ? `\nlast error: ${(lastError as Error).message}` : '';
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${cause}${context ? `\n${context}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/**
 * Spawns and tracks service processes so that a test can kill them however it fails:
 * call `killAll()` in afterEach/afterAll.
 */
export class ServiceProcesses {
  private readonly all: ServiceProcess[] = [];

  constructor(private readonly baseEnv: Record<string, string>) {}

  /**
   * `node dist/src/main.js` with LOUPE_ROLE `role` on a free port; resolves when GET
   * /health/ready answers 200 (PostgreSQL and Redis reachable, HTTP listening).
   */
  async startHttp(name: string, role: 'all' | 'api', env: Record<string, string> = {}): Promise<HttpServiceProcess> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const service = { ...this.spawn(name, 'dist/src/main.js', { ...env, LOUPE_ROLE: role, PORT: String(port) }, base), base };
    await pollUntil(
      `${name} to answer GET /health/ready with 200`,
      async () => {
        const exit = service.exit();
        if (exit) throw new ExitedError(service, exit);
        const res = await fetch(`${base}/health/ready`).catch(() => null);
        await res?.body?.cancel();
        return res?.status === 200 ? true : undefined;
      },
      { timeoutMs: READY_TIMEOUT_MS, intervalMs: 100, context: () => this.describe() },
    );
    return service;
  }

  /**
   * `node dist/src/worker.js`; resolves when it logs "Worker started". The worker has no HTTP,
   * so that log line is its only readiness signal, and it is logged at info level: workers run
   * with LOG_LEVEL=info whatever the caller's LOG_LEVEL.
   */
  async startWorker(name: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = this.spawn(name, 'dist/src/worker.js', { ...env, LOUPE_ROLE: 'worker', LOG_LEVEL: 'info' }, null);
    const child = service.child;
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      let done = false;
      const finish = (error?: Error): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        if (error) reject(error);
        else resolve();
      };
      const onData = (chunk: Buffer): void => {
        seen = (seen + chunk.toString('utf8')).slice(-4096);
        if (seen.includes('Worker started')) finish();
      };
      const timer = setTimeout(() => finish(new Error(`${name} did not log "Worker started" within ${READY_TIMEOUT_MS} ms\n${this.describe()}`)), READY_TIMEOUT_MS);
      child.stdout?.on('data', onData);
      void service.exited.then((exit) => finish(new ExitedError(service, exit)));
    });
    return service;
  }

  /** Sends `signal` and waits (up to `timeoutMs`) for the exit, which it returns. */
  async stop(service: ServiceProcess, signal: NodeJS.Signals, timeoutMs = 40_000): Promise<Exit> {
    if (!service.exit()) service.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${service.name} did not exit within ${timeoutMs} ms of ${signal}\n${this.describe()}`)), timeoutMs);
    });
    try {
      return await Promise.race([service.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILLs every process still running and waits for them to be gone. */
  async killAll(): Promise<void> {
    const running = this.all.filter((s) => !s.exit());
    for (const s of running) s.child.kill('SIGKILL');
    await Promise.all(running.map((s) => s.exited));
    this.all.length = 0;
  }

  /** Every tracked process with its state and output tail, for failure messages. */
  describe(): string {
    return this.all
      .map((s) => {
        const exit = s.exit();
        const state = exit ? `exited (code ${exit.code}, signal ${exit.signal})` : `running (pid ${s.child.pid})`;
        return `--- ${s.name}: ${state}\n${withoutStartupLines(s.output()) || '(no output)'}`;
      })
      .join('\n');
  }

  /** A process that is not expected to become ready (start-up failures); await its `exited`. */
  spawnRaw(name: string, script: string, env: Record<string, string> = {}): ServiceProcess {
    return this.spawn(name, script, env, null);
  }

  private spawn(name: string, script: string, env: Record<string, string>, base: string | null): ServiceProcess {
    // `node` itself, not npm: a signal must reach the service, not a wrapper shell.
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...this.baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    // Always read both pipes: a child blocked on a full pipe would look like a hang.
    const append = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    let exit: Exit | null = null;
    const exited = new Promise<Exit>((resolve) => {
      // 'close', not 'exit': by then stdout and stderr are read to the end, so output() is complete.
      child.once('close', (code, signal) => {
        exit = { code, signal };
        resolve(exit);
      });
      child.once('error', (err) => {
        append(Buffer.from(`spawn error: ${err.message}\n`));
        exit ??= { code: null, signal: null };
        resolve(exit);
      });
    });
    const service: ServiceProcess = { name, child, base, exited, exit: () => exit, output: () => output };
    this.all.push(service);
    return service;
  }
}

class ExitedError extends StopPolling {
  constructor(service: ServiceProcess, exit: Exit) {
    super(`${service.name} exited before it was ready (code ${exit.code}, signal ${exit.signal})\n${service.output()}`);
  }
}

