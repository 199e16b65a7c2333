import { z } from 'zod';

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `5s`, `30m`, `2h`, `5d` → milliseconds, or undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  return match ? Number(match[1]) * (UNIT_MS[match[2] as string] as number) : undefined;
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDuration(text);
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: 'must be a duration such as 500ms, 30s, 5m, 2h or 5d' });
        return z.NEVER;
      }
      return ms;
    });

const retrySchedule = z
  .string()
  .default('5s,5m,30m,2h,5h,10h,14h,20h,24h')
  .transform((text, ctx) => {
    const steps = text.split(',').map((step) => parseDuration(step));
    if (steps.length === 0 || steps.length > 50 || steps.some((ms) => ms === undefined || ms <= 0)) {
      ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of 1 to 50 durations, e.g. 5s,5m,30m,2h' });
      return z.NEVER;
    }
    return Object.freeze(steps as number[]);
  });

/**
 * The only place that reads process.env. Defaults work on a developer machine with
 * PostgreSQL and Redis on localhost; every variable is documented in .env.example.
 */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The address to listen on: only this machine by default; 0.0.0.0 (or ::) in a container. */
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .default('postgresql://postgres@127.0.0.1:5432/loupe'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  LOUPE_REDIS_PREFIX: z.string().min(1).default('loupe'),
  LOUPE_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  LOUPE_LISTS_DIR: z.string().min(1).optional(),
  /** Parties and candidates for vote calls (data/politics/ format); default: the bundled files. */
  LOUPE_POLITICS_DIR: z.string().min(1).optional(),
  /** Legitimate outlets for link.impersonation (data/outlets/outlets.json format); default: the bundled file. */
  LOUPE_OUTLETS_FILE: z.string().min(1).optional(),
  /** The incivility model (data/models/incivility.json format); default: the bundled file. */
  LOUPE_INCIVILITY_MODEL: z.string().min(1).optional(),
  LOUPE_LISTS_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  LOUPE_RESCORE_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  LOUPE_MAX_TEXT_LENGTH: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  LOUPE_LANGUAGE: z.enum(['de', 'en']).default('de'),
  LOUPE_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
  LOUPE_DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(12),
  LOUPE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  LOUPE_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  LOUPE_JOB_BACKOFF_MS: z.coerce.number().int().min(10).max(600_000).default(500),
  LOUPE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
  LOUPE_SWEEP_AFTER_MS: z.coerce.number().int().min(100).max(86_400_000).default(30_000),
  LOUPE_RATE_LIMIT_PER_SECOND: z.coerce.number().positive().default(1_000),
  LOUPE_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(2_000),
  /** Allows webhook URLs on loopback, private and link-local addresses (tests, local development). */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false', '1', '0', '']).default('false').transform((v) => v === 'true' || v === '1'),
  /**
   * Follows shortened links (bit.ly, t.co, …) with HEAD requests to score where they lead. Off by
   * default: it makes the worker send requests to third parties named in comments.
   */
  LOUPE_RESOLVE_SHORTENERS: z.enum(['true', 'false', '1', '0', '']).default('false').transform((v) => v === 'true' || v === '1'),
  /** The whole redirect chain of one shortened link, in milliseconds. */
  LOUPE_RESOLVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2_000),
  /** List subscriptions: how often due feeds are looked for, one fetch's deadline, and the largest feed read. */
  LOUPE_SUBSCRIPTION_CHECK_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  LOUPE_SUBSCRIPTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  LOUPE_SUBSCRIPTION_MAX_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(16 * 1024 * 1024),
  LOUPE_WEBHOOK_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
  LOUPE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  LOUPE_WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  LOUPE_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(50),
  /** Delays before the 2nd, 3rd, … attempt; after the last one the delivery is failed. */
  LOUPE_WEBHOOK_RETRY_SCHEDULE: retrySchedule,
  /** An endpoint failing without a single success for this long is disabled. */
  LOUPE_WEBHOOK_DISABLE_AFTER: duration('5d'),
  /** After a rotation the previous secret keeps signing (a second signature) for this long. */
  LOUPE_WEBHOOK_SECRET_OVERLAP: duration('24h'),
  /**
   * Which proxies in front of Loupe to believe about the client address and scheme
   * (X-Forwarded-For/-Proto): `false` (default, no proxy), `true` (any: only behind a proxy that
   * overwrites these headers), a hop count such as `1`, or comma-separated addresses/CIDRs.
   */
  LOUPE_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((text, ctx): boolean | number | string[] => {
      const value = text.trim();
      if (value === '' || value === 'false' || value === '0') return false;
      if (value === 'true') return true;
      if (/^[1-9]\d?$/.test(value)) return Number(value);
      const items = value.split(',').map((item) => item.trim());
      if (items.some((item) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(item))) {
        ctx.addIssue({ code: 'custom', message: 'must be false, true, a hop count (1-99) or comma-separated IP addresses/CIDRs' });
        return z.NEVER;
      }
      return items;
    }),
  /** When set, GET /metrics needs "Authorization: Bearer <token>". */
  LOUPE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Serves the OpenAPI document and Swagger UI at /docs; default: on, except with NODE_ENV=production. */
  LOUPE_DOCS: z.enum(['true', 'false', '1', '0', '']).optional().transform((v) => (v === undefined || v === '' ? undefined : v === 'true' || v === '1')),
  /** Failed logins allowed at once per client address (all accounts together), then one every 10 s. */
  LOUPE_LOGIN_ATTEMPTS_PER_CLIENT: z.coerce.number().int().min(1).max(100_000).default(30),
  LOUPE_DEFAULT_SITE: z.string().min(1).max(200).default('default'),
  /** https://no-color.org: any value turns off colours in the CLI. */
  NO_COLOR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

/** Whether /docs is served: LOUPE_DOCS, else on outside production. */
export function docsEnabled(config: Pick<Config, 'LOUPE_DOCS' | 'NODE_ENV'>): boolean {
  return config.LOUPE_DOCS ?? config.NODE_ENV !== 'production';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; lists every problem in one error instead of failing on the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return Object.freeze(result.data);
}
