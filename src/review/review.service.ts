import { Injectable } from '@nestjs/common';
import { canSeeSite, type Moderator } from '../auth/moderator.js';
import { notFound } from '../platform/http/domain-error.js';
import { decodeCursor, encodeCursor } from './queue-cursor.js';
import type { QueueFilter, QueueQuery, QueueStatus } from './queue-filter.schema.js';
import { queueItemView, type QueueItem } from './queue-item.view.js';
import { CountsCache } from './counts-cache.js';
import { COUNT_CAP, ReviewRepository, type SiteScope } from './review.repository.js';

export interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
  /** Per status, capped at COUNT_CAP: with countsCapped, a count equal to the cap means "at least". */
  counts: Record<QueueStatus, number>;
  countsCapped: boolean;
}

export interface AuthorView {
  authorId: string;
  counts: { total: number; approved: number; flagged: number; rejected: number; escalated: number; pending: number };
  comments: {
    id: string;
    siteId: string;
    externalId: string;
    status: string;
    score: number | null;
    verdictAction: string | null;
    reasonCodes: string[];
    decidedAt: string | null;
    receivedAt: string;
    excerpt: string;
  }[];
}

interface Tally {
  flagged: number;
  decided: number;
  rejected: number;
  precision: number | null;
}

export interface StatsView {
  decisionsPerDay: { day: string; approve: number; reject: number; escalate: number }[];
  medianSecondsToDecision: number | null;
  rules: ({ code: string } & Tally)[];
  entries: ({ listId: string | null; matched: string; entity: string | null } & Tally)[];
}

/** The sites a request may read: the `site` asked for (404 unless visible) or all of the moderator's. */
export function scopeFor(moderator: Moderator, site: string | undefined): SiteScope {
  if (site === undefined) return moderator.siteIds;
  if (!canSeeSite(moderator, site)) throw notFound('site/not_found', `There is no site ${site} among your sites.`);
  return [site];
}

function tally(row: { flagged: number; decided: number; rejected: number }): Tally {
  return { flagged: row.flagged, decided: row.decided, rejected: row.rejected, precision: row.decided > 0 ? row.rejected / row.decided : null };
}

@Injectable()
export class ReviewService {
  private readonly countsCache = new CountsCache<Record<QueueStatus, number>>();

  constructor(private readonly repository: ReviewRepository) {}

  /** After a decision: the next queue request counts afresh. */
  invalidateCounts(): void {
    this.countsCache.clear();
  }

  async queue(moderator: Moderator, query: QueueQuery): Promise<QueuePage> {
    const scope = scopeFor(moderator, query.site);
    const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
    // Two statements on two pooled connections at once: the page and the counts.
    const { cursor: _cursor, limit: _limit, sort: _sort, status: _status, ...countFilter } = query;
    const countsKey = JSON.stringify([scope, countFilter]);
    const [rows, counts] = await Promise.all([
      this.repository.page(query, scope, cursor, query.limit),
      this.countsCache.get(countsKey, () => this.repository.counts(query, scope)),
    ]);
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const nextCursor =
      rows.length > query.limit && last
        ? encodeCursor({ sort: query.sort, key: query.sort === 'score' ? last.sort_key : null, receivedAt: last.received_at, id: last.id })
        : null;
    const capped = Object.values(counts).some((n) => n > COUNT_CAP);
    const shown = Object.fromEntries(Object.entries(counts).map(([k, n]) => [k, Math.min(n, COUNT_CAP)])) as Record<QueueStatus, number>;
    return { items: page.map(queueItemView), nextCursor, counts: shown, countsCapped: capped };
  }

  async claim(moderator: Moderator, filter: QueueFilter, count: number, leaseSeconds: number): Promise<{ items: QueueItem[]; expiresAt: string }> {
    const scope = scopeFor(moderator, filter.site);
    const { ids, expiresAt } = await this.repository.claim(filter, scope, moderator.userId, count, leaseSeconds);
    const rows = await this.repository.items(ids, scope, filter.sort);
    return { items: rows.map(queueItemView), expiresAt: expiresAt.toISOString() };
  }

  release(moderator: Moderator, ids: string[]): Promise<void> {
    return this.repository.release(ids, moderator.userId);
  }

  /** A comment as a QueueItem, or null when it does not exist or the moderator cannot see it. */
  async item(moderator: Moderator, id: string): Promise<QueueItem | null> {
    const [row] = await this.repository.items([id], moderator.siteIds);
    return row ? queueItemView(row) : null;
  }

  async author(moderator: Moderator, authorId: string, site: string | undefined): Promise<AuthorView> {
    const { counts, comments } = await this.repository.author(authorId, scopeFor(moderator, site));
    return {
      authorId,
      counts: { total: counts.total, approved: counts.approved, flagged: counts.flagged, rejected: counts.rejected, escalated: counts.escalated, pending: counts.pending },
      comments: comments.map((c) => ({
        id: c.id,
        siteId: c.site_id,
        externalId: c.external_id,
        status: c.status,
        score: c.score,
        verdictAction: c.verdict_action,
        reasonCodes: c.reason_codes,
        decidedAt: c.decided_at ? c.decided_at.toISOString() : null,
        receivedAt: c.received_at.toISOString(),
        excerpt: c.excerpt,
      })),
    };
  }

  async stats(moderator: Moderator, query: { site?: string; from?: string; to?: string }): Promise<StatsView> {
    const rows = await this.repository.stats(scopeFor(moderator, query.site), query.from, query.to);
    return {
      decisionsPerDay: rows.days,
      medianSecondsToDecision: rows.median,
      rules: rows.rules.map((r) => ({ code: r.code, ...tally(r) })),
      entries: rows.entries.map((e) => ({ listId: e.list_id, matched: e.matched, entity: e.entity, ...tally(e) })),
    };
  }
}
