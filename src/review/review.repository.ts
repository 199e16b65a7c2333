import { Injectable } from '@nestjs/common';
import { PrismaService } from '../platform/prisma.service.js';
import type { QueueCursor } from './queue-cursor.js';
import { QUEUE_STATUSES, type QueueFilter, type QueueSort, type QueueStatus } from './queue-filter.schema.js';
import type { CommentStatus, QueueItemRow } from './queue-item.view.js';

/**
 * Counting stops here: each count reads at most COUNT_CAP + 1 index entries, so the five counts
 * cost a few milliseconds at any table size (at 10 000 they took ~50 ms of a 1M-row table).
 */
export const COUNT_CAP = 1_000;

/** The sites a query may touch: null = every site (an admin without a site filter). */
export type SiteScope = string[] | null;

/**
 * The status vocabulary of the queue. The `flagged` predicate is written exactly as the partial
 * indexes' WHERE clause (migration review_queue_indexes) so the planner can use them.
 */
const STATUS_SQL: Record<QueueStatus, string> = {
  pending: `c.status = 'pending'`,
  flagged: `c.status IN ('review', 'rejected') AND c.decided_at IS NULL`,
  approved: `c.status = 'approved'`,
  rejected: `c.status = 'rejected' AND c.decided_at IS NOT NULL`,
  escalated: `c.status = 'escalated'`,
};

// Score order: highest score first, unscored (pending) last; ties by arrival. All keys ascending,
// so a keyset cursor is one row comparison the expression indexes answer directly.
const SCORE_KEY = `COALESCE(-c.score, 1)`;
const ORDER_SQL: Record<QueueSort, string> = {
  score: `${SCORE_KEY}, c.received_at, c.id`,
  oldest: `c.received_at, c.id`,
  newest: `c.received_at DESC, c.id DESC`,
};

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/** Conditions of a filter, except status (counts vary it) and the cursor. */
function filterConditions(filter: Omit<QueueFilter, 'status' | 'sort'>, scope: SiteScope, p: Params): string[] {
  const where: string[] = [];
  // One site: `=` lets the site-leading indexes return rows already in order; ANY() cannot.
  if (scope !== null) where.push(scope.length === 1 ? `c.site_id = ${p.add(scope[0], 'uuid')}` : `c.site_id = ANY(${p.add(scope, 'uuid[]')})`);
  if (filter.reason) where.push(`c.reason_codes @> ARRAY[${p.add(filter.reason, 'text')}]`);
  if (filter.domain) where.push(`c.link_domains @> ARRAY[${p.add(filter.domain.toLowerCase(), 'text')}]`);
  if (filter.entity) where.push(`c.link_entities @> ARRAY[${p.add(filter.entity, 'text')}]`);
  if (filter.articleUrl) where.push(`c.article_url = ${p.add(filter.articleUrl, 'text')}`);
  if (filter.authorId) where.push(`c.author_id = ${p.add(filter.authorId, 'text')}`);
  if (filter.from) where.push(`c.received_at >= ${p.add(filter.from, 'timestamptz')}`);
  if (filter.to) where.push(`c.received_at < ${p.add(filter.to, 'timestamptz')}`);
  // Written on the sort key (score >= x ⇔ -score <= -x; unscored rows have key 1): a range of the score indexes.
  if (filter.minScore !== undefined) where.push(`${SCORE_KEY} <= ${p.add(-filter.minScore, 'float8')}`);
  if (filter.q) where.push(`c.text ILIKE ${p.add(`%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`, 'text')}`);
  return where;
}

function cursorCondition(cursor: QueueCursor, p: Params): string {
  const at = p.add(cursor.receivedAt, 'timestamptz');
  const id = p.add(cursor.id, 'uuid');
  if (cursor.sort === 'score') return `(${SCORE_KEY}, c.received_at, c.id) > (${p.add(cursor.key, 'float8')}, ${at}, ${id})`;
  return cursor.sort === 'oldest' ? `(c.received_at, c.id) > (${at}, ${id})` : `(c.received_at, c.id) < (${at}, ${id})`;
}

// The columns of a QueueItem; the verdict and links subqueries run only for the rows of the page.
const ITEM_COLUMNS = `
  c.id, c.site_id, s.name AS site_name, c.external_id, c.text, c.article_url, c.author_id, c.author_name, c.status,
  c.received_at, c.created_at, c.score, ${SCORE_KEY} AS sort_key, c.claimed_by, c.claim_expires_at, c.decided_at, c.decided_by,
  (SELECT json_build_object('action', v.action, 'score', v.score, 'reasons', v.reasons)
     FROM verdicts v WHERE v.comment_id = c.id ORDER BY v.created_at DESC LIMIT 1) AS verdict,
  (SELECT COALESCE(json_agg(json_build_object('url', l.url, 'host', l.host, 'domain', l.domain, 'start', l.start, 'end', l."end",
            'matched', l.matched, 'listId', l.list_id, 'category', l.category, 'entity', l.entity) ORDER BY l.position), '[]'::json)
     FROM comment_links l WHERE l.comment_id = c.id) AS links`;

export interface AuthorRow {
  id: string;
  site_id: string;
  external_id: string;
  status: CommentStatus;
  score: number | null;
  verdict_action: string | null;
  reason_codes: string[];
  decided_at: Date | null;
  received_at: Date;
  excerpt: string;
}

export interface StatsRows {
  days: { day: string; approve: number; reject: number; escalate: number }[];
  median: number | null;
  rules: { code: string; flagged: number; decided: number; rejected: number }[];
  entries: { list_id: string | null; matched: string; entity: string | null; flagged: number; decided: number; rejected: number }[];
}

@Injectable()
export class ReviewRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One page of the queue: `limit + 1` rows are read so the caller knows whether more follow. */
  async page(filter: QueueFilter, scope: SiteScope, cursor: QueueCursor | null, limit: number): Promise<QueueItemRow[]> {
    const p = new Params();
    const where = [STATUS_SQL[filter.status], ...filterConditions(filter, scope, p)];
    if (cursor) where.push(cursorCondition(cursor, p));
    const sql = `
      SELECT ${ITEM_COLUMNS}
      FROM (SELECT c.* FROM comments c WHERE ${where.join(' AND ')} ORDER BY ${ORDER_SQL[filter.sort]} LIMIT ${p.add(limit + 1, 'int')}) c
      JOIN sites s ON s.id = c.site_id
      ORDER BY ${ORDER_SQL[filter.sort]}`;
    return (await this.prisma.pool.query<QueueItemRow>(sql, p.values)).rows;
  }

  /** Per status, the comments matching the other filters, each counted up to COUNT_CAP + 1. */
  async counts(filter: QueueFilter, scope: SiteScope): Promise<Record<QueueStatus, number>> {
    const p = new Params();
    const where = filterConditions(filter, scope, p);
    const cap = p.add(COUNT_CAP + 1, 'int');
    // With minScore, ordering by the score key steers the planner to the score indexes' range; it
    // would otherwise expect the cap to be reached early in a sequential scan and read every row.
    const order = filter.minScore !== undefined ? ` ORDER BY ${SCORE_KEY}` : '';
    const columns = QUEUE_STATUSES.map(
      (status) => `(SELECT count(*)::int FROM (SELECT 1 FROM comments c WHERE ${[STATUS_SQL[status], ...where].join(' AND ')}${order} LIMIT ${cap}) x) AS ${status}`,
    );
    const { rows } = await this.prisma.pool.query<Record<QueueStatus, number>>(`SELECT ${columns.join(', ')}`, p.values);
    return rows[0] as Record<QueueStatus, number>;
  }

  /** QueueItems by id (in the given sort), restricted to the scope. */
  async items(ids: string[], scope: SiteScope, sort: QueueSort = 'score'): Promise<QueueItemRow[]> {
    if (ids.length === 0) return [];
    const p = new Params();
    const where = [`c.id = ANY(${p.add(ids, 'uuid[]')})`, ...filterConditions({}, scope, p)];
    const sql = `SELECT ${ITEM_COLUMNS} FROM comments c JOIN sites s ON s.id = c.site_id WHERE ${where.join(' AND ')} ORDER BY ${ORDER_SQL[sort]}`;
    return (await this.prisma.pool.query<QueueItemRow>(sql, p.values)).rows;
  }

  /**
   * Leases the next `count` comments of the filter to `userId`. SKIP LOCKED: a concurrent claim
   * passes over rows another claim is taking instead of waiting for them or taking them too, and
   * a row claimed meanwhile is re-checked against the lease condition before it is locked.
   */
  async claim(filter: QueueFilter, scope: SiteScope, userId: string, count: number, leaseSeconds: number): Promise<{ ids: string[]; expiresAt: Date }> {
    const p = new Params();
    const me = p.add(userId, 'uuid');
    const where = [STATUS_SQL[filter.status], ...filterConditions(filter, scope, p), `(c.claimed_by IS NULL OR c.claimed_by = ${me} OR c.claim_expires_at <= now())`];
    const sql = `
      WITH picked AS (
        SELECT c.id FROM comments c WHERE ${where.join(' AND ')}
        ORDER BY ${ORDER_SQL[filter.sort]} LIMIT ${p.add(count, 'int')}
        FOR UPDATE OF c SKIP LOCKED
      )
      UPDATE comments c SET claimed_by = ${me}, claim_expires_at = now() + make_interval(secs => ${p.add(leaseSeconds, 'int')})
      FROM picked WHERE c.id = picked.id
      RETURNING c.id, c.claim_expires_at`;
    const { rows } = await this.prisma.pool.query<{ id: string; claim_expires_at: Date }>(sql, p.values);
    const expiresAt = rows[0]?.claim_expires_at ?? (await this.prisma.pool.query<{ at: Date }>(`SELECT now() + make_interval(secs => $1::int) AS at`, [leaseSeconds])).rows[0]!.at;
    return { ids: rows.map((r) => r.id), expiresAt };
  }

  async release(ids: string[], userId: string): Promise<void> {
    await this.prisma.pool.query(`UPDATE comments SET claimed_by = NULL, claim_expires_at = NULL WHERE id = ANY($1::uuid[]) AND claimed_by = $2::uuid`, [ids, userId]);
  }

  async author(authorId: string, scope: SiteScope): Promise<{ counts: Record<QueueStatus | 'total', number>; comments: AuthorRow[] }> {
    const p = new Params();
    const where = [`c.author_id = ${p.add(authorId, 'text')}`, ...filterConditions({}, scope, p)].join(' AND ');
    const countColumns = QUEUE_STATUSES.map((s) => `count(*) FILTER (WHERE ${STATUS_SQL[s]})::int AS ${s}`).join(', ');
    const [counts, comments] = await Promise.all([
      this.prisma.pool.query<Record<QueueStatus | 'total', number>>(`SELECT count(*)::int AS total, ${countColumns} FROM comments c WHERE ${where}`, p.values),
      this.prisma.pool.query<AuthorRow>(
        `SELECT c.id, c.site_id, c.external_id, c.status, c.score, c.verdict_action, c.reason_codes, c.decided_at, c.received_at, left(c.text, 200) AS excerpt
         FROM comments c WHERE ${where} ORDER BY c.received_at DESC, c.id DESC LIMIT 100`,
        p.values,
      ),
    ]);
    return { counts: counts.rows[0] as Record<QueueStatus | 'total', number>, comments: comments.rows };
  }

  /**
   * Decision figures over comments received in [from, to). "Decided" means a person approved or
   * rejected it (an escalation is not a ruling yet); decisions taken back by an undo do not count.
   */
  async stats(scope: SiteScope, from: string | undefined, to: string | undefined): Promise<StatsRows> {
    const p = new Params();
    const comments = ['TRUE', ...filterConditions({ from, to }, scope, p)].join(' AND ');
    const dp = new Params();
    const decisionsWhere = [`d.action <> 'undo'`, `d.undone_at IS NULL`, ...filterConditions({}, scope, dp)];
    if (from) decisionsWhere.push(`d.created_at >= ${dp.add(from, 'timestamptz')}`);
    if (to) decisionsWhere.push(`d.created_at < ${dp.add(to, 'timestamptz')}`);
    const decided = `c.decided_at IS NOT NULL AND c.status IN ('approved', 'rejected')`;
    const rejected = `c.decided_at IS NOT NULL AND c.status = 'rejected'`;
    const [days, median, rules, entries] = await Promise.all([
      this.prisma.pool.query<StatsRows['days'][number]>(
        `SELECT to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
                count(*) FILTER (WHERE d.action = 'approve')::int AS approve,
                count(*) FILTER (WHERE d.action = 'reject')::int AS reject,
                count(*) FILTER (WHERE d.action = 'escalate')::int AS escalate
         FROM decisions d JOIN comments c ON c.id = d.comment_id
         WHERE ${decisionsWhere.join(' AND ')} GROUP BY 1 ORDER BY 1`,
        dp.values,
      ),
      this.prisma.pool.query<{ median: number | null }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first.at - c.verdict_at))::float8 AS median
         FROM comments c
         JOIN LATERAL (SELECT min(d.created_at) AS at FROM decisions d WHERE d.comment_id = c.id AND d.action <> 'undo' AND d.undone_at IS NULL) first ON first.at IS NOT NULL
         WHERE c.verdict_at IS NOT NULL AND c.decided_at IS NOT NULL AND ${comments}`,
        p.values,
      ),
      this.prisma.pool.query<StatsRows['rules'][number]>(
        `SELECT code, count(*)::int AS flagged, count(*) FILTER (WHERE ${decided})::int AS decided, count(*) FILTER (WHERE ${rejected})::int AS rejected
         FROM comments c CROSS JOIN LATERAL unnest(c.reason_codes) AS code
         WHERE c.verdict_action IN ('review', 'reject') AND ${comments}
         GROUP BY code ORDER BY flagged DESC, code`,
        p.values,
      ),
      this.prisma.pool.query<StatsRows['entries'][number]>(
        `SELECT e.list_id, e.matched, e.entity, count(*)::int AS flagged, count(*) FILTER (WHERE ${decided})::int AS decided, count(*) FILTER (WHERE ${rejected})::int AS rejected
         FROM comments c
         JOIN LATERAL (SELECT DISTINCT l.list_id, l.matched, l.entity FROM comment_links l WHERE l.comment_id = c.id AND l.matched IS NOT NULL) e ON TRUE
         WHERE c.verdict_action IN ('review', 'reject') AND ${comments}
         GROUP BY e.list_id, e.matched, e.entity ORDER BY flagged DESC, e.matched`,
        p.values,
      ),
    ]);
    return { days: days.rows, median: median.rows[0]?.median ?? null, rules: rules.rows, entries: entries.rows };
  }
}
