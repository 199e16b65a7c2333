/**
 * `npm run bench:e2e`: Loupe end to end on one machine, from POST /v1/comments to the verdict
 * committed in PostgreSQL, with API and worker in one process (`node dist/src/main.js`), local
 * PostgreSQL and Redis, and the load coming from a separate process (bench/e2e/load-process.ts).
 *
 * Phases, in the order they run (durations and rates from BENCH_* variables, see e2e/config.ts):
 *  1. baseline: a bare node:http + pg server (multi-row INSERTs, no analysis, no queue) driven
 *     closed-loop at saturation; it is what this machine can ingest at all, the yardstick for
 *     the ratios at the end.
 *  2. Loupe warm-up (not reported beyond one line), so JIT, pools and caches are warm.
 *  3. latency at BENCH_LATENCY_RATE (500/s), open loop: POST latency, and POST-to-verdict from
 *     comments.received_at to verdicts.created_at as PostgreSQL computes them.
 *  4. sustained at BENCH_RATE (1 500/s) for BENCH_SUSTAIN_SECONDS, open loop: accepted and
 *     committed verdicts per second and the pending backlog every few seconds; it held if
 *     everything was accepted and the backlog did not grow.
 *  5. Loupe at saturation, closed loop: POST accepted/s and verdicts committed/s.
 *
 * Why open loop for 3 and 4: publishers' readers do not wait for each other. A client that sends
 * the next request only after the previous answer slows down exactly when the service does, so a
 * stall delays one request in its figures instead of all that arrived meanwhile (coordinated
 * omission), and its throughput adapts to the service instead of testing a rate. Here request n
 * is due at start + n / rate and its latency counts from that due time.
 *
 * A benchmark, not a test: it prints figures (and one `RESULT {json}` line) and checks nothing.
 * Everything runs on the same cores, load generator included; the CPU lines show who used what.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BASELINE_DATABASE_URL,
  LOUPE_DATABASE_URL,
  REDIS_PREFIX,
  REDIS_URL,
  ROOT,
  readSettings,
} from './e2e/config.js';
import { idleMachineBusy, measureCpu, type CpuUsage } from './e2e/cpu.js';
import { LoupeDb, clearRedisPrefix, countRows, databaseName, dropDatabase, resetBaselineDatabase, type Drain, type Timeline } from './e2e/database.js';
import type { LoadMode, LoadResult } from './e2e/load-generator.js';
import type { LatencySummary } from './e2e/percentiles.js';
import { benchScript, runCommand, runLoadProcess, startServer, runBench, type ManagedChild } from './e2e/processes.js';
import { LATENCY_HEADER, cpu, failures, int, latencyRow, otherCores, percent, ratio, table } from './e2e/report.js';

const POST_P99_TARGET_MS = 50;
const VERDICT_P99_TARGET_MS = 250;
/** Timeline resolution for "per second over a window" figures. */
const BUCKET_MS = 100;
/** A sustained rate held if at most this share of requests failed... */
const MAX_FAILED_SHARE = 0.001;
/** ...the backlog at the end is at most this many seconds of arrivals... */
const MAX_FINAL_BACKLOG_SECONDS = 1;
/** ...and its trend over the run is below this share of the rate. */
const MAX_BACKLOG_TREND_SHARE = 0.01;

const settings = readSettings();

interface Target {
  url: string;
  apiKey?: string;
  server: ManagedChild;
  /** Its PostgreSQL database, to tell its backends' CPU from other databases'. */
  database: string;
}

interface Phase {
  idPrefix: string;
  mode: LoadMode;
  seconds: number;
}

interface BacklogSample {
  seconds: number;
  pending: number;
}

interface PhaseRun {
  startAtEpochMs: number;
  load: LoadResult;
  cpu: CpuUsage;
  acceptedPerSecond: number;
}

interface LoupePhaseRun extends PhaseRun {
  backlog: BacklogSample[];
  drain: Drain;
  timeline: Timeline;
  /** Verdicts committed during the phase's own time span, per second. */
  verdictsPerSecond: number;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

async function sleepUntilEpoch(epochMs: number): Promise<void> {
  const wait = epochMs - Date.now();
  if (wait > 0) await sleep(wait);
}

function modeText(mode: LoadMode): string {
  return mode.kind === 'open' ? `open loop at ${int(mode.rate)}/s` : `closed loop, ${mode.connections} connections`;
}

// ---------------------------------------------------------------------------------------------
// Running phases

/** Runs the load generator for one phase; with `db`, samples the backlog while it runs. */
async function runPhase(target: Target, phase: Phase, db?: LoupeDb) {
  const run = await runLoadProcess({ url: target.url, apiKey: target.apiKey, idPrefix: phase.idPrefix, durationSeconds: phase.seconds, mode: phase.mode });
  await sleepUntilEpoch(run.startAtEpochMs);
  const stopCpu = measureCpu(target.server.pid, target.database);
  const sampled = db ? sampleBacklog(db, run.startAtEpochMs, phase.seconds) : Promise.resolve([]);
  const load = await run.result;
  const phaseRun: PhaseRun = { startAtEpochMs: run.startAtEpochMs, load, cpu: stopCpu(), acceptedPerSecond: load.accepted / load.elapsedSeconds };
  return { ...phaseRun, backlog: await sampled };
}

/** Sample times 0, every, 2 * every, ... and the end, in seconds from the start. */
function sampleTimes(seconds: number, every: number): number[] {
  const times: number[] = [];
  for (let t = 0; t < seconds; t += every) times.push(t);
  return [...times, seconds];
}

async function sampleBacklog(db: LoupeDb, startAtEpochMs: number, seconds: number): Promise<BacklogSample[]> {
  const samples: BacklogSample[] = [];
  for (const t of sampleTimes(seconds, settings.sampleSeconds)) {
    await sleepUntilEpoch(startAtEpochMs + t * 1000);
    samples.push({ seconds: t, pending: await db.pending() });
  }
  return samples;
}

/** A Loupe phase: load, backlog samples, then wait for the backlog to empty and read the timeline. */
async function runLoupePhase(target: Target, db: LoupeDb, phase: Phase): Promise<LoupePhaseRun> {
  const run = await runPhase(target, phase, db);
  target.server.failIfExited();
  const drain = await db.waitForDrain(settings.drainTimeoutSeconds * 1000);
  const timeline = await db.timeline(run.startAtEpochMs, phase.seconds * 1000, BUCKET_MS);
  return { ...run, drain, timeline, verdictsPerSecond: sum(timeline.verdicts) / phase.seconds };
}

// ---------------------------------------------------------------------------------------------
// Baseline

async function benchBaseline() {
  await resetBaselineDatabase(BASELINE_DATABASE_URL);
  const { child, url } = await startServer('baseline', benchScript('./baseline-server.js'), { DATABASE_URL: BASELINE_DATABASE_URL }, '/health');
  const target: Target = { url, server: child, database: databaseName(BASELINE_DATABASE_URL) };
  try {
    const mode: LoadMode = { kind: 'closed', connections: settings.connections };
    await runPhase(target, { idPrefix: 'b-warm-', mode, seconds: settings.warmupSeconds });
    const run = await runPhase(target, { idPrefix: 'b-max-', mode, seconds: settings.maxSeconds });
    const rows = await countRows(BASELINE_DATABASE_URL);
    console.log(`baseline: node:http + pg multi-row INSERT, no analysis, no Redis; ${modeText(mode)}, ${settings.maxSeconds} s (after ${settings.warmupSeconds} s warm-up)`);
    printClosedLoop(run);
    console.log(`  rows in the baseline table: ${int(rows)} (warm-up included)`);
    console.log('');
    return run;
  } finally {
    await child.stop();
    await dropDatabase(BASELINE_DATABASE_URL);
  }
}

function printClosedLoop(run: PhaseRun): void {
  const l = run.load;
  console.log(`  POST accepted: ${int(run.acceptedPerSecond)}/s (${int(l.accepted)} of ${int(l.sent)} in ${l.elapsedSeconds.toFixed(1)} s), failures: ${failures(l)}`);
  console.log(table(LATENCY_HEADER.slice(0, 6), [latencyRow('POST (closed loop, from send)', l.latency)]));
  console.log(`  cpu: ${cpu(run.cpu, l)}`);
}

// ---------------------------------------------------------------------------------------------
// Loupe

function loupeEnv(): Record<string, string> {
  return {
    DATABASE_URL: LOUPE_DATABASE_URL,
    REDIS_URL,
    LOUPE_REDIS_PREFIX: REDIS_PREFIX,
    // The benchmark measures the pipeline, not the per-site rate limiter.
    LOUPE_RATE_LIMIT_PER_SECOND: '1000000',
    LOUPE_RATE_LIMIT_BURST: '1000000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
}

/** The CLI prints one JSON object with --json; take the last line that is one (npm may add noise). */
function lastJsonLine<T>(stdout: string): T {
  const line = stdout.split('\n').reverse().find((l) => l.trim().startsWith('{'));
  if (!line) throw new Error(`expected a JSON line, got: ${stdout}`);
  return JSON.parse(line) as T;
}

/** Fresh database and Redis prefix, a site and an API key from the CLI, then the service. */
async function startLoupe(): Promise<Target> {
  const env = loupeEnv();
  await dropDatabase(LOUPE_DATABASE_URL);
  await runCommand('npm', ['run', '-s', 'db:deploy'], env);
  const deletedKeys = await clearRedisPrefix();
  const cli = (...args: string[]) => runCommand(process.execPath, [join(ROOT, 'bin', 'loupe.js'), ...args, '--json'], env);
  lastJsonLine(await cli('sites', 'create', 'bench'));
  const { key } = lastJsonLine<{ key: string }>(await cli('keys', 'create', 'bench'));
  const { child, url } = await startServer('loupe', join(ROOT, 'dist', 'src', 'main.js'), env, '/health/ready');
  console.log(`loupe: ${url} (pid ${child.pid}, log ${child.logFile}), database loupe_bench recreated, ${deletedKeys} old Redis keys deleted`);
  return { url, apiKey: key, server: child, database: databaseName(LOUPE_DATABASE_URL) };
}

async function benchLoupe() {
  const target = await startLoupe();
  const db = await LoupeDb.connect(LOUPE_DATABASE_URL);
  try {
    const warmup = await runLoupePhase(target, db, { idPrefix: 'b-warm-', mode: { kind: 'open', rate: settings.latencyRate }, seconds: settings.warmupSeconds });
    console.log(`  warm-up: ${settings.warmupSeconds} s at ${int(settings.latencyRate)}/s, ${int(warmup.load.accepted)} accepted, failures: ${failures(warmup.load)}`);
    console.log('');
    const latency = await benchLatency(target, db);
    const sustain = await benchSustain(target, db);
    const max = await benchMax(target, db);
    return { latency, sustain, max };
  } finally {
    await db.close();
    await target.server.stop();
  }
}

interface LatencyFigures {
  post: LatencySummary;
  verdict: LatencySummary;
  dueToVerdict: LatencySummary;
  sendLag: LatencySummary;
}

/** Client-side POST latency and, from the committed rows, POST-to-verdict, for one open-loop phase. */
async function latencyFigures(db: LoupeDb, phase: Phase, run: PhaseRun, rate: number): Promise<LatencyFigures> {
  return {
    post: run.load.latency,
    verdict: await db.verdictLatency(phase.idPrefix, { kind: 'received' }),
    dueToVerdict: await db.verdictLatency(phase.idPrefix, { kind: 'due', startEpochMs: run.startAtEpochMs, rate }),
    sendLag: run.load.sendLag,
  };
}

/** The issue's targets are for the latency phase; other phases show the same rows without them. */
function printLatency(f: LatencyFigures, withTargets: boolean): void {
  const target = (ms: number) => (withTargets ? ms : undefined);
  console.log(
    table(withTargets ? LATENCY_HEADER : LATENCY_HEADER.slice(0, 6), [
      latencyRow('POST, from due time', f.post, target(POST_P99_TARGET_MS)),
      latencyRow('POST to verdict committed (received_at -> verdicts.created_at)', f.verdict, target(VERDICT_P99_TARGET_MS)),
      latencyRow('due time to verdict committed (client clock, same host)', f.dueToVerdict),
      latencyRow('load generator send lag (its own lateness)', f.sendLag),
    ]),
  );
}

async function benchLatency(target: Target, db: LoupeDb) {
  const phase: Phase = { idPrefix: 'b-lat-', mode: { kind: 'open', rate: settings.latencyRate }, seconds: settings.latencySeconds };
  const run = await runLoupePhase(target, db, phase);
  const figures = await latencyFigures(db, phase, run, settings.latencyRate);
  const l = run.load;
  console.log(`latency: ${modeText(phase.mode)}, ${settings.latencySeconds} s; ${int(l.sent)} sent, ${int(l.accepted)} accepted, failures: ${failures(l)}`);
  printLatency(figures, true);
  console.log(`  cpu: ${cpu(run.cpu, l)}`);
  console.log('');
  return { run, figures };
}

/** Per sampling window: received and verdicts per second from the timeline, backlog at its end. */
function windowRows(run: LoupePhaseRun, offered: number | undefined): string[][] {
  const perSecond = (series: number[], from: number, to: number) =>
    sum(series.slice(Math.round((from * 1000) / BUCKET_MS), Math.round((to * 1000) / BUCKET_MS))) / (to - from);
  return run.backlog.map((sample, i) => {
    const from = run.backlog[i - 1]?.seconds;
    if (from === undefined) return [sample.seconds.toFixed(0), '', '', '', int(sample.pending)];
    return [
      sample.seconds.toFixed(0),
      offered === undefined ? '-' : int(offered),
      int(perSecond(run.timeline.received, from, sample.seconds)),
      int(perSecond(run.timeline.verdicts, from, sample.seconds)),
      int(sample.pending),
    ];
  });
}

function printWindows(run: LoupePhaseRun, offered?: number): void {
  console.log(table(['t (s)', 'offered/s', 'received/s', 'verdicts/s', 'backlog'], windowRows(run, offered)));
  const d = run.drain;
  if (d.initial === 0) return console.log('  after the load: backlog empty');
  // The backlog is polled every 250 ms, so a rate over less than a second would be mostly noise.
  const rate = `${d.seconds.toFixed(1)} s${d.seconds >= 1 ? ` (${int((d.initial - d.remaining) / d.seconds)} verdicts/s)` : ''}`;
  const left = d.remaining > 0 ? `, ${int(d.remaining)} STILL PENDING after the ${settings.drainTimeoutSeconds} s timeout` : '';
  console.log(`  after the load: backlog of ${int(d.initial)} worked off in ${rate}${left}`);
}

/** Least-squares slope of the backlog in comments per second, leaving out t = 0 (before any load). */
function backlogTrend(samples: readonly BacklogSample[]): number {
  const points = samples.filter((p) => p.seconds > 0);
  if (points.length < 3) return NaN;
  const meanT = sum(points.map((p) => p.seconds)) / points.length;
  const meanB = sum(points.map((p) => p.pending)) / points.length;
  const cov = sum(points.map((p) => (p.seconds - meanT) * (p.pending - meanB)));
  const varT = sum(points.map((p) => (p.seconds - meanT) ** 2));
  return cov / varT;
}

function heldVerdict(run: LoupePhaseRun, rate: number) {
  const failedShare = 1 - run.load.accepted / run.load.sent;
  const finalBacklog = run.backlog[run.backlog.length - 1]?.pending ?? NaN;
  const trend = backlogTrend(run.backlog);
  const problems = [
    failedShare > MAX_FAILED_SHARE ? `${percent(failedShare)} of requests not accepted` : '',
    !(finalBacklog <= rate * MAX_FINAL_BACKLOG_SECONDS) ? `backlog ${int(finalBacklog)} at the end (> ${MAX_FINAL_BACKLOG_SECONDS} s of arrivals)` : '',
    trend > rate * MAX_BACKLOG_TREND_SHARE ? `backlog growing by ${int(trend)}/s` : '',
  ].filter((p) => p !== '');
  return { held: problems.length === 0, problems, finalBacklog, backlogTrendPerSecond: trend };
}

async function benchSustain(target: Target, db: LoupeDb) {
  const phase: Phase = { idPrefix: 'b-sus-', mode: { kind: 'open', rate: settings.rate }, seconds: settings.sustainSeconds };
  const run = await runLoupePhase(target, db, phase);
  const held = heldVerdict(run, settings.rate);
  const figures = await latencyFigures(db, phase, run, settings.rate);
  const l = run.load;
  console.log(`sustained: ${modeText(phase.mode)}, ${settings.sustainSeconds} s, backlog sampled every ${settings.sampleSeconds} s`);
  printWindows(run, settings.rate);
  console.log(`  offered ${int(l.sent / settings.sustainSeconds)}/s, accepted ${int(run.acceptedPerSecond)}/s (${int(l.accepted)} of ${int(l.sent)}), verdicts committed ${int(run.verdictsPerSecond)}/s over the run; failures: ${failures(l)}`);
  printLatency(figures, false);
  console.log(`  cpu: ${cpu(run.cpu, l)}`);
  const trend = Number.isFinite(held.backlogTrendPerSecond) ? `${held.backlogTrendPerSecond.toFixed(1)}/s` : 'n/a (too few samples)';
  console.log(`  ${int(settings.rate)}/s for ${settings.sustainSeconds} s held: ${held.held ? 'YES' : `NO (${held.problems.join('; ')})`}; backlog trend ${trend}`);
  console.log('');
  return { run, figures, ...held };
}

async function benchMax(target: Target, db: LoupeDb) {
  const phase: Phase = { idPrefix: 'b-max-', mode: { kind: 'closed', connections: settings.connections }, seconds: settings.maxSeconds };
  const run = await runLoupePhase(target, db, phase);
  console.log(`loupe at saturation: ${modeText(phase.mode)}, ${settings.maxSeconds} s`);
  printClosedLoop(run);
  printWindows(run);
  console.log(`  verdicts committed during the run: ${int(run.verdictsPerSecond)}/s`);
  console.log('');
  return run;
}

// ---------------------------------------------------------------------------------------------

function latencyJson(s: LatencySummary) {
  return { n: s.count, p50: s.p50, p90: s.p90, p99: s.p99, max: s.max };
}

function latencyFiguresJson(f: LatencyFigures) {
  return { postToVerdictMs: latencyJson(f.verdict), dueToVerdictMs: latencyJson(f.dueToVerdict), sendLagMs: latencyJson(f.sendLag) };
}

function phaseJson(run: PhaseRun) {
  return {
    sent: run.load.sent,
    accepted: run.load.accepted,
    acceptedPerSecond: run.acceptedPerSecond,
    failures: run.load.failures,
    postLatencyMs: latencyJson(run.load.latency),
    cpu: { ...run.cpu, loadGeneratorCores: run.load.cpuCores, otherCores: otherCores(run.cpu, run.load) },
  };
}

function loupePhaseJson(run: LoupePhaseRun) {
  return { ...phaseJson(run), verdictsPerSecond: run.verdictsPerSecond, backlog: run.backlog, drain: run.drain };
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); API and worker in one process, PostgreSQL and Redis local, load from a separate process`);
  console.log(`settings: ${JSON.stringify(settings)}`);
  const idleBusy = await idleMachineBusy();
  console.log(`machine busy before start: ${percent(idleBusy)} (the figures assume a quiet machine)`);
  console.log('');
  const baseline = await benchBaseline();
  const loupe = await benchLoupe();

  const base = baseline.acceptedPerSecond;
  console.log('loupe vs bare baseline (same machine, same load generator):');
  console.log(
    table(
      ['', 'per second', 'of baseline'],
      [
        ['baseline POST accepted (max)', int(base), '1.00x'],
        ['loupe POST accepted (max)', int(loupe.max.acceptedPerSecond), ratio(loupe.max.acceptedPerSecond, base)],
        ['loupe verdicts committed (max)', int(loupe.max.verdictsPerSecond), ratio(loupe.max.verdictsPerSecond, base)],
        [`loupe sustained target (${loupe.sustain.held ? 'held' : 'NOT held'})`, int(settings.rate), ratio(settings.rate, base)],
      ],
    ),
  );

  const result = {
    settings,
    machine: { node: process.version, cores: cpus().length, busyBeforeStart: idleBusy },
    baseline: phaseJson(baseline),
    latency: {
      rate: settings.latencyRate,
      ...phaseJson(loupe.latency.run),
      ...latencyFiguresJson(loupe.latency.figures),
      postP99Met: loupe.latency.figures.post.p99 <= POST_P99_TARGET_MS,
      verdictP99Met: loupe.latency.figures.verdict.p99 <= VERDICT_P99_TARGET_MS,
    },
    sustain: {
      rate: settings.rate,
      held: loupe.sustain.held,
      problems: loupe.sustain.problems,
      backlogTrendPerSecond: loupe.sustain.backlogTrendPerSecond,
      ...loupePhaseJson(loupe.sustain.run),
      ...latencyFiguresJson(loupe.sustain.figures),
    },
    max: loupePhaseJson(loupe.max),
    ratios: {
      maxAcceptedToBaseline: loupe.max.acceptedPerSecond / base,
      maxVerdictsToBaseline: loupe.max.verdictsPerSecond / base,
      sustainRateToBaseline: settings.rate / base,
    },
  };
  console.log('');
  console.log(`RESULT ${JSON.stringify(result)}`);
}

runBench(main);
