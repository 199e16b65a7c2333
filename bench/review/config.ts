import { benchDatabaseUrl } from '../e2e/config.js';

/** The review benchmark's own database and Redis prefix: dropped and recreated, never a real one. */
export const REVIEW_DATABASE_URL = benchDatabaseUrl('loupe_bench_review');
export const REVIEW_REDIS_PREFIX = 'loupe-bench-review';

function envInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

export interface ReviewBenchSettings {
  /** Comments to seed (BENCH_REVIEW_COMMENTS). */
  comments: number;
  /** Skip seeding when the database already holds that many comments (BENCH_REVIEW_REUSE=1). */
  reuse: boolean;
  /** Measured requests per case, after `warmup` unreported ones. */
  samples: number;
  warmup: number;
  /** A case stops early after this long, so one pathological filter cannot stall the run. */
  caseSeconds: number;
  /** EXPLAIN the statements of this many of the slowest queue cases (BENCH_REVIEW_EXPLAIN). */
  explainCases: number;
}

export function readReviewSettings(): ReviewBenchSettings {
  return {
    comments: envInt('BENCH_REVIEW_COMMENTS', 1_000_000, 1_000),
    reuse: process.env.BENCH_REVIEW_REUSE === '1',
    samples: envInt('BENCH_REVIEW_SAMPLES', 200, 10),
    warmup: envInt('BENCH_REVIEW_WARMUP', 20, 0),
    caseSeconds: envInt('BENCH_REVIEW_CASE_SECONDS', 30, 1),
    explainCases: envInt('BENCH_REVIEW_EXPLAIN', 1, 0),
  };
}
