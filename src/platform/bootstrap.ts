import type { INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { AnalysisWorker } from '../moderation/analysis.worker.js';
import { EnqueueService } from '../moderation/enqueue.service.js';
import { SweeperService } from '../moderation/sweeper.service.js';
import { DeliverySweeper } from '../webhooks/delivery-sweeper.service.js';
import { DeliveryWorker } from '../webhooks/delivery.worker.js';
import { RescoreService } from '../lists/rescore.service.js';
import { OutboxDispatcher } from '../webhooks/outbox-dispatcher.service.js';
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

/** Says which service cannot be reached, at which URL, and how to start it; null when both answer. */
export async function checkDependencies(config: Config): Promise<string | null> {
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    problems.push(`PostgreSQL at ${safeUrl(config.DATABASE_URL)} cannot be reached: ${(e as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3_000 });
  redis.on('error', () => undefined);
  try {
    await withTimeout(redis.connect().then(() => redis.ping()), 3_500, 'Redis ping');
  } catch (e) {
    problems.push(`Redis at ${safeUrl(config.REDIS_URL)} cannot be reached: ${(e as Error).message}`);
  } finally {
    redis.disconnect();
  }
  return problems.length > 0 ? `${problems.join('\n')}\n${START_HINT}` : null;
}

/** Starts the embedded worker and the sweeper, and the webhook dispatcher, worker and sweeper (roles all and worker). */
export function startWorker(app: INestApplicationContext): void {
  app.get(AnalysisWorker).start();
  app.get(SweeperService).start();
  app.get(DeliveryWorker).start();
  app.get(OutboxDispatcher).start();
  app.get(DeliverySweeper).start();
  app.get(RescoreService).start();
}

/**
 * SIGTERM/SIGINT: stop HTTP (no new requests, in-flight ones finish), stop the sweepers and the
 * webhook dispatcher, let webhook attempts in flight finish and be logged, let the
 * worker finish its active jobs and commit them, flush pending enqueues, then close Redis and
 * PostgreSQL (app.close runs the queues' and Prisma's shutdown hooks).
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
    await app.get(SweeperService).stop();
    await app.get(OutboxDispatcher).stop();
    await app.get(DeliverySweeper).stop();
    await app.get(RescoreService).stop();
    await app.get(DeliveryWorker).stop();
    await app.get(AnalysisWorker).stop();
    await app.get(EnqueueService).drain();
    await app.close();
    log('shut down cleanly');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
