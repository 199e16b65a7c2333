/** Settings of `npm run bench:webhooks` (BENCH_WEBHOOK_* variables) and its own database and Redis prefix. */
import { benchDatabaseUrl, envNumber } from '../e2e/config.js';

/** Dropped and recreated at every run: never a real database. */
export const WEBHOOKS_DATABASE_URL = benchDatabaseUrl('loupe_bench_webhooks');
export const WEBHOOKS_REDIS_PREFIX = 'loupe-bench-webhooks';

export interface WebhookBenchSettings {
  /** Phase 1: outbox events pre-loaded before the service starts. */
  events: number;
  /** Phase 2: comments per second through the API (open loop) and for how long. */
  rate: number;
  seconds: number;
  /** Phase 2: unreported traffic at the same rate first. */
  warmupSeconds: number;
  /** How long to wait for the last webhooks of a phase before giving up. */
  timeoutSeconds: number;
  /** When set, the service runs under the V8 CPU profiler and writes its profile here at shutdown (profiled-main.ts). */
  cpuProfileDir: string | null;
}

export function readWebhookSettings(): WebhookBenchSettings {
  return {
    events: Math.round(envNumber('BENCH_WEBHOOK_EVENTS', 30_000)),
    rate: envNumber('BENCH_WEBHOOK_RATE', 200),
    seconds: envNumber('BENCH_WEBHOOK_SECONDS', 20),
    warmupSeconds: envNumber('BENCH_WEBHOOK_WARMUP_SECONDS', 5),
    timeoutSeconds: envNumber('BENCH_WEBHOOK_TIMEOUT_SECONDS', 180),
    cpuProfileDir: process.env.BENCH_WEBHOOK_CPU_PROF || null,
  };
}
