/**
 * A token bucket per API key, in this process's memory: `ratePerSecond` sustained, `burst` at
 * once. Kept local on purpose: ingest must keep working while Redis is down, and a publisher's
 * traffic normally reaches one API process per key. With several API processes behind a load
 * balancer the effective limit is their number times this one.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
    /** Keys kept at most: strangers can make keys (logins name any e-mail), memory must not grow with them. */
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes a token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.ratePerSecond;
  }

  /** Like take(), without using a token: for limits that only count failures. */
  peek(key: string): number {
    if (!this.buckets.has(key)) return 0;
    const bucket = this.refill(key);
    return bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / this.ratePerSecond;
  }

  private refill(key: string): { tokens: number; at: number } {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = t;
    // Re-inserted, so the map's order is the order of last use.
    if (!this.buckets.delete(key) && this.buckets.size >= this.maxKeys) this.evict(t);
    this.buckets.set(key, bucket);
    return bucket;
  }

  /**
   * Forgets the buckets that have refilled (forgetting them changes nothing); only when that is
   * not enough, the least recently used ones, down to 90 % so the next keys do not sweep again.
   */
  private evict(t: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((t - bucket.at) / 1000) * this.ratePerSecond >= this.burst) this.buckets.delete(key);
    }
    if (this.buckets.size < this.maxKeys) return;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys * 0.9) break;
      this.buckets.delete(key);
    }
  }
}
