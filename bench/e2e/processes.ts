/**
 * Child processes of the benchmark: servers (Loupe, the baseline), the load generator and
 * one-shot commands. Every child is registered so that it is stopped whatever happens.
 */
import { fork, spawn, execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './config.js';
import { LOAD_PROCESS_READY, type LoadResult, type LoadSpec } from './load-generator.js';

const STOP_GRACE_MS = 30_000;
const TAIL_LINES = 40;
const live = new Set<ChildProcess>();

/** A long-running child whose output goes to a log file, with the last lines kept for errors. */
export class ManagedChild {
  readonly logFile: string;
  readonly exited: Promise<number | null>;
  private readonly tail: string[] = [];

  constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    live.add(child);
    this.logFile = join(tmpdir(), `loupe-bench-${name}.log`);
    const log = createWriteStream(this.logFile);
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      this.tail.push(...chunk.toString('utf8').split('\n').filter((l) => l !== ''));
      this.tail.splice(0, Math.max(0, this.tail.length - TAIL_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        live.delete(child);
        log.end();
        resolve(code);
      }),
    );
  }

  /** Throws with the child's last output if it has died (checked between phases). */
  failIfExited(): void {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      throw new Error(this.describeExit(this.child.exitCode ?? this.child.signalCode));
    }
  }

  get pid(): number {
    return this.child.pid ?? NaN;
  }

  describeExit(code: number | string | null): string {
    return `${this.name} exited (${code}); last output (full log ${this.logFile}):\n${this.tail.join('\n')}`;
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

/** For error paths: no child may outlive the benchmark. */
export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** Polls until the URL answers 200; fails early with the child's output if it dies meanwhile. */
async function waitForReady(child: ManagedChild, url: string, timeoutMs: number): Promise<void> {
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(child.describeExit(exitCode));
    if ((await httpStatus(url)) === 200) return;
    await sleep(200);
  }
  throw new Error(`${child.name} not ready at ${url} after ${timeoutMs / 1000} s (log ${child.logFile})`);
}

/** Starts `node <script>` with extra env on a free port and waits for `readyPath` to answer 200. */
export async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  readyPath: string,
  readyTimeoutMs = 60_000,
): Promise<{ child: ManagedChild; url: string }> {
  const port = await freePort();
  const proc = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = new ManagedChild(name, proc);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(child, `${url}${readyPath}`, readyTimeoutMs);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, url };
}

/** Compiled sibling modules, resolved from this file so it works wherever dist/ is. */
export function benchScript(file: string): string {
  return fileURLToPath(new URL(file, import.meta.url));
}

/** Runs a one-shot command in the package root; resolves with its stdout, rejects with its stderr. */
export async function runCommand(command: string, args: string[], env: Record<string, string>): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(command, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} ${args.join(' ')} failed: ${e.message}\n${e.stderr ?? ''}${e.stdout ?? ''}`);
  }
}

export interface LoadRun {
  /** When the first request is due, on the wall clock (the orchestrator samples against it). */
  startAtEpochMs: number;
  result: Promise<LoadResult>;
}

/** Lead time between handing the spec over and the first send, so both sides start on time. */
const START_LEAD_MS = 250;

/** Forks the load generator, waits until it has loaded the corpus, then starts it. */
export async function runLoadProcess(spec: Omit<LoadSpec, 'startAtEpochMs'>): Promise<LoadRun> {
  const proc = fork(benchScript('./load-process.js'), [], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  live.add(proc);
  const exited = new Promise<number | null>((resolve) =>
    proc.once('exit', (code) => {
      live.delete(proc);
      resolve(code);
    }),
  );
  // Each wait races the child's exit, so a crashed generator fails the run instead of hanging it.
  const nextMessage = async (stage: string): Promise<unknown> =>
    Promise.race([
      new Promise((resolve) => proc.once('message', resolve)),
      exited.then((code) => Promise.reject(new Error(`load generator exited with code ${code} ${stage}`))),
    ]);
  const ready = await nextMessage('before it was ready');
  if (ready !== LOAD_PROCESS_READY) throw new Error(`load generator said ${JSON.stringify(ready)} instead of ready`);
  const startAtEpochMs = Date.now() + START_LEAD_MS;
  const result = nextMessage('before sending its result') as Promise<LoadResult>;
  proc.send({ ...spec, startAtEpochMs } satisfies LoadSpec);
  return { startAtEpochMs, result };
}

/** Runs a benchmark's `main`: children are killed on Ctrl-C and on failure, and the exit code says which. */
export function runBench(main: () => Promise<void>): void {
  process.once('SIGINT', () => {
    killAllChildren();
    process.exit(130);
  });
  main().catch((error: unknown) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  });
}
