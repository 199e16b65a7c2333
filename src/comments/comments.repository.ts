import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Batcher } from '../platform/batcher.js';
import { PrismaService } from '../platform/prisma.service.js';
import type { MatchedLinkView } from './comment.view.js';

export type CommentStatus = 'pending' | 'approved' | 'review' | 'rejected' | 'escalated';

export interface NewComment {
  siteId: string;
  externalId: string;
  text: string;
  articleUrl: string | null;
  authorId: string | null;
  authorName: string | null;
  parentExternalId: string | null;
  language: string | null;
  createdAt: Date | null;
}

export type InsertOutcome =
  | { outcome: 'created'; id: string; receivedAt: Date }
  /** (site, externalId) was already stored: `sameText` tells a replay from a conflict. */
  | { outcome: 'existing'; id: string; sameText: boolean };

export interface StoredComment {
  id: string;
  externalId: string;
  text: string;
  status: CommentStatus;
  receivedAt: Date;
  verdict: {
    action: 'approve' | 'review' | 'reject';
    score: number;
    reasons: unknown;
    analyzerVersion: string;
    listsVersion: string;
    policyVersion: string;
    createdAt: Date;
  } | null;
  links: (MatchedLinkView & { position: number })[];
}

// Multi-row insert through unnest(): one statement and one round trip for a whole batch of
// requests. ON CONFLICT DO NOTHING makes concurrent duplicates of one externalId safe.
const INSERT_SQL = `
INSERT INTO comments (id, site_id, external_id, text, article_url, author_id, author_name, parent_external_id, language, created_at)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::text[], $5::varchar[], $6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::timestamptz[])
ON CONFLICT (site_id, external_id) DO NOTHING
RETURNING id, received_at`;

const EXISTING_SQL = `
SELECT c.id, c.site_id, c.external_id, c.text
FROM comments c JOIN unnest($1::uuid[], $2::varchar[]) AS k(site_id, external_id)
  ON c.site_id = k.site_id AND c.external_id = k.external_id`;

@Injectable()
export class CommentsRepository {
  private readonly inserts: Batcher<NewComment, InsertOutcome>;

  constructor(private readonly prisma: PrismaService) {
    this.inserts = new Batcher((items) => this.insertBatch(items), { maxSize: 500, maxInFlight: 4 });
  }

  /** Stores a comment (committed when this resolves), batched with concurrent requests. */
  insert(comment: NewComment): Promise<InsertOutcome> {
    return this.inserts.add(comment);
  }

  insertMany(comments: NewComment[]): Promise<InsertOutcome[]> {
    return Promise.all(comments.map((c) => this.inserts.add(c)));
  }

  drain(): Promise<void> {
    return this.inserts.drain();
  }

  private async insertBatch(items: NewComment[]): Promise<InsertOutcome[]> {
    const ids = items.map(() => randomUUID());
    const col = <K extends keyof NewComment>(k: K): NewComment[K][] => items.map((i) => i[k]);
    const inserted = await this.prisma.pool.query<{ id: string; received_at: Date }>(INSERT_SQL, [
      ids, col('siteId'), col('externalId'), col('text'), col('articleUrl'), col('authorId'), col('authorName'), col('parentExternalId'), col('language'), col('createdAt'),
    ]);
    const created = new Map(inserted.rows.map((r) => [r.id, r.received_at]));
    const results: (InsertOutcome | undefined)[] = ids.map((id) => {
      const receivedAt = created.get(id);
      return receivedAt ? { outcome: 'created', id, receivedAt } : undefined;
    });
    const missing = items.filter((_, i) => !results[i]);
    if (missing.length > 0) {
      const existing = await this.prisma.pool.query<{ id: string; site_id: string; external_id: string; text: string }>(EXISTING_SQL, [
        missing.map((m) => m.siteId),
        missing.map((m) => m.externalId),
      ]);
      const byKey = new Map(existing.rows.map((r) => [`${r.site_id}\u0000${r.external_id}`, r]));
      items.forEach((item, i) => {
        if (results[i]) return;
        const row = byKey.get(`${item.siteId}\u0000${item.externalId}`);
        if (!row) throw new Error(`comment ${item.externalId} was neither inserted nor found`);
        results[i] = { outcome: 'existing', id: row.id, sameText: row.text === item.text };
      });
    }
    return results as InsertOutcome[];
  }

  async find(siteId: string, where: { id: string } | { externalId: string }): Promise<StoredComment | null> {
    const row = await this.prisma.client.comment.findFirst({
      where: { siteId, ...where },
      select: {
        id: true,
        externalId: true,
        text: true,
        status: true,
        receivedAt: true,
        verdicts: { orderBy: { createdAt: 'desc' }, take: 1, select: { action: true, score: true, reasons: true, analyzerVersion: true, listsVersion: true, policyVersion: true, createdAt: true } },
        links: { orderBy: { position: 'asc' }, select: { position: true, url: true, host: true, domain: true, start: true, end: true, matched: true, listId: true, category: true, entity: true } },
      },
    });
    if (!row) return null;
    const { verdicts, ...rest } = row;
    return { ...rest, verdict: verdicts[0] ?? null };
  }

  async statusOf(id: string): Promise<StoredComment['status'] | null> {
    const { rows } = await this.prisma.pool.query<{ status: StoredComment['status'] }>('SELECT status FROM comments WHERE id = $1', [id]);
    return rows[0]?.status ?? null;
  }
}
