/**
 * The HTTP load generator, run in a child process of its own (load-process.ts) so that its CPU
 * shows up as a separate process, as a real client would, rather than inside the measured one.
 *
 * Open loop: request n is due at start + n / rate whether or not earlier ones have returned, and
 * its latency is counted from that due time. A closed-loop client that waits for a response
 * before sending the next one stops sending exactly when the server stalls, so the stall hits
 * one request instead of all those that should have been sent meanwhile (coordinated omission);
 * counting from the due time charges the server for every one of them.
 * Closed loop: `connections` clients each send, wait, send again; for saturation throughput.
 */
import { Agent, request } from 'node:http';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { CORPUS_FILE } from './config.js';
import { EMPTY_SUMMARY, summarize, type LatencySummary } from './percentiles.js';

export type LoadMode = { kind: 'open'; rate: number } | { kind: 'closed'; connections: number };

export interface LoadSpec {
  /** Base URL, e.g. http://127.0.0.1:3000; comments go to POST /v1/comments. */
  url: string;
  apiKey?: string;
  /** externalId of request n is `${idPrefix}${n}`, n counted from 0 in send order. */
  idPrefix: string;
  durationSeconds: number;
  /** Wall-clock start agreed with the orchestrator, so its windows and samples line up. */
  startAtEpochMs: number;
  mode: LoadMode;
}

export interface LoadResult {
  sent: number;
  /** 202 responses. */
  accepted: number;
  /** Every other outcome: HTTP status codes and socket error codes, with counts. */
  failures: Record<string, number>;
  /** From the start to the last response. */
  elapsedSeconds: number;
  /** Open loop: from the due time; closed loop: from the send. */
  latency: LatencySummary;
  /** Open loop only: how late the generator itself sent (its own saturation shows here). */
  sendLag: LatencySummary;
  /** CPU the generator itself used, in cores (on 2 cores it competes with what it measures). */
  cpuCores: number;
}

/** What one loop measures; runLoad adds the generator's own CPU. */
type LoopResult = Omit<LoadResult, 'cpuCores'>;

const ACCEPTED = 202;
/** The first IPC message of load-process.ts: corpus loaded, send the spec. */
export const LOAD_PROCESS_READY = 'ready';
/** Below the common 5 s server keep-alive timeout, so we never reuse a socket the server is closing. */
const IDLE_SOCKET_MS = 4_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Open-loop in-flight cap; beyond it requests queue in the agent, still timed from their due time. */
const OPEN_LOOP_MAX_SOCKETS = 512;

export function loadCorpusTexts(file = CORPUS_FILE): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/** One target, one keep-alive pool; `post` resolves with "202", another status, or an error code. */
class CommentPoster {
  private readonly url: URL;
  private readonly headers: Record<string, string>;

  constructor(
    base: string,
    apiKey: string | undefined,
    private readonly agent: Agent,
  ) {
    this.url = new URL('/v1/comments', base);
    this.headers = { 'content-type': 'application/json' };
    if (apiKey) this.headers.authorization = `Bearer ${apiKey}`;
  }

  post(body: string): Promise<string> {
    return new Promise((resolve) => {
      const req = request(this.url, {
        method: 'POST',
        agent: this.agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { ...this.headers, 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
        res.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'response-error'));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end(body);
    });
  }
}

/** Counts outcomes and keeps latencies; shared by both loop kinds. */
class Recorder {
  accepted = 0;
  sent = 0;
  readonly failures: Record<string, number> = {};
  readonly latencies: number[] = [];
  readonly lags: number[] = [];

  record(outcome: string, latencyMs: number): void {
    if (outcome === String(ACCEPTED)) this.accepted++;
    else this.failures[outcome] = (this.failures[outcome] ?? 0) + 1;
    this.latencies.push(latencyMs);
  }

  result(elapsedMs: number, withLag: boolean): LoopResult {
    return {
      sent: this.sent,
      accepted: this.accepted,
      failures: this.failures,
      elapsedSeconds: elapsedMs / 1000,
      latency: summarize(this.latencies),
      sendLag: withLag ? summarize(this.lags) : EMPTY_SUMMARY,
    };
  }
}

function bodyFactory(texts: readonly string[], idPrefix: string): (n: number) => string {
  return (n) => JSON.stringify({ externalId: `${idPrefix}${n}`, text: texts[n % texts.length] });
}

async function sleepUntil(perfTime: number): Promise<void> {
  const wait = perfTime - performance.now();
  if (wait > 0) await sleep(wait);
}

async function runOpenLoop(poster: CommentPoster, body: (n: number) => string, spec: LoadSpec, rate: number): Promise<LoopResult> {
  const start = spec.startAtEpochMs - performance.timeOrigin;
  const intervalMs = 1000 / rate;
  const total = Math.round(rate * spec.durationSeconds);
  const rec = new Recorder();
  let lastResponse = start;
  await sleepUntil(start);
  await new Promise<void>((resolve) => {
    let done = 0;
    const fire = (n: number, due: number) => {
      rec.lags.push(performance.now() - due);
      rec.sent++;
      void poster.post(body(n)).then((outcome) => {
        lastResponse = performance.now();
        rec.record(outcome, lastResponse - due);
        if (++done === total) resolve();
      });
    };
    // Sends everything due, then sleeps until the next due time; a late tick sends the backlog
    // at once (their lag is recorded, and their latency still counts from their due time).
    const tick = () => {
      const now = performance.now();
      while (rec.sent < total && start + rec.sent * intervalMs <= now) fire(rec.sent, start + rec.sent * intervalMs);
      if (rec.sent < total) setTimeout(tick, start + rec.sent * intervalMs - performance.now());
    };
    if (total === 0) resolve();
    else tick();
  });
  return rec.result(lastResponse - start, true);
}

async function runClosedLoop(poster: CommentPoster, body: (n: number) => string, spec: LoadSpec, connections: number): Promise<LoopResult> {
  const start = spec.startAtEpochMs - performance.timeOrigin;
  const end = start + spec.durationSeconds * 1000;
  const rec = new Recorder();
  let lastResponse = start;
  await sleepUntil(start);
  const client = async () => {
    while (performance.now() < end) {
      const sentAt = performance.now();
      const outcome = await poster.post(body(rec.sent++));
      lastResponse = performance.now();
      rec.record(outcome, lastResponse - sentAt);
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  return rec.result(lastResponse - start, false);
}

export async function runLoad(spec: LoadSpec, texts: readonly string[] = loadCorpusTexts()): Promise<LoadResult> {
  const maxSockets = spec.mode.kind === 'open' ? OPEN_LOOP_MAX_SOCKETS : spec.mode.connections;
  const agent = new Agent({ keepAlive: true, maxSockets, timeout: IDLE_SOCKET_MS });
  const poster = new CommentPoster(spec.url, spec.apiKey, agent);
  const body = bodyFactory(texts, spec.idPrefix);
  const cpuStart = process.cpuUsage();
  try {
    const result =
      spec.mode.kind === 'open'
        ? await runOpenLoop(poster, body, spec, spec.mode.rate)
        : await runClosedLoop(poster, body, spec, spec.mode.connections);
    const cpu = process.cpuUsage(cpuStart);
    return { ...result, cpuCores: (cpu.user + cpu.system) / 1e6 / result.elapsedSeconds };
  } finally {
    agent.destroy();
  }
}
