import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/** Prisma 7 talks to PostgreSQL through the `pg` driver adapter (no native query engine). */
export function createPrismaClient(databaseUrl: string | pg.Pool): PrismaClient {
  const adapter = typeof databaseUrl === 'string' ? new PrismaPg({ connectionString: databaseUrl }) : new PrismaPg(databaseUrl);
  return new PrismaClient({ adapter });
}

/**
 * One pg pool per process, shared by Prisma (schema-typed queries) and the repositories' batched
 * hot-path statements (multi-row INSERT … SELECT FROM unnest), where Prisma's per-row client cost
 * would be the bottleneck (see bench/e2e.bench.ts).
 */
@Injectable()
export class PrismaService implements OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  readonly pool: pg.Pool;
  readonly client: PrismaClient;

  constructor(@Inject(CONFIG) config: Config) {
    this.pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.LOUPE_DB_POOL_SIZE, connectionTimeoutMillis: 5_000 });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    this.pool.on('error', (err) => this.logger.warn(`idle PostgreSQL connection lost: ${err.message}`));
    this.client = createPrismaClient(this.pool);
  }

  /** Runs `work` in one transaction on one pooled connection: committed if it resolves, rolled back if it throws. */
  async transaction<T>(work: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    const db = await this.pool.connect();
    try {
      await db.query('BEGIN');
      const result = await work(db);
      await db.query('COMMIT');
      return result;
    } catch (e) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      db.release();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.$disconnect();
    if (!this.pool.ended) await this.pool.end();
  }
}
