/** Latency figures in milliseconds; the same shape whether computed here or by PostgreSQL. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export const EMPTY_SUMMARY: LatencySummary = { count: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN };

/**
 * Linear interpolation between closest ranks, the definition PostgreSQL's percentile_cont uses,
 * so client-side and SQL-side percentiles in one report mean the same thing.
 */
function percentileOfSorted(sorted: Float64Array, p: number): number {
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function summarize(values: ArrayLike<number>): LatencySummary {
  if (values.length === 0) return EMPTY_SUMMARY;
  const sorted = Float64Array.from(values).sort();
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 0.5),
    p90: percentileOfSorted(sorted, 0.9),
    p99: percentileOfSorted(sorted, 0.99),
    max: sorted[sorted.length - 1]!,
  };
}

/** Any percentiles (fractions 0..1) of the values, same definition as summarize(); NaN when empty. */
export function percentiles(values: ArrayLike<number>, fractions: readonly number[]): number[] {
  if (values.length === 0) return fractions.map(() => NaN);
  const sorted = Float64Array.from(values).sort();
  return fractions.map((p) => percentileOfSorted(sorted, p));
}

/** Milliseconds with precision where it matters: 0.84, 12.3, 1234. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return Math.round(ms).toString();
}
