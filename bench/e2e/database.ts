/**
 * Everything the benchmark asks PostgreSQL and Redis: resetting its own databases and prefix,
 * and reading the service's progress from the tables (the verdict's commit time is the truth
 * for "verdict committed", not anything the service reports about itself).
 */
import pg from 'pg';
import { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { ADMIN_DATABASE_URL, REDIS_PREFIX, REDIS_URL } from './config.js';
import { EMPTY_SUMMARY, type LatencySummary } from './percentiles.js';

/** One connection for `fn`, closed afterwards. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

/** FORCE ends connections a previous, crashed run may have left open. */
export async function dropDatabase(url: string): Promise<void> {
  await withClient(ADMIN_DATABASE_URL, (admin) => admin.query(`DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`));
}

/** The baseline's whole schema: the columns a comment needs, with the same unique key as the service. */
export async function resetBaselineDatabase(url: string): Promise<void> {
  await dropDatabase(url);
  await withClient(ADMIN_DATABASE_URL, (admin) => admin.query(`CREATE DATABASE "${databaseName(url)}"`));
  await withClient(url, (db) =>
    db.query(`CREATE TABLE comments (
      id uuid PRIMARY KEY,
      external_id varchar(200) NOT NULL UNIQUE,
      text text NOT NULL,
      received_at timestamptz(3) NOT NULL DEFAULT now())`),
  );
}

export async function countRows(url: string): Promise<number> {
  return withClient(url, async (db) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comments')).rows[0]!.n);
}

/** Deletes the benchmark's Redis keys (queues, rate-limit buckets) left by an earlier run. */
export async function clearRedisPrefix(prefix: string = REDIS_PREFIX): Promise<number> {
  // Fail fast with one error instead of ioredis reconnecting and logging forever.
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let lastError: unknown;
  redis.on('error', (error) => (lastError = error));
  try {
    await redis.connect().catch((error: unknown) => {
      throw new Error(`Redis at ${REDIS_URL}: ${String(lastError ?? error)}`);
    });
    let deleted = 0;
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 })) {
      const batch = keys as string[];
      if (batch.length > 0) deleted += await redis.unlink(...batch);
    }
    return deleted;
  } finally {
    redis.disconnect();
  }
}

/** Backlog left after a phase and how long it took to work it off. */
export interface Drain {
  initial: number;
  remaining: number;
  seconds: number;
}

/** Comments and verdicts per time bucket, for throughput over windows of any length. */
export interface Timeline {
  startEpochMs: number;
  bucketMs: number;
  received: number[];
  verdicts: number[];
}

/** When a comment's clock starts for POST-to-verdict latency. */
export type LatencyOrigin =
  | { kind: 'received' }
  /** Open-loop phases: the generator's due time for request n, start + n / rate, on the same host clock. */
  | { kind: 'due'; startEpochMs: number; rate: number };

/** Read-only queries against Loupe's tables (schema in prisma/schema.prisma). */
export class LoupeDb {
  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<LoupeDb> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new LoupeDb(client);
  }

  close(): Promise<void> {
    return this.client.end();
  }

  /** The backlog: accepted comments without a verdict yet. */
  async pending(): Promise<number> {
    return (await this.client.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE status = 'pending'`)).rows[0]!.n;
  }

  /** Polls the backlog until it is empty or the timeout passes. */
  async waitForDrain(timeoutMs: number): Promise<Drain> {
    const start = Date.now();
    const initial = await this.pending();
    let remaining = initial;
    while (remaining > 0 && Date.now() - start < timeoutMs) {
      await sleep(250);
      remaining = await this.pending();
    }
    return { initial, remaining, seconds: (Date.now() - start) / 1000 };
  }

  async timeline(startEpochMs: number, durationMs: number, bucketMs: number): Promise<Timeline> {
    const buckets = Math.ceil(durationMs / bucketMs);
    const count = async (table: 'comments' | 'verdicts', column: 'received_at' | 'created_at') => {
      const { rows } = await this.client.query<{ b: number; n: number }>(
        `SELECT floor((extract(epoch FROM ${column}) * 1000 - $1::float8) / $2::float8)::int AS b, count(*)::int AS n
           FROM ${table}
          WHERE ${column} >= to_timestamp($1::float8 / 1000) AND ${column} < to_timestamp(($1::float8 + $2::float8 * $3::int) / 1000)
          GROUP BY 1`,
        [startEpochMs, bucketMs, buckets],
      );
      const series = new Array<number>(buckets).fill(0);
      for (const r of rows) if (r.b >= 0 && r.b < buckets) series[r.b] = r.n;
      return series;
    };
    return { startEpochMs, bucketMs, received: await count('comments', 'received_at'), verdicts: await count('verdicts', 'created_at') };
  }

  /**
   * Percentiles of verdicts.created_at minus the origin over the comments whose externalId starts
   * with `prefix`, computed by PostgreSQL (percentile_cont) from the committed rows themselves.
   */
  async verdictLatency(prefix: string, origin: LatencyOrigin): Promise<LatencySummary> {
    const params: unknown[] = [`${prefix}%`];
    let from = 'extract(epoch FROM c.received_at) * 1000';
    if (origin.kind === 'due') {
      params.push(origin.startEpochMs, 1000 / origin.rate, prefix.length + 1);
      from = '($2::float8 + substring(c.external_id FROM $4::int)::bigint * $3::float8)';
    }
    const { rows } = await this.client.query<{ count: number; pct: number[] | null; max: number | null }>(
      `SELECT count(*)::int AS count,
              percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY ms) AS pct,
              max(ms) AS max
         FROM (SELECT (extract(epoch FROM v.created_at) * 1000)::float8 - (${from})::float8 AS ms
                 FROM comments c JOIN verdicts v ON v.comment_id = c.id
                WHERE c.external_id LIKE $1) t`,
      params,
    );
    const r = rows[0]!;
    if (r.count === 0 || !r.pct) return EMPTY_SUMMARY;
    return { count: r.count, p50: r.pct[0]!, p90: r.pct[1]!, p99: r.pct[2]!, max: r.max! };
  }
}
