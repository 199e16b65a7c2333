/**
 * `npm run bench:webhooks`: Loupe's webhook delivery on one machine, API and worker in one process
 * (`node dist/src/main.js`, LOUPE_ROLE=all), local PostgreSQL and Redis, and a local receiver in a
 * child process of its own (webhooks/receiver-process.ts: node:http, answers 200 at once, records
 * Date.now() and webhook-id; signatures are checked with `standardwebhooks` after each phase).
 *
 *  1. delivery throughput: BENCH_WEBHOOK_EVENTS (30 000) comment.verdict events written to the
 *     outbox in one statement for a site with one endpoint, then the service is started; deliveries
 *     per second until every event has arrived (target >= 2 000/s), duplicates and failures.
 *  2. latency: comments POSTed through the API open loop at BENCH_WEBHOOK_RATE (200/s) for
 *     BENCH_WEBHOOK_SECONDS (20 s) after BENCH_WEBHOOK_WARMUP_SECONDS of the same, to a site with an
 *     endpoint created through POST /v1/webhooks/endpoints; from the verdict's commit time
 *     (verdicts.created_at) to the webhook's arrival at the receiver (target p99 <= 100 ms),
 *     matched by data.commentId. Same host, same clock.
 *
 * A benchmark, not a test: it prints figures (and one `RESULT {json}` line) and checks nothing.
 * Everything shares the cores; the CPU lines say who used what.
 */
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config/config.js';
import { REDIS_URL, ROOT } from './e2e/config.js';
import { idleMachineBusy, measureCpu, type CpuUsage } from './e2e/cpu.js';
import { clearRedisPrefix, databaseName, dropDatabase } from './e2e/database.js';
import type { LoadResult } from './e2e/load-generator.js';
import { summarize, type LatencySummary } from './e2e/percentiles.js';
import { benchScript, runCommand, runLoadProcess, startServer, runBench, type ManagedChild } from './e2e/processes.js';
import { LATENCY_HEADER, failures, int, latencyRow, percent, table } from './e2e/report.js';
import { WEBHOOKS_DATABASE_URL, WEBHOOKS_REDIS_PREFIX, readWebhookSettings } from './webhooks/config.js';
import { WebhookBenchDb, type CommentTimes, type DeliveryOutcome } from './webhooks/database.js';
import { ReceiverClient } from './webhooks/receiver.js';
import type { ReceiverStats, VerifyResult } from './webhooks/receiver-protocol.js';

const THROUGHPUT_TARGET_PER_SECOND = 2_000;
const LATENCY_P99_TARGET_MS = 100;
const THROUGHPUT_PATH = '/throughput';
const LATENCY_PATH = '/latency';
const THROUGHPUT_SITE = 'bench-webhooks-throughput';
const LATENCY_SITE = 'bench-webhooks-latency';
const WARMUP_PREFIX = 'wl-warm-';
const LATENCY_PREFIX = 'wl-lat-';
const POLL_MS = 100;
/** Cores used by nothing the benchmark accounts for; above this the run shared the machine. */
const OTHERS_WARNING_CORES = 0.2;

const settings = readWebhookSettings();

interface Service {
  url: string;
  server: ManagedChild;
}

function serviceEnv(): Record<string, string> {
  const env: Record<string, string> = {
    DATABASE_URL: WEBHOOKS_DATABASE_URL,
    REDIS_URL,
    LOUPE_REDIS_PREFIX: WEBHOOKS_REDIS_PREFIX,
    LOUPE_ROLE: 'all',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    // The benchmark measures the pipeline, not the per-site rate limiter.
    LOUPE_RATE_LIMIT_PER_SECOND: '1000000',
    LOUPE_RATE_LIMIT_BURST: '1000000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  return env;
}

/** The CLI prints one JSON object with --json; take the last line that is one. */
function lastJsonLine<T>(stdout: string): T {
  const line = stdout.split('\n').reverse().find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`expected a JSON line, got: ${stdout}`);
  return JSON.parse(line) as T;
}

function cli(...args: string[]): Promise<string> {
  return runCommand(process.execPath, [join(ROOT, 'bin', 'loupe.js'), ...args, '--json'], serviceEnv());
}

function standardWebhooksSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Knobs of the service that shape the figures, as the service will read them (env or its default). */
function serviceKnobs(): Record<string, string> {
  const defaults = loadConfig({});
  const knob = (name: 'LOUPE_WEBHOOK_CONCURRENCY' | 'LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS' | 'LOUPE_DB_POOL_SIZE') =>
    process.env[name] ?? `${defaults[name]} (default)`;
  return {
    LOUPE_WEBHOOK_CONCURRENCY: knob('LOUPE_WEBHOOK_CONCURRENCY'),
    LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS: knob('LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS'),
    LOUPE_DB_POOL_SIZE: knob('LOUPE_DB_POOL_SIZE'),
  };
}

// ---------------------------------------------------------------------------------------------
// CPU: server, PostgreSQL, Redis from /proc (e2e/cpu.ts), the receiver and load generator from themselves

interface CpuLine {
  usage: CpuUsage;
  receiverCores: number;
  loadGeneratorCores: number;
  otherCores: number;
}

function cpuLine(usage: CpuUsage, receiverCores: number, loadGeneratorCores = 0): CpuLine {
  const otherCores = usage.machineCores - usage.serverCores - usage.postgresCores - usage.redisCores - receiverCores - loadGeneratorCores;
  return { usage, receiverCores, loadGeneratorCores, otherCores };
}

function cpuText(c: CpuLine): string {
  const cores = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');
  const warning = c.otherCores > OTHERS_WARNING_CORES ? ' (WARNING: something else was using the machine; figures are pessimistic)' : '';
  const load = c.loadGeneratorCores > 0 ? `, load generator ${cores(c.loadGeneratorCores)}` : '';
  return (
    `machine ${percent(c.usage.machineBusy)} busy (${cores(c.usage.machineCores)} of ${cpus().length} cores); cores used by service ${cores(c.usage.serverCores)}, ` +
    `PostgreSQL ${cores(c.usage.postgresCores)}, Redis ${cores(c.usage.redisCores)}, receiver ${cores(c.receiverCores)}${load}, other processes ${cores(c.otherCores)}${warning}`
  );
}

/** CPU milliseconds per delivery of each process, and the cores `targetPerSecond` would need at that cost. */
function costPerDelivery(c: CpuLine, perSecond: number, targetPerSecond: number): string {
  const ms = (cores: number) => ((cores / perSecond) * 1000).toFixed(2);
  const accounted = c.usage.serverCores + c.usage.postgresCores + c.usage.redisCores + c.receiverCores;
  return (
    `CPU per delivery: service ${ms(c.usage.serverCores)} ms, PostgreSQL ${ms(c.usage.postgresCores)} ms, Redis ${ms(c.usage.redisCores)} ms, receiver ${ms(c.receiverCores)} ms; ` +
    `at this cost ${int(targetPerSecond)}/s needs ${((accounted / perSecond) * targetPerSecond).toFixed(1)} cores (service alone ${((c.usage.serverCores / perSecond) * targetPerSecond).toFixed(1)}, on one JavaScript thread); the machine has ${cpus().length}`
  );
}

/** Where the cores went, as a hint when a target is missed. */
function bottleneckHint(c: CpuLine): string {
  const total = cpus().length;
  const parts = [
    ['the service process', c.usage.serverCores],
    ['PostgreSQL', c.usage.postgresCores],
    ['Redis', c.usage.redisCores],
    ['the receiver', c.receiverCores],
  ] as const;
  const [name, top] = [...parts].sort((a, b) => b[1] - a[1])[0]!;
  const full = c.usage.machineCores >= total * 0.8;
  const single = c.usage.serverCores >= 0.9;
  return (
    `${full ? `the machine was (nearly) full (${c.usage.machineCores.toFixed(2)} of ${total} cores)` : `the machine was not full (${c.usage.machineCores.toFixed(2)} of ${total} cores)`}; ` +
    `the biggest user was ${name} (${top.toFixed(2)} cores)` +
    (single ? '; the service is near one full core: its single JavaScript thread is the likely limit' : '') +
    (!full && !single ? '; with cores to spare, the limit is waiting (round trips per delivery, concurrency, dispatch interval), not CPU' : '') +
    '. Profile the service with BENCH_WEBHOOK_CPU_PROF=<dir> (a V8 CPU profile of the service, written at its exit; open the .cpuprofile in Chrome DevTools).'
  );
}

// ---------------------------------------------------------------------------------------------
// Setup

async function prepareDatabase(): Promise<number> {
  await dropDatabase(WEBHOOKS_DATABASE_URL);
  await runCommand('npm', ['run', '-s', 'db:deploy'], serviceEnv());
  return clearRedisPrefix(WEBHOOKS_REDIS_PREFIX);
}

async function startService(): Promise<Service> {
  const env = serviceEnv();
  let script = join(ROOT, 'dist', 'src', 'main.js');
  if (settings.cpuProfileDir) {
    env.BENCH_WEBHOOK_CPU_PROF_DIR = settings.cpuProfileDir;
    script = benchScript('../webhooks/profiled-main.js');
  }
  const { child, url } = await startServer('loupe-webhooks', script, env, '/health/ready');
  return { url, server: child };
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, service?: Service): Promise<{ value: T; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    service?.server.failIfExited();
    const value = await read();
    if (done(value)) return { value, timedOut: false };
    if (Date.now() > deadline) return { value, timedOut: true };
    await sleep(POLL_MS);
  }
}

// ---------------------------------------------------------------------------------------------
// Phase 1: throughput

interface ThroughputRun {
  events: number;
  received: number;
  duplicates: number;
  timedOut: boolean;
  /** Webhooks that arrived before /health/ready answered (the dispatcher starts before listen). */
  beforeReady: number;
  serviceReadySeconds: number;
  /** First to last arrival. */
  deliveriesPerSecond: number;
  /** From the 10th to the 90th percentile of arrival times: without start-up and tail. */
  steadyPerSecond: number;
  /** From spawning the service (cold start included) to the last arrival. */
  fromSpawnPerSecond: number;
  perSecond: number[];
  outcome: DeliveryOutcome;
  verify: VerifyResult;
  cpu: CpuLine;
}

function arrivalRates(times: number[]): { perSecond: number[]; steady: number; overall: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const first = sorted[0] ?? NaN;
  const last = sorted[sorted.length - 1] ?? NaN;
  const perSecond: number[] = [];
  for (const t of sorted) {
    const b = Math.floor((t - first) / 1000);
    perSecond[b] = (perSecond[b] ?? 0) + 1;
  }
  const lo = Math.floor(sorted.length * 0.1);
  const hi = Math.floor(sorted.length * 0.9);
  const steady = (hi - lo) / ((sorted[hi]! - sorted[lo]!) / 1000);
  return { perSecond: Array.from(perSecond, (n) => n ?? 0), steady, overall: (sorted.length - 1) / ((last - first) / 1000) };
}

async function benchThroughput(db: WebhookBenchDb, receiver: ReceiverClient, throughputSiteId: string) {
  const secret = standardWebhooksSecret();
  const endpointId = await db.insertEndpoint(throughputSiteId, receiver.url(THROUGHPUT_PATH), secret);
  await receiver.configure(THROUGHPUT_PATH, secret);
  const preloadStart = performance.now();
  await db.preloadEvents(throughputSiteId, settings.events);
  console.log(`throughput: ${int(settings.events)} comment.verdict events pre-loaded in one statement (${int(performance.now() - preloadStart)} ms), one endpoint -> ${receiver.url(THROUGHPUT_PATH)}`);

  const receiverCpuStart = (await receiver.stats(THROUGHPUT_PATH)).cpuMs;
  const spawnedAt = Date.now();
  const service = await startService();
  const readyAt = Date.now();
  const stopCpu = measureCpu(service.server.pid, databaseName(WEBHOOKS_DATABASE_URL));
  const atReady = await receiver.stats(THROUGHPUT_PATH);
  console.log(`  service: ${service.url} (pid ${service.server.pid}, log ${service.server.logFile}), ready after ${((readyAt - spawnedAt) / 1000).toFixed(1)} s with ${int(atReady.unique)} webhooks already received`);

  const { value: end, timedOut } = await waitFor(
    () => receiver.stats(THROUGHPUT_PATH),
    (s: ReceiverStats) => s.unique >= settings.events,
    settings.timeoutSeconds * 1000,
    service,
  );
  const usage = stopCpu();
  const elapsedSeconds = (Date.now() - readyAt) / 1000;
  const receiverCores = (end.cpuMs - receiverCpuStart) / 1000 / elapsedSeconds;
  const outcome = await db.waitSettled(endpointId, 10_000);
  const verify = await receiver.verify(THROUGHPUT_PATH);
  const rates = arrivalRates((await receiver.records(THROUGHPUT_PATH)).map((r) => r.receivedAtEpochMs));

  const run: ThroughputRun = {
    events: settings.events,
    received: end.unique,
    duplicates: end.duplicates,
    timedOut,
    beforeReady: atReady.unique,
    serviceReadySeconds: (readyAt - spawnedAt) / 1000,
    deliveriesPerSecond: rates.overall,
    steadyPerSecond: rates.steady,
    fromSpawnPerSecond: end.unique / (((end.lastAtEpochMs ?? NaN) - spawnedAt) / 1000),
    perSecond: rates.perSecond,
    outcome,
    verify,
    cpu: cpuLine(usage, receiverCores),
  };
  printThroughput(run);
  return { run, service };
}

function printThroughput(r: ThroughputRun): void {
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  console.log(
    table(
      ['delivery throughput', 'deliveries/s', 'target', ''],
      [
        ['first to last arrival', int(r.deliveriesPerSecond), `>= ${int(THROUGHPUT_TARGET_PER_SECOND)}/s`, met(r.deliveriesPerSecond >= THROUGHPUT_TARGET_PER_SECOND)],
        ['steady (10th to 90th percentile of arrivals)', int(r.steadyPerSecond), '', ''],
        ['from spawning the service (cold start included)', int(r.fromSpawnPerSecond), '', ''],
      ],
    ),
  );
  console.log(`  per second since the first arrival: ${r.perSecond.map(int).join(' ')}`);
  const deliveries = Object.entries(r.outcome.deliveries).map(([s, n]) => `${s} ${int(n)}`).join(', ') || 'none';
  const reasons = Object.entries(r.outcome.failureReasons).map(([what, n]) => `${what} x${n}`).join(', ');
  console.log(
    `  received ${int(r.received)} of ${int(r.events)} distinct webhook-ids${r.timedOut ? ` (TIMED OUT after ${settings.timeoutSeconds} s)` : ''}; ` +
      `duplicates (same webhook-id again): ${int(r.duplicates)}; failures: ${int(r.outcome.failedAttempts)} failed attempts of ${int(r.outcome.attempts)}${reasons ? ` (${reasons})` : ''}`,
  );
  console.log(`  deliveries by status: ${deliveries}; events left undispatched: ${int(r.outcome.undispatchedEvents)}`);
  console.log(`  signatures (standardwebhooks, every request): ${int(r.verify.verified)} of ${int(r.verify.checked)} verified${r.verify.failed ? `, ${int(r.verify.failed)} FAILED (first: ${r.verify.firstError})` : ''}`);
  console.log(`  cpu from ready to last arrival: ${cpuText(r.cpu)}`);
  console.log(`  ${costPerDelivery(r.cpu, r.deliveriesPerSecond, THROUGHPUT_TARGET_PER_SECOND)}`);
  if (r.deliveriesPerSecond < THROUGHPUT_TARGET_PER_SECOND) console.log(`  where the time goes: ${bottleneckHint(r.cpu)}`);
  console.log('');
}

// ---------------------------------------------------------------------------------------------
// Phase 2: latency

interface LatencyRun {
  load: LoadResult;
  verdicts: number;
  matched: number;
  missing: number;
  duplicates: number;
  timedOut: boolean;
  verdictToReceived: LatencySummary;
  acceptedToReceived: LatencySummary;
  verdictToDispatched: LatencySummary;
  dispatchedToAttempt: LatencySummary;
  attemptToReceived: LatencySummary;
  outcome: DeliveryOutcome;
  verify: VerifyResult;
  cpu: CpuLine;
}

async function createEndpoint(service: Service, apiKey: string, url: string): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${service.url}/v1/webhooks/endpoints`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, eventTypes: ['comment.verdict'], description: 'bench:webhooks latency' }),
  });
  const body = await res.text();
  if (res.status !== 201) throw new Error(`POST /v1/webhooks/endpoints answered ${res.status}: ${body}`);
  return JSON.parse(body) as { id: string; secret: string };
}

/** Runs the load generator for one phase and waits until every verdict of it has its webhook. */
async function postAndWait(service: Service, db: WebhookBenchDb, receiver: ReceiverClient, apiKey: string, idPrefix: string, seconds: number) {
  const before = await receiver.stats(LATENCY_PATH);
  const run = await runLoadProcess({ url: service.url, apiKey, idPrefix, durationSeconds: seconds, mode: { kind: 'open', rate: settings.rate } });
  const wait = run.startAtEpochMs - Date.now();
  if (wait > 0) await sleep(wait);
  const stopCpu = measureCpu(service.server.pid, databaseName(WEBHOOKS_DATABASE_URL));
  const load = await run.result;
  const usage = stopCpu();
  const afterLoad = await receiver.stats(LATENCY_PATH);
  const receiverCores = (afterLoad.cpuMs - before.cpuMs) / 1000 / ((Date.now() - run.startAtEpochMs) / 1000);
  // Every accepted comment gets a verdict, every verdict one event and one delivery.
  const { timedOut } = await waitFor(
    async () => ({ pending: await db.pendingComments(idPrefix), stats: await receiver.stats(LATENCY_PATH) }),
    (s) => s.pending === 0 && s.stats.unique - before.unique >= load.accepted,
    settings.timeoutSeconds * 1000,
    service,
  );
  return { load, timedOut, cpu: cpuLine(usage, receiverCores, load.cpuCores) };
}

function differences<R extends CommentTimes>(rows: R[], pick: (r: R) => [number | null | undefined, number | null | undefined]): LatencySummary {
  const values: number[] = [];
  for (const r of rows) {
    const [from, to] = pick(r);
    if (from != null && to != null) values.push(to - from);
  }
  return summarize(values);
}

async function benchLatency(service: Service, db: WebhookBenchDb, receiver: ReceiverClient) {
  const { key } = lastJsonLine<{ key: string }>(await cli('keys', 'create', LATENCY_SITE));
  const endpoint = await createEndpoint(service, key, receiver.url(LATENCY_PATH));
  await receiver.configure(LATENCY_PATH, endpoint.secret);
  const warm = await postAndWait(service, db, receiver, key, WARMUP_PREFIX, settings.warmupSeconds);
  console.log(`latency: endpoint ${endpoint.id} created through the API; warm-up ${settings.warmupSeconds} s at ${int(settings.rate)}/s: ${int(warm.load.accepted)} accepted, failures: ${failures(warm.load)}`);

  const measured = await postAndWait(service, db, receiver, key, LATENCY_PREFIX, settings.seconds);
  // An attempt is logged just after its answer: wait for the last ones before reading their times.
  const outcome = await db.waitSettled(endpoint.id, 10_000);
  const times = await db.commentTimes(LATENCY_PREFIX);
  const records = await receiver.records(LATENCY_PATH);
  // The first arrival of each comment's webhook (a duplicate would arrive later and is counted apart).
  const arrival = new Map<string, number>();
  for (const r of records) {
    if (r.commentId && !arrival.has(r.commentId)) arrival.set(r.commentId, r.receivedAtEpochMs);
  }
  const stats = await receiver.stats(LATENCY_PATH);
  const withArrival = times.map((t) => ({ ...t, arrivedAt: arrival.get(t.commentId) ?? null }));
  const verdicts = times.filter((t) => t.verdictAt !== null).length;
  const matched = withArrival.filter((t) => t.verdictAt !== null && t.arrivedAt !== null).length;
  const run: LatencyRun = {
    load: measured.load,
    verdicts,
    matched,
    missing: verdicts - matched,
    duplicates: stats.duplicates,
    timedOut: measured.timedOut,
    verdictToReceived: differences(withArrival, (t) => [t.verdictAt, t.arrivedAt]),
    acceptedToReceived: differences(withArrival, (t) => [t.receivedAt, t.arrivedAt]),
    verdictToDispatched: differences(withArrival, (t) => [t.verdictAt, t.dispatchedAt]),
    dispatchedToAttempt: differences(withArrival, (t) => [t.dispatchedAt, t.firstAttemptAt]),
    attemptToReceived: differences(withArrival, (t) => [t.firstAttemptAt, t.arrivedAt]),
    outcome,
    verify: await receiver.verify(LATENCY_PATH),
    cpu: measured.cpu,
  };
  printLatency(run);
  return run;
}

function printLatency(r: LatencyRun): void {
  const l = r.load;
  console.log(
    `  measured: open loop at ${int(settings.rate)}/s for ${settings.seconds} s; ${int(l.sent)} POSTed, ${int(l.accepted)} accepted, failures: ${failures(l)}; ` +
      `${int(r.verdicts)} verdicts, ${int(r.matched)} matched to a received webhook by commentId, ${int(r.missing)} missing${r.timedOut ? ` (TIMED OUT after ${settings.timeoutSeconds} s)` : ''}`,
  );
  console.log(
    table(LATENCY_HEADER, [
      latencyRow('verdict committed -> webhook received', r.verdictToReceived, LATENCY_P99_TARGET_MS),
      latencyRow('comment accepted (received_at) -> webhook received', r.acceptedToReceived),
      latencyRow('  of which: verdict -> outbox event dispatched', r.verdictToDispatched),
      latencyRow('  of which: dispatched -> first attempt started', r.dispatchedToAttempt),
      latencyRow('  of which: attempt started -> received', r.attemptToReceived),
      latencyRow('POST, from due time (load generator)', l.latency),
      latencyRow('load generator send lag (its own lateness)', l.sendLag),
    ]),
  );
  const reasons = Object.entries(r.outcome.failureReasons).map(([what, n]) => `${what} x${n}`).join(', ');
  console.log(`  duplicates (same webhook-id again, warm-up included): ${int(r.duplicates)}; failures: ${int(r.outcome.failedAttempts)} failed attempts of ${int(r.outcome.attempts)}${reasons ? ` (${reasons})` : ''}`);
  console.log(`  signatures (standardwebhooks, every request, warm-up included): ${int(r.verify.verified)} of ${int(r.verify.checked)} verified${r.verify.failed ? `, ${int(r.verify.failed)} FAILED (first: ${r.verify.firstError})` : ''}`);
  console.log(`  cpu during the load: ${cpuText(r.cpu)}`);
  if (!(r.verdictToReceived.p99 <= LATENCY_P99_TARGET_MS)) {
    console.log(`  where the time goes: see the "of which" rows (the dispatcher polls the outbox every LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS = ${serviceKnobs().LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS}); ${bottleneckHint(r.cpu)}`);
  }
  console.log('');
}

// ---------------------------------------------------------------------------------------------

function latencyJson(s: LatencySummary) {
  return { n: s.count, p50: s.p50, p90: s.p90, p99: s.p99, max: s.max };
}

function cpuJson(c: CpuLine) {
  return { ...c.usage, receiverCores: c.receiverCores, loadGeneratorCores: c.loadGeneratorCores, otherCores: c.otherCores };
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); API and worker in one process (LOUPE_ROLE=all), PostgreSQL and Redis local, receiver and load generator in separate processes`);
  console.log(`settings: ${JSON.stringify({ ...settings, service: serviceKnobs() })}`);
  const idleBusy = await idleMachineBusy();
  console.log(`machine busy before start: ${percent(idleBusy)} (the figures assume a quiet machine)`);

  const receiver = await ReceiverClient.start();
  let service: Service | undefined;
  let db: WebhookBenchDb | undefined;
  try {
    const deletedKeys = await prepareDatabase();
    console.log(`database ${databaseName(WEBHOOKS_DATABASE_URL)} recreated and migrated, ${deletedKeys} old Redis keys under ${WEBHOOKS_REDIS_PREFIX}: deleted; receiver pid ${receiver.pid} on port ${receiver.port}`);
    console.log('');
    const throughputSite = lastJsonLine<{ id: string }>(await cli('sites', 'create', THROUGHPUT_SITE));
    lastJsonLine(await cli('sites', 'create', LATENCY_SITE));
    db = await WebhookBenchDb.connect(WEBHOOKS_DATABASE_URL);

    const throughput = await benchThroughput(db, receiver, throughputSite.id);
    service = throughput.service;
    const latency = await benchLatency(service, db, receiver);
    const t = throughput.run;

    console.log('summary:');
    console.log(
      table(
        ['target', 'measured', '', ''],
        [
          [`delivery throughput >= ${int(THROUGHPUT_TARGET_PER_SECOND)}/s`, `${int(t.deliveriesPerSecond)}/s`, t.deliveriesPerSecond >= THROUGHPUT_TARGET_PER_SECOND ? 'met' : 'MISSED', `${int(t.received)}/${int(t.events)} received, ${int(t.duplicates)} dup, ${int(t.outcome.failedAttempts)} failed`],
          [`verdict -> webhook p99 <= ${LATENCY_P99_TARGET_MS} ms`, `${latency.verdictToReceived.p99.toFixed(1)} ms`, latency.verdictToReceived.p99 <= LATENCY_P99_TARGET_MS ? 'met' : 'MISSED', `p50 ${latency.verdictToReceived.p50.toFixed(1)} ms, p90 ${latency.verdictToReceived.p90.toFixed(1)} ms, n ${int(latency.verdictToReceived.count)}`],
        ],
      ),
    );

    const result = {
      settings: { ...settings, service: serviceKnobs() },
      machine: { node: process.version, cores: cpus().length, busyBeforeStart: idleBusy },
      throughput: {
        events: t.events,
        received: t.received,
        duplicates: t.duplicates,
        failedAttempts: t.outcome.failedAttempts,
        attempts: t.outcome.attempts,
        failureReasons: t.outcome.failureReasons,
        deliveries: t.outcome.deliveries,
        timedOut: t.timedOut,
        deliveriesPerSecond: t.deliveriesPerSecond,
        steadyPerSecond: t.steadyPerSecond,
        fromSpawnPerSecond: t.fromSpawnPerSecond,
        serviceReadySeconds: t.serviceReadySeconds,
        beforeReady: t.beforeReady,
        perSecond: t.perSecond,
        signatures: t.verify,
        cpu: cpuJson(t.cpu),
        targetPerSecond: THROUGHPUT_TARGET_PER_SECOND,
        met: t.deliveriesPerSecond >= THROUGHPUT_TARGET_PER_SECOND,
      },
      latency: {
        rate: settings.rate,
        seconds: settings.seconds,
        sent: latency.load.sent,
        accepted: latency.load.accepted,
        postFailures: latency.load.failures,
        verdicts: latency.verdicts,
        matched: latency.matched,
        missing: latency.missing,
        duplicates: latency.duplicates,
        failedAttempts: latency.outcome.failedAttempts,
        timedOut: latency.timedOut,
        verdictToReceivedMs: latencyJson(latency.verdictToReceived),
        acceptedToReceivedMs: latencyJson(latency.acceptedToReceived),
        verdictToDispatchedMs: latencyJson(latency.verdictToDispatched),
        dispatchedToAttemptMs: latencyJson(latency.dispatchedToAttempt),
        attemptToReceivedMs: latencyJson(latency.attemptToReceived),
        postLatencyMs: latencyJson(latency.load.latency),
        sendLagMs: latencyJson(latency.load.sendLag),
        signatures: latency.verify,
        cpu: cpuJson(latency.cpu),
        p99TargetMs: LATENCY_P99_TARGET_MS,
        met: latency.verdictToReceived.p99 <= LATENCY_P99_TARGET_MS,
      },
    };
    console.log('');
    console.log(`RESULT ${JSON.stringify(result)}`);
  } finally {
    await db?.close();
    await service?.server.stop();
    await receiver.stop();
  }
}

runBench(main);
