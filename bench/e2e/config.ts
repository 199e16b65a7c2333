import { join } from 'node:path';
import { findBundledListsDir } from '../../src/lists/load-lists.js';

/** The package root, found the way the bundled lists are (works from src/ and from dist/). */
export const ROOT = join(findBundledListsDir(), '..', '..');
export const CORPUS_FILE = join(ROOT, 'bench', 'corpus', 'comments.jsonl');

const PG_SERVER = process.env.BENCH_PG_SERVER ?? 'postgresql://postgres@127.0.0.1:5432';

/** Loupe's own database and Redis prefix, dropped and recreated at every start: never a real one. */
/** A database on the benchmark's PostgreSQL server. */
export function benchDatabaseUrl(name: string): string {
  return `${PG_SERVER}/${name}`;
}

export const LOUPE_DATABASE_URL = benchDatabaseUrl('loupe_bench');
export const BASELINE_DATABASE_URL = benchDatabaseUrl('loupe_bench_baseline');
export const ADMIN_DATABASE_URL = benchDatabaseUrl('postgres');
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const REDIS_PREFIX = 'loupe-bench';

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

export interface BenchSettings {
  /** Phase 1: open-loop rate held for sustainSeconds, backlog sampled every sampleSeconds. */
  rate: number;
  sustainSeconds: number;
  /** Phase 2: open-loop rate at which latency percentiles are taken. */
  latencyRate: number;
  latencySeconds: number;
  /** Closed-loop phases (baseline and Loupe at saturation). */
  maxSeconds: number;
  connections: number;
  /** Unreported open-loop traffic before measuring, so JIT and pools are warm. */
  warmupSeconds: number;
  sampleSeconds: number;
  /** How long to wait for the backlog to empty between phases before giving up. */
  drainTimeoutSeconds: number;
}

export function readSettings(): BenchSettings {
  return {
    rate: envNumber('BENCH_RATE', 1500),
    sustainSeconds: envNumber('BENCH_SUSTAIN_SECONDS', 60),
    latencyRate: envNumber('BENCH_LATENCY_RATE', 500),
    latencySeconds: envNumber('BENCH_LATENCY_SECONDS', 20),
    maxSeconds: envNumber('BENCH_MAX_SECONDS', 15),
    connections: Math.round(envNumber('BENCH_CONNECTIONS', 64)),
    warmupSeconds: envNumber('BENCH_WARMUP_SECONDS', 5),
    sampleSeconds: envNumber('BENCH_SAMPLE_SECONDS', 5),
    drainTimeoutSeconds: envNumber('BENCH_DRAIN_TIMEOUT_SECONDS', 120),
  };
}
