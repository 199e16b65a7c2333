import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { ContributionsService } from './contributions.service.js';
import { withTimeout } from './with-timeout.js';

const START_HINT = 'Start them with `docker compose up -d postgres redis`, or start your local services.';

export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`loupe: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** The database a PostgreSQL URL names (node-postgres defaults it to the user's name). */
function databaseOf(url: string): string {
  try {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    return name || '(the user name)';
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * What is wrong with PostgreSQL, or null. Only a server that does not answer gets the hint to
 * start it: one that answers and refuses (a missing database, a rejected login) is running.
 */
async function checkPostgres(url: string): Promise<{ problem: string; unreachable: boolean } | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    const err = e as Error & { code?: string };
    const at = `PostgreSQL at ${safeUrl(url)}`;
    // 3D000 = invalid_catalog_name: the server answered, the database is not there.
    if (err.code === '3D000') {
      return {
        problem: `${at} answers, but the database ${databaseOf(url)} does not exist. \`npm start\` (npm run db:deploy) creates and migrates it; if that failed, its message says why.`,
        unreachable: false,
      };
    }
    // Any other SQLSTATE (five characters) is the server refusing: a login, a permission.
    if (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code)) return { problem: `${at} refused the connection: ${err.message}`, unreachable: false };
    return { problem: `${at} cannot be reached: ${err.message}`, unreachable: true };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Says what is wrong with PostgreSQL or Redis (which, at which URL), and how to start them when
 * one does not answer; null when both are fine.
 */
export async function checkDependencies(config: Config): Promise<string | null> {
  const problems: string[] = [];
  let unreachable = false;
  const postgres = await checkPostgres(config.DATABASE_URL);
  if (postgres) {
    problems.push(postgres.problem);
    unreachable ||= postgres.unreachable;
  }
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3_000 });
  redis.on('error', () => undefined);
  try {
    await withTimeout(redis.connect().then(() => redis.ping()), 3_500, 'Redis ping');
  } catch (e) {
    problems.push(`Redis at ${safeUrl(config.REDIS_URL)} cannot be reached: ${(e as Error).message}`);
    unreachable = true;
  } finally {
    redis.disconnect();
  }
  if (problems.length === 0) return null;
  return unreachable ? `${problems.join('\n')}\n${START_HINT}` : problems.join('\n');
}

/**
 * Starts what the features contribute as lifecycle (roles all and worker): the analysis and
 * webhook workers, then the sweepers, the outbox dispatcher and re-scoring.
 */
export async function startWorker(app: INestApplicationContext): Promise<void> {
  // The contributors are collected in onModuleInit: an HTTP app is initialised only by listen(),
  // which comes later, so initialise it here (idempotent) or nothing would start.
  await app.init();
  app.get(ContributionsService).start();
}

/**
 * SIGTERM/SIGINT: stop HTTP (no new requests, in-flight ones finish), then the features'
 * lifecycle contributors phase by phase (STOP_PHASES): the sweepers, the webhook dispatcher and
 * re-scoring; the workers, which let webhook attempts in flight finish and be logged and active
 * jobs commit; pending enqueues flushed. Then close Redis and PostgreSQL (app.close runs the
 * queues' and Prisma's shutdown hooks).
 */
export function installShutdown(app: INestApplicationContext, closeHttp: () => Promise<void>, log: (line: string) => void): void {
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    log(`${signal}: shutting down`);
    const timer = setTimeout(() => {
      log('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    timer.unref();
    await closeHttp();
    await app.get(ContributionsService).stop();
    await app.close();
    log('shut down cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
