/**
 * Status counts for a filter, kept for a few seconds. Exact capped counts cost one index or heap
 * probe per matching comment and status; with a selective filter on a million comments (a reason,
 * a domain, free text) that is hundreds of milliseconds, paid again by every page of the cursor
 * and every poll of the page. Decisions in this process clear the cache, so a moderator sees
 * their own decision counted at once; verdicts and other processes' decisions show within TTL_MS.
 */
export class CountsCache<T> {
  static readonly TTL_MS = 5_000;
  private readonly entries = new Map<string, { until: number; value: Promise<T> }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The cached counts for `key`, or `compute()` (shared by concurrent callers). */
  get(key: string, compute: () => Promise<T>): Promise<T> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > t) return hit.value;
    if (this.entries.size > 1_000) this.entries.clear();
    const value = compute();
    this.entries.set(key, { until: t + CountsCache.TTL_MS, value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
