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
    const bucket = this.refill(key);
    return bucket.tokens >= 1 ? 0 : (1 - bucket.tokens) / this.ratePerSecond;
  }

  private refill(key: string): { tokens: number; at: number } {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = t;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
