import { Injectable } from '@nestjs/common';
import type { Reason, Verdict } from '../analysis/types.js';

type VerdictAction = Verdict['action'];
import type { AnalyzedLink } from '../analysis/index.js';
import { ANALYZER_VERSION } from '../analysis/version.js';
import { PrismaService } from '../platform/prisma.service.js';
import { LINK_DOMAINS } from '../moderation/analysis.repository.js';
import { insertOutboxEvents } from '../outbox/outbox-sql.js';

export interface RescoreJobRow {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  reason: string;
  listsVersion: string | null;
  domains: string[];
  families: string[];
  sinceDays: number;
  siteId: string | null;
  allLinks: boolean;
  lookalikes: boolean;
  cursor: string | null;
  total: number;
  processed: number;
  changed: number;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface Candidate {
  id: string;
  siteId: string;
  text: string;
  language: string | null;
  decided: boolean;
  status: string;
  verdictId: string;
  action: VerdictAction;
  score: number;
  reasons: Reason[];
  listsVersion: string;
  /** Targets of its shortened links as its link rows recorded them (url → target), or null. */
  resolved: Record<string, string> | null;
}

export interface Rescored {
  candidate: Candidate;
  action: VerdictAction;
  score: number;
  reasons: Reason[];
  listsVersion: string;
  links: AnalyzedLink[];
}

const JOB_COLUMNS = `id, status, reason, lists_version AS "listsVersion", domains, families, since_days AS "sinceDays", site_id AS "siteId",
  all_links AS "allLinks", lookalikes, cursor, total, processed, changed, error, created_by AS "createdBy", created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

// The comments a job looks at: received in its window, with a verdict of this analyzer version,
// and a link whose registrable domain or first label the change touched (or any link when the
// job says so), or a lookalike reason when entries went away.
const CANDIDATES_WHERE = `
  c.received_at >= $1::timestamptz - make_interval(days => $2::int)
  AND ($3::uuid IS NULL OR c.site_id = $3)
  AND cardinality(c.link_domains) > 0
  AND ($4::boolean
       OR c.link_domains && $5::text[]
       OR EXISTS (SELECT 1 FROM unnest(c.link_domains) d WHERE split_part(d, '.', 1) = ANY($6::text[]))
       OR ($7::boolean AND 'link.lookalike' = ANY(c.reason_codes)))`;

// A changed verdict, in one statement: the verdict in place, the comment's copies (and its status
// unless a moderator decided), its link rows, the history row and the comment.rescored event
// when the action changed and the site has an endpoint for it.
const APPLY_SQL = `
WITH r AS (
  SELECT * FROM unnest($2::uuid[], $3::uuid[], $4::verdict_action[], $5::float8[], $6::text[], $7::text[], $8::boolean[])
    AS t(comment_id, verdict_id, action, score, reasons, lists_version, status_changes)
), v_old AS (
  SELECT v.id, v.action, v.score, v.lists_version FROM verdicts v JOIN r ON r.verdict_id = v.id
), v AS (
  UPDATE verdicts v SET action = r.action, score = r.score, reasons = r.reasons::jsonb, lists_version = r.lists_version, rescored_at = now(),
         analyzer_version = $15
  FROM r WHERE v.id = r.verdict_id RETURNING v.id, v.comment_id
), c AS (
  UPDATE comments c
  SET verdict_action = r.action, score = r.score, updated_at = now(),
      reason_codes = ARRAY(SELECT DISTINCT x->>'code' FROM jsonb_array_elements(r.reasons::jsonb) AS x ORDER BY 1),
      link_entities = ARRAY(SELECT DISTINCT l.entity FROM unnest($10::uuid[], $14::varchar[]) AS l(comment_id, entity)
                            WHERE l.comment_id = c.id AND l.entity IS NOT NULL ORDER BY 1),
      link_domains = ${LINK_DOMAINS('$10', '$18', '$17')},
      status = CASE WHEN r.status_changes
                    THEN (CASE r.action WHEN 'approve' THEN 'approved' WHEN 'review' THEN 'review' ELSE 'rejected' END)::comment_status
                    ELSE c.status END
  FROM r WHERE c.id = r.comment_id
  RETURNING c.id, c.site_id, c.external_id, c.status
), l AS (
  UPDATE comment_links cl SET matched = x.matched, list_id = x.list_id, category = x.category, entity = x.entity,
         resolved_url = x.resolved_url, resolved_domain = x.resolved_domain
  FROM unnest($10::uuid[], $9::int[], $11::varchar[], $12::varchar[], $13::varchar[], $14::varchar[], $16::varchar[], $17::varchar[])
    AS x(comment_id, position, matched, list_id, category, entity, resolved_url, resolved_domain)
  WHERE cl.comment_id = x.comment_id AND cl.position = x.position
), h AS (
  INSERT INTO verdict_rescores (id, job_id, comment_id, from_action, to_action, from_score, to_score, from_lists_version, to_lists_version, status_changed)
  SELECT gen_random_uuid(), $1, r.comment_id, o.action, r.action, o.score, r.score, o.lists_version, r.lists_version, r.status_changes
  FROM r JOIN v_old o ON o.id = r.verdict_id
), o AS (
  ${insertOutboxEvents({
    type: 'comment.rescored',
    site: 'c.site_id',
    payload: `jsonb_build_object('commentId', c.id, 'externalId', c.external_id, 'siteId', c.site_id, 'action', r.action, 'score', r.score,
                                 'reasons', r.reasons::jsonb, 'status', c.status, 'listsVersion', r.lists_version,
                                 'previous', jsonb_build_object('action', o.action, 'score', o.score, 'listsVersion', o.lists_version))`,
    from: 'r JOIN c ON c.id = r.comment_id JOIN v_old o ON o.id = r.verdict_id',
    where: 'o.action <> r.action',
  })}
)
SELECT count(*)::int AS changed FROM r JOIN v_old o ON o.id = r.verdict_id WHERE o.action <> r.action`;

/** Re-scoring jobs (a durable queue in PostgreSQL) and the verdicts they change. */
@Injectable()
export class RescoreRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(job: { reason: string; domains: string[]; families: string[]; sinceDays: number; siteId: string | null; allLinks: boolean; lookalikes: boolean; createdBy: string }): Promise<string> {
    const { rows } = await this.prisma.pool.query<{ id: string }>(
      `INSERT INTO rescore_jobs (id, reason, domains, families, since_days, site_id, all_links, lookalikes, created_by)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [job.reason.slice(0, 500), job.domains, job.families, job.sinceDays, job.siteId, job.allLinks, job.lookalikes, job.createdBy],
    );
    return (rows[0] as { id: string }).id;
  }

  async get(id: string): Promise<RescoreJobRow | null> {
    const { rows } = await this.prisma.pool.query<RescoreJobRow>(`SELECT ${JOB_COLUMNS} FROM rescore_jobs WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async recent(limit: number): Promise<RescoreJobRow[]> {
    const { rows } = await this.prisma.pool.query<RescoreJobRow>(`SELECT ${JOB_COLUMNS} FROM rescore_jobs ORDER BY created_at DESC LIMIT $1`, [limit]);
    return rows;
  }

  /** The oldest queued job, or a running one whose process stopped beating; now ours. */
  async claim(staleAfterMs: number): Promise<RescoreJobRow | null> {
    const { rows } = await this.prisma.pool.query<RescoreJobRow>(
      `UPDATE rescore_jobs SET status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now()
       WHERE id = (SELECT id FROM rescore_jobs
                   WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < now() - $1::int8 * interval '1 millisecond')
                   ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${JOB_COLUMNS}`,
      [staleAfterMs],
    );
    return rows[0] ?? null;
  }

  async countCandidates(job: RescoreJobRow, now: Date): Promise<number> {
    const { rows } = await this.prisma.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments c WHERE ${CANDIDATES_WHERE}`,
      [now, job.sinceDays, job.siteId, job.allLinks, job.domains, job.families, job.lookalikes],
    );
    return rows[0]?.n ?? 0;
  }

  /** Distinct registrable domains linked in the window (for finding new lookalikes). */
  async linkedDomains(sinceDays: number, siteId: string | null, limit: number): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ d: string }>(
      `SELECT DISTINCT d FROM comments c, unnest(c.link_domains) d
       WHERE c.received_at >= now() - make_interval(days => $1::int) AND ($2::uuid IS NULL OR c.site_id = $2) LIMIT $3`,
      [sinceDays, siteId, limit],
    );
    return rows.map((r) => r.d);
  }

  async candidates(job: RescoreJobRow, now: Date, after: string | null, limit: number): Promise<Candidate[]> {
    const { rows } = await this.prisma.pool.query<Candidate>(
      `SELECT c.id, c.site_id AS "siteId", c.text, c.language, c.decided_at IS NOT NULL AS decided, c.status,
              v.id AS "verdictId", v.action, v.score, v.reasons, v.lists_version AS "listsVersion",
              (SELECT jsonb_object_agg(cl.url, cl.resolved_url) FROM comment_links cl
               WHERE cl.comment_id = c.id AND cl.resolved_url IS NOT NULL) AS resolved
       FROM comments c
       -- The comment's latest verdict, whichever engine version made it: it is re-made by this one.
       JOIN LATERAL (SELECT id, action, score, reasons, lists_version FROM verdicts WHERE comment_id = c.id ORDER BY created_at DESC LIMIT 1) v ON true
       WHERE ${CANDIDATES_WHERE} AND ($8::uuid IS NULL OR c.id > $8)
       ORDER BY c.id LIMIT $9`,
      [now, job.sinceDays, job.siteId, job.allLinks, job.domains, job.families, job.lookalikes, after, limit],
    );
    return rows;
  }

  /** Writes the changed verdicts; returns how many changed their action. */
  async apply(jobId: string, rescored: readonly Rescored[]): Promise<number> {
    if (rescored.length === 0) return 0;
    const links = rescored.flatMap((r) => r.links.map((link, position) => ({ commentId: r.candidate.id, position, link })));
    const { rows } = await this.prisma.pool.query<{ changed: number }>(APPLY_SQL, [
      jobId,
      rescored.map((r) => r.candidate.id),
      rescored.map((r) => r.candidate.verdictId),
      rescored.map((r) => r.action),
      rescored.map((r) => r.score),
      rescored.map((r) => JSON.stringify(r.reasons)),
      rescored.map((r) => r.listsVersion),
      // A moderator's decision (or an escalation) is never overwritten; only automatic statuses move.
      rescored.map((r) => !r.candidate.decided && ['approved', 'review', 'rejected'].includes(r.candidate.status)),
      links.map((l) => l.position),
      links.map((l) => l.commentId),
      links.map((l) => l.link.matched),
      links.map((l) => l.link.listId),
      links.map((l) => l.link.category),
      links.map((l) => l.link.entity),
      ANALYZER_VERSION,
      links.map((l) => l.link.resolvedUrl?.slice(0, 4096) ?? null),
      links.map((l) => l.link.resolvedDomain ?? null),
      links.map((l) => l.link.domain),
    ]);
    return rows[0]?.changed ?? 0;
  }

  async progress(id: string, p: { total?: number; processed: number; changed: number; cursor: string | null; listsVersion?: string }): Promise<void> {
    await this.prisma.pool.query(
      `UPDATE rescore_jobs SET total = coalesce($2, total), processed = $3, changed = $4, cursor = $5, lists_version = coalesce($6, lists_version), heartbeat_at = now() WHERE id = $1`,
      [id, p.total ?? null, p.processed, p.changed, p.cursor, p.listsVersion ?? null],
    );
  }

  async finish(id: string, error: string | null): Promise<void> {
    await this.prisma.pool.query(`UPDATE rescore_jobs SET status = $2::rescore_job_status, error = $3, finished_at = now() WHERE id = $1`, [id, error ? 'failed' : 'succeeded', error?.slice(0, 2000) ?? null]);
  }

  async changes(jobId: string, limit: number): Promise<{ commentId: string; fromAction: VerdictAction; toAction: VerdictAction; fromScore: number; toScore: number; statusChanged: boolean }[]> {
    const { rows } = await this.prisma.pool.query(
      `SELECT comment_id AS "commentId", from_action AS "fromAction", to_action AS "toAction", from_score AS "fromScore", to_score AS "toScore",
              status_changed AS "statusChanged" FROM verdict_rescores WHERE job_id = $1 ORDER BY at, comment_id LIMIT $2`,
      [jobId, limit],
    );
    return rows as never;
  }
}
