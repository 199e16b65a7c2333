import { Injectable } from '@nestjs/common';
import { PrismaService } from '../platform/prisma.service.js';

export interface SubscriptionRow {
  listId: string;
  url: string;
  format: string;
  refreshMs: number;
  token: string | null;
  etag: string | null;
  lastModified: string | null;
  nextFetchAt: Date;
  lastFetchedAt: Date | null;
  lastSuccessAt: Date | null;
  lastOutcome: string | null;
  lastError: string | null;
  failures: number;
  createdBy: string | null;
  createdAt: Date;
}

export type FetchOutcome = 'applied' | 'unchanged' | 'invalid' | 'unreachable' | 'too_large';

export interface FetchRecord {
  outcome: FetchOutcome;
  error: string | null;
  /** New validators after a good fetch; undefined keeps the old ones. */
  etag?: string | null;
  lastModified?: string | null;
  nextFetchAt: Date;
  at: Date;
}

/** Subscriptions through Prisma's typed client; the one set-based statement (claiming a due feed) is a tagged $queryRaw. */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(listId: string): Promise<SubscriptionRow | null> {
    return this.prisma.client.listSubscription.findUnique({ where: { listId } });
  }

  all(): Promise<SubscriptionRow[]> {
    return this.prisma.client.listSubscription.findMany({ orderBy: { listId: 'asc' } });
  }

  /** Creates or replaces the feed of a list; a new URL or format forgets the old validators and is due at once. */
  upsert(listId: string, input: { url: string; format: string; refreshMs: number; token: string | null }, by: string): Promise<SubscriptionRow> {
    const reset = { ...input, etag: null, lastModified: null, nextFetchAt: new Date(), failures: 0, lastError: null, lastOutcome: null };
    return this.prisma.client.listSubscription.upsert({
      where: { listId },
      create: { listId, ...reset, createdBy: by },
      update: reset,
    });
  }

  async remove(listId: string): Promise<boolean> {
    const { count } = await this.prisma.client.listSubscription.deleteMany({ where: { listId } });
    return count > 0;
  }

  /**
   * Takes the subscription due longest, if any, and pushes its next fetch `leaseMs` ahead, so that
   * no other worker takes it while this one fetches (SKIP LOCKED: workers never wait on each other).
   * A worker that dies mid-fetch leaves it to be taken again when the lease runs out.
   */
  async claimDue(leaseMs: number): Promise<SubscriptionRow | null> {
    const rows = await this.prisma.client.$queryRaw<{ list_id: string }[]>`
      UPDATE list_subscriptions SET next_fetch_at = now() + make_interval(secs => ${leaseMs / 1000}::float8)
      WHERE list_id = (
        SELECT list_id FROM list_subscriptions WHERE next_fetch_at <= now()
        ORDER BY next_fetch_at FOR UPDATE SKIP LOCKED LIMIT 1
      )
      RETURNING list_id`;
    const listId = rows[0]?.list_id;
    return listId === undefined ? null : this.find(listId);
  }

  async record(listId: string, record: FetchRecord): Promise<SubscriptionRow | null> {
    const good = record.outcome === 'applied' || record.outcome === 'unchanged';
    const { count } = await this.prisma.client.listSubscription.updateMany({
      where: { listId },
      data: {
        lastFetchedAt: record.at,
        lastOutcome: record.outcome,
        lastError: record.error,
        nextFetchAt: record.nextFetchAt,
        ...(good ? { lastSuccessAt: record.at, failures: 0 } : { failures: { increment: 1 } }),
        ...(record.etag !== undefined ? { etag: record.etag } : {}),
        ...(record.lastModified !== undefined ? { lastModified: record.lastModified } : {}),
      },
    });
    return count === 0 ? null : this.find(listId);
  }
}
