import { Injectable } from '@nestjs/common';
import { PrismaService } from '../platform/prisma.service.js';
import type { SiteScope } from '../review/review.repository.js';
import type { Window } from './domains-query.schema.js';

/**
 * Rising: an unlisted domain linked in at least RISING_MIN_COMMENTS comments of the window and
 * in at least RISING_FACTOR times as many as in the same-length window before it. The floor
 * keeps one-off links (1 → 3) out; the factor catches a new mirror while it spreads, before
 * anyone lists it. Listed domains (any list, platforms and shorteners included) are never rising.
 */
export const RISING_MIN_COMMENTS = 5;
export const RISING_FACTOR = 3;

export const EXAMPLES = 20;
/** Characters of an example's text after its first link of the domain that the excerpt may need. */
const HEAD_AFTER_LINK = 300;

/**
 * Every status but pending: the worker writes a comment's links (link_domains, comment_links)
 * with its verdict, so a pending comment has none yet. Listing them lets the index
 * (site_id, status, received_at) answer the time window: one descent per site and status.
 */
const LINKED_STATUSES = `'{approved,review,rejected,escalated}'::comment_status[]`;

export interface ListedRow {
  listId: string | null;
  matched: string;
  category: string | null;
  entity: string | null;
}

export interface DomainCountsRow {
  domain: string;
  comments: number;
  links: number;
  flagged: number;
  previous: number;
  entities: string[];
  listed: ListedRow | null;
  growth: number;
  rising: boolean;
}

export interface HostRow {
  host: string;
  links: number;
  comments: number;
}

export interface ExampleRow {
  id: string;
  site_id: string;
  external_id: string;
  received_at: string;
  status: string;
  verdict_action: string | null;
  urls: string[] | null;
  start: number;
  end: number;
  /** The text up to HEAD_AFTER_LINK characters after the first link of the domain. */
  head: string;
  more: boolean;
}

export interface DomainDetailRow extends DomainCountsRow {
  hosts: HostRow[];
  examples: ExampleRow[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/**
 * Comments of the scope received in [previousSince, until) with at least one stored link, and
 * whether each falls in the current window [since, until).
 */
function windowConditions(scope: SiteScope, window: Window, p: Params): { where: string; current: string } {
  // An admin's every site as an array too: without a site condition no index serves the time
  // range (received_at is indexed only after site_id and status), and the sites table is small.
  const site = scope === null ? `c.site_id = ANY(ARRAY(SELECT id FROM sites))` : scope.length === 1 ? `c.site_id = ${p.add(scope[0], 'uuid')}` : `c.site_id = ANY(${p.add(scope, 'uuid[]')})`;
  const where = [
    site,
    `c.status = ANY(${LINKED_STATUSES})`,
    `c.received_at >= ${p.add(window.previousSince.toISOString(), 'timestamptz')}`,
    `c.received_at < ${p.add(window.until.toISOString(), 'timestamptz')}`,
  ].join(' AND ');
  return { where, current: `c.received_at >= ${p.add(window.since.toISOString(), 'timestamptz')}` };
}

// Shared by the top list and the detail: the list status, growth and the rising rule from counts.
/**
 * The link rows of comment `commentId` as rows per domain (`domain` filter on them): a link under
 * its own domain and, when it is a shortened link whose target was resolved, once more under the
 * target's domain with the target's URL and host. The target row carries a list entry only when
 * the target matched one (the row's entry is the shortener's otherwise). OFFSET 0 keeps the
 * planner on the (comment_id, position) index instead of a hash join over all link rows.
 */
function linkRows(commentId: string, domainFilter: (domain: string) => string): string {
  const targetOnly = (column: string) => `CASE WHEN v.resolved AND l.category = 'shortener' THEN NULL ELSE l.${column} END`;
  return `(
    SELECT v.domain, l.position, v.url, v.host, l.start, l."end",
           ${targetOnly('matched')} AS matched, ${targetOnly('list_id')} AS list_id, ${targetOnly('category')} AS category, ${targetOnly('entity')} AS entity
    FROM comment_links l
    CROSS JOIN LATERAL (VALUES (l.domain, l.url, l.host, false),
                               (l.resolved_domain, l.resolved_url, substring(l.resolved_url FROM '^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)'), true))
      AS v(domain, url, host, resolved)
    WHERE l.comment_id = ${commentId} AND v.domain IS NOT NULL AND ${domainFilter('v.domain')} OFFSET 0
  )`;
}

function derivedColumns(counts: string, latest: string): string {
  return `
    CASE WHEN ${latest}.matched IS NULL THEN NULL
         ELSE json_build_object('listId', ${latest}.list_id, 'matched', ${latest}.matched, 'category', ${latest}.category, 'entity', ${latest}.entity) END AS listed,
    ${counts}.comments::float8 / greatest(${counts}.previous, 1) AS growth,
    (${latest}.matched IS NULL AND ${counts}.comments >= ${RISING_MIN_COMMENTS} AND ${counts}.comments >= ${RISING_FACTOR} * ${counts}.previous) AS rising`;
}

@Injectable()
export class DomainsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Registrable domains linked in the window, with counts, sorted by comments (or, risingOnly,
   * only the rising ones by growth). One pass over the linked comments of both windows counts
   * comments per domain from link_domains; only the current window's comments then fetch their
   * link rows (linkRows), one index lookup each.
   */
  async top(scope: SiteScope, window: Window, limit: number, risingOnly: boolean): Promise<DomainCountsRow[]> {
    const p = new Params();
    const { where, current } = windowConditions(scope, window, p);
    const order = risingOnly ? `r.growth DESC, r.comments DESC, r.domain` : `r.comments DESC, r.links DESC, r.domain`;
    const sql = `
      WITH win AS MATERIALIZED (
        SELECT c.id, c.received_at, c.verdict_action, c.link_domains, ${current} AS current
        FROM comments c
        WHERE ${where} AND c.link_domains <> '{}'::text[]
      ), counts AS (
        SELECT d.domain,
               count(*) FILTER (WHERE w.current)::int AS comments,
               count(*) FILTER (WHERE w.current AND w.verdict_action IN ('review', 'reject'))::int AS flagged,
               count(*) FILTER (WHERE NOT w.current)::int AS previous
        FROM win w CROSS JOIN LATERAL unnest(w.link_domains) AS d(domain)
        GROUP BY d.domain
      ), wl AS MATERIALIZED (
        SELECT w.received_at, l.domain, l.position, l.entity, l.matched, l.list_id, l.category
        FROM win w
        CROSS JOIN LATERAL ${linkRows('w.id', () => 'TRUE')} l
        WHERE w.current
      ), agg AS (
        SELECT wl.domain, count(*)::int AS links, max(wl.received_at) AS last_at FROM wl GROUP BY wl.domain
      ), ent AS (
        SELECT e.domain, array_agg(e.entity ORDER BY e.entity) AS entities
        FROM (SELECT DISTINCT wl.domain, wl.entity FROM wl WHERE wl.entity IS NOT NULL) e GROUP BY e.domain
      ), latest AS (
        -- The list status of each domain's most recent link: hashed aggregates and a join instead
        -- of sorting every link row by domain and time.
        SELECT DISTINCT ON (wl.domain) wl.domain, wl.matched, wl.list_id, wl.category, wl.entity
        FROM wl JOIN agg a ON a.domain = wl.domain AND a.last_at = wl.received_at
        ORDER BY wl.domain, wl.position
      ), r AS (
        SELECT k.domain, k.comments, COALESCE(a.links, 0) AS links, k.flagged, k.previous, COALESCE(n.entities, '{}') AS entities,
               ${derivedColumns('k', 't')}
        FROM counts k
        LEFT JOIN agg a ON a.domain = k.domain
        LEFT JOIN ent n ON n.domain = k.domain
        LEFT JOIN latest t ON t.domain = k.domain
        WHERE k.comments > 0
      )
      SELECT r.* FROM r ${risingOnly ? 'WHERE r.rising' : ''}
      ORDER BY ${order}
      LIMIT ${p.add(limit, 'int')}`;
    return (await this.prisma.pool.query<DomainCountsRow>(sql, p.values)).rows;
  }

  /**
   * One domain: the same counts, its hosts, and the newest EXAMPLES comments of the window. The
   * GIN index (status, link_domains) and the window's btree index meet in a BitmapAnd, so a rare
   * domain costs a few index pages and a common one the window's rows that link it.
   */
  async detail(scope: SiteScope, window: Window, domain: string): Promise<DomainDetailRow> {
    const p = new Params();
    const { where, current } = windowConditions(scope, window, p);
    const d = p.add(domain, 'text');
    const sql = `
      WITH win AS MATERIALIZED (
        SELECT c.id, c.site_id, c.external_id, c.received_at, c.status, c.verdict_action, ${current} AS current
        FROM comments c
        WHERE ${where} AND c.link_domains @> ARRAY[${d}]
      ), links AS MATERIALIZED (
        SELECT w.id AS comment_id, w.received_at, l.position, l.url, l.host, l.start, l."end", l.matched, l.list_id, l.category, l.entity
        FROM win w
        CROSS JOIN LATERAL ${linkRows('w.id', (domain) => `${domain} = ${d}`)} l
        WHERE w.current
      ), k AS (
        SELECT count(*) FILTER (WHERE w.current)::int AS comments,
               count(*) FILTER (WHERE w.current AND w.verdict_action IN ('review', 'reject'))::int AS flagged,
               count(*) FILTER (WHERE NOT w.current)::int AS previous
        FROM win w
      ), t AS (
        SELECT x.matched, x.list_id, x.category, x.entity FROM links x ORDER BY x.received_at DESC, x.position LIMIT 1
      )
      SELECT ${d} AS domain, k.comments, k.flagged, k.previous,
             (SELECT count(*)::int FROM links) AS links,
             (SELECT COALESCE(array_agg(DISTINCT x.entity ORDER BY x.entity), '{}') FROM links x WHERE x.entity IS NOT NULL) AS entities,
             (SELECT COALESCE(json_agg(h ORDER BY h.links DESC, h.host), '[]')
                FROM (SELECT x.host, count(*)::int AS links, count(DISTINCT x.comment_id)::int AS comments FROM links x GROUP BY x.host) h) AS hosts,
             (SELECT COALESCE(json_agg(e ORDER BY e.received_at DESC, e.id DESC), '[]') FROM (
                SELECT w.id, w.site_id, w.external_id, w.received_at, w.status, w.verdict_action,
                       (SELECT array_agg(x.url ORDER BY x.position) FROM links x WHERE x.comment_id = w.id) AS urls,
                       COALESCE(f.start, 0) AS start, COALESCE(f."end", 0) AS "end",
                       left(c.text, COALESCE(f."end", 0) + ${HEAD_AFTER_LINK}) AS head,
                       char_length(c.text) > COALESCE(f."end", 0) + ${HEAD_AFTER_LINK} AS more
                FROM (SELECT * FROM win WHERE current ORDER BY received_at DESC, id DESC LIMIT ${EXAMPLES}) w
                JOIN comments c ON c.id = w.id
                LEFT JOIN LATERAL (SELECT x.start, x."end" FROM links x WHERE x.comment_id = w.id ORDER BY x.position LIMIT 1) f ON TRUE
             ) e) AS examples,
             ${derivedColumns('k', 't')}
      FROM k LEFT JOIN t ON TRUE`;
    const { rows } = await this.prisma.pool.query<DomainDetailRow>(sql, p.values);
    return rows[0] as DomainDetailRow;
  }
}
