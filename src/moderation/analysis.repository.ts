import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ANALYZER_VERSION, type AnalyzedLink, type Verdict } from '../analysis/index.js';
import { Batcher } from '../platform/batcher.js';
import { PrismaService } from '../platform/prisma.service.js';
import { insertOutboxEvents } from '../outbox/outbox-sql.js';

export interface CommentToAnalyse {
  id: string;
  siteId: string;
  text: string;
  language: string | null;
  /** A verdict of this analyzer version exists already (a repeated job): nothing to do. */
  analysed: boolean;
}

export interface VerdictToWrite {
  commentId: string;
  verdict: Verdict;
  links: AnalyzedLink[];
}

/** Written: the verdict is new (committed now); false when another worker or attempt got there first. */
export type WriteOutcome = { written: true; receivedAt: Date } | { written: false };

const LOAD_SQL = `
SELECT c.id, c.site_id AS "siteId", c.text, c.language,
       EXISTS (SELECT 1 FROM verdicts v WHERE v.comment_id = c.id AND v.analyzer_version = $2) AS analysed
FROM comments c WHERE c.id = ANY($1::uuid[])`;

// One statement, so one implicit transaction: the verdict, its links and the comment's status
// commit together or not at all. The unique (comment, analyzer version) index makes a repeated
// job, or two workers on one comment, write exactly one verdict; links and status follow only
// for verdicts this statement inserted, and a moderator's decision (status no longer pending)
// is never overwritten. Action, score, reason codes and link domains/entities are copied onto
// the comment for the review queue's filters and sort (GIN-indexed arrays instead of joins).
/**
 * SQL for a comment's link_domains from parallel link arrays (comment ids, domains, resolved
 * target domains): a shortened link counts for its shortener and for where it leads.
 */
export const LINK_DOMAINS = (commentIds: string, domains: string, resolvedDomains: string): string =>
  `ARRAY(SELECT DISTINCT d FROM unnest(${commentIds}::uuid[], ${domains}::varchar[], ${resolvedDomains}::varchar[]) AS x(comment_id, domain, resolved_domain)
         CROSS JOIN LATERAL (VALUES (x.domain), (x.resolved_domain)) AS y(d)
         WHERE x.comment_id = c.id AND d IS NOT NULL ORDER BY 1)`;

const WRITE_SQL = `
WITH v AS (
  INSERT INTO verdicts (id, comment_id, action, score, reasons, analyzer_version, lists_version, policy_version)
  SELECT id, comment_id, action, score, reasons::jsonb, analyzer_version, lists_version, policy_version
  FROM unnest($1::uuid[], $2::uuid[], $3::verdict_action[], $4::float8[], $5::text[], $6::varchar[], $7::varchar[], $8::varchar[])
    AS t(id, comment_id, action, score, reasons, analyzer_version, lists_version, policy_version)
  ON CONFLICT (comment_id, analyzer_version) DO NOTHING
  RETURNING comment_id, action, score, reasons,
    ARRAY(SELECT DISTINCT r->>'code' FROM jsonb_array_elements(reasons) AS r ORDER BY 1) AS codes
), l AS (
  INSERT INTO comment_links (id, comment_id, position, url, host, domain, start, "end", matched, list_id, category, entity, resolved_url, resolved_domain)
  SELECT t.* FROM unnest($9::uuid[], $10::uuid[], $11::int[], $12::varchar[], $13::varchar[], $14::varchar[], $15::int[], $16::int[], $17::varchar[], $18::varchar[], $19::varchar[], $20::varchar[], $21::varchar[], $22::varchar[])
    AS t(id, comment_id, position, url, host, domain, start, "end", matched, list_id, category, entity, resolved_url, resolved_domain)
  WHERE t.comment_id IN (SELECT comment_id FROM v)
  ON CONFLICT (comment_id, position) DO NOTHING
), u AS (
  UPDATE comments c
  SET status = (CASE v.action WHEN 'approve' THEN 'approved' WHEN 'review' THEN 'review' ELSE 'rejected' END)::comment_status,
      verdict_action = v.action, score = v.score, reason_codes = v.codes, verdict_at = now(), updated_at = now(),
      link_domains = ${LINK_DOMAINS('$10', '$14', '$22')},
      link_entities = ARRAY(SELECT DISTINCT x.entity FROM unnest($10::uuid[], $20::varchar[]) AS x(comment_id, entity)
                            WHERE x.comment_id = c.id AND x.entity IS NOT NULL ORDER BY 1)
  FROM v WHERE c.id = v.comment_id AND c.status = 'pending'
  RETURNING c.id
), o AS (
  -- The comment.verdict event, in the same statement as the verdict (transactional outbox), only
  -- for sites with an enabled endpoint that wants it: no cost for sites without webhooks.
  ${insertOutboxEvents({
    type: 'comment.verdict',
    site: 'c.site_id',
    payload: `jsonb_build_object('commentId', c.id, 'externalId', c.external_id, 'siteId', c.site_id,
                                 'action', v.action, 'score', v.score, 'reasons', v.reasons)`,
    from: 'v JOIN comments c ON c.id = v.comment_id',
  })}
)
SELECT v.comment_id, c.received_at FROM v JOIN comments c ON c.id = v.comment_id`;

@Injectable()
export class AnalysisRepository {
  private readonly loads: Batcher<string, CommentToAnalyse | null>;
  private readonly writes: Batcher<VerdictToWrite, WriteOutcome>;

  constructor(private readonly prisma: PrismaService) {
    this.loads = new Batcher((ids) => this.loadBatch(ids), { maxSize: 500, maxInFlight: 2 });
    this.writes = new Batcher((items) => this.writeBatch(items), { maxSize: 500, maxInFlight: 2 });
  }

  load(commentId: string): Promise<CommentToAnalyse | null> {
    return this.loads.add(commentId);
  }

  write(item: VerdictToWrite): Promise<WriteOutcome> {
    return this.writes.add(item);
  }

  async drain(): Promise<void> {
    await this.loads.drain();
    await this.writes.drain();
  }

  private async loadBatch(ids: string[]): Promise<(CommentToAnalyse | null)[]> {
    const { rows } = await this.prisma.pool.query<CommentToAnalyse>(LOAD_SQL, [ids, ANALYZER_VERSION]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  private async writeBatch(items: VerdictToWrite[]): Promise<WriteOutcome[]> {
    // A comment appearing twice in one batch (duplicate jobs) would make ON CONFLICT see it twice.
    const unique = [...new Map(items.map((i) => [i.commentId, i])).values()];
    const links = unique.flatMap((i) => i.links.map((link, position) => ({ commentId: i.commentId, position, link })));
    const { rows } = await this.prisma.pool.query<{ comment_id: string; received_at: Date }>(WRITE_SQL, [
      unique.map(() => randomUUID()),
      unique.map((i) => i.commentId),
      unique.map((i) => i.verdict.action),
      unique.map((i) => i.verdict.score),
      unique.map((i) => JSON.stringify(i.verdict.reasons)),
      unique.map((i) => i.verdict.analyzerVersion),
      unique.map((i) => i.verdict.listsVersion),
      unique.map((i) => i.verdict.policyVersion),
      links.map(() => randomUUID()),
      links.map((l) => l.commentId),
      links.map((l) => l.position),
      links.map((l) => l.link.url.slice(0, 4096)),
      links.map((l) => l.link.host),
      links.map((l) => l.link.domain),
      links.map((l) => l.link.start),
      links.map((l) => l.link.end),
      links.map((l) => l.link.matched),
      links.map((l) => l.link.listId),
      links.map((l) => l.link.category),
      links.map((l) => l.link.entity),
      links.map((l) => l.link.resolvedUrl?.slice(0, 4096) ?? null),
      links.map((l) => l.link.resolvedDomain ?? null),
    ]);
    const written = new Map(rows.map((r) => [r.comment_id, r.received_at]));
    const seen = new Set<string>();
    return items.map((i) => {
      const receivedAt = written.get(i.commentId);
      if (!receivedAt || seen.has(i.commentId)) return { written: false };
      seen.add(i.commentId);
      return { written: true, receivedAt };
    });
  }

  /** Comments still pending after `olderThanMs`: their job was lost, failed or never enqueued. */
  async findStalePending(olderThanMs: number, limit: number): Promise<string[]> {
    const { rows } = await this.prisma.pool.query<{ id: string }>(
      `SELECT id FROM comments WHERE status = 'pending' AND received_at < now() - ($1::int * interval '1 millisecond') ORDER BY received_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => r.id);
  }
}
