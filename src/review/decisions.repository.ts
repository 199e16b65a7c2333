import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../platform/prisma.service.js';
import { siteWantsEvent } from '../outbox/outbox-sql.js';
import type { AuditRow, CommentStatus } from './queue-item.view.js';

export type DecisionAction = 'approve' | 'reject' | 'escalate';

export const STATUS_AFTER: Record<DecisionAction, CommentStatus> = { approve: 'approved', reject: 'rejected', escalate: 'escalated' };

/** How long the author of a decision may take it back. */
export const UNDO_WINDOW_MINUTES = 10;

export type DecideOutcome =
  | { outcome: 'decided'; decision: Omit<AuditRow, 'user_email'> }
  | { outcome: 'not_found' }
  | { outcome: 'claimed'; until: Date };

export type UndoOutcome =
  | { outcome: 'undone'; commentId: string; undo: Omit<AuditRow, 'user_email'> }
  | { outcome: 'not_found' }
  | { outcome: 'not_yours' }
  | { outcome: 'expired' }
  | { outcome: 'not_latest' };

// ISO 8601 exactly as Date#toISOString writes it, for the webhook payload.
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Status, audit entry and outbox event in one statement of the decision's transaction.
// clock_timestamp(), not now(): taken after the row lock, so the order of decisions on one
// comment is the order in which they committed (now() is when the transaction began).
const DECIDE_SQL = `
WITH u AS (
  UPDATE comments SET status = $2::comment_status, decided_at = date_trunc('milliseconds', clock_timestamp()), decided_by = $3::uuid,
         claimed_by = NULL, claim_expires_at = NULL, updated_at = now()
  WHERE id = $1::uuid
  RETURNING id, site_id, external_id, status, decided_at
), d AS (
  INSERT INTO decisions (id, comment_id, user_id, action, from_status, to_status, reason, note, created_at)
  SELECT $4::uuid, u.id, $3::uuid, $5::decision_action, $6::comment_status, u.status, $7::varchar, $8::varchar, u.decided_at FROM u
  RETURNING id, comment_id, user_id, action, from_status, to_status, reason, note, created_at, undoes, undone_at
), o AS (
  INSERT INTO outbox_events (id, site_id, type, payload)
  SELECT $9::uuid, u.site_id, 'comment.decision', jsonb_build_object(
    'commentId', u.id, 'externalId', u.external_id, 'siteId', u.site_id, 'status', u.status, 'action', $5::text,
    'reason', $7::text, 'note', NULL, 'decidedBy', $3::uuid, 'decidedAt', ${ISO('u.decided_at')})
  FROM u WHERE ${siteWantsEvent('comment.decision', 'u.site_id')}
)
SELECT * FROM d`;

const UNDO_SQL = `
WITH u AS (
  UPDATE comments SET status = $2::comment_status, decided_at = $3::timestamptz, decided_by = $4::uuid, updated_at = now()
  WHERE id = $1::uuid
  RETURNING id, site_id, external_id, status, decided_at, decided_by
), marked AS (
  UPDATE decisions SET undone_at = date_trunc('milliseconds', clock_timestamp()) WHERE id = $5::uuid RETURNING undone_at
), d AS (
  INSERT INTO decisions (id, comment_id, user_id, action, from_status, to_status, undoes, created_at)
  SELECT $6::uuid, u.id, $7::uuid, 'undo', $8::comment_status, u.status, $5::uuid, marked.undone_at FROM u, marked
  RETURNING id, comment_id, user_id, action, from_status, to_status, reason, note, created_at, undoes, undone_at
), o AS (
  INSERT INTO outbox_events (id, site_id, type, payload)
  SELECT $9::uuid, u.site_id, 'comment.decision', jsonb_build_object(
    'commentId', u.id, 'externalId', u.external_id, 'siteId', u.site_id, 'status', u.status, 'action', 'undo',
    'reason', NULL, 'note', NULL, 'decidedBy', u.decided_by, 'decidedAt', ${ISO('u.decided_at')}, 'undoes', $5::uuid)
  FROM u WHERE ${siteWantsEvent('comment.decision', 'u.site_id')}
)
SELECT * FROM d`;

@Injectable()
export class DecisionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * One decision in one transaction. The comment row is locked first, so a concurrent decision or
   * claim on it waits; `canSee` is asked with the locked row's site.
   */
  decide(commentId: string, userId: string, canSee: (siteId: string) => boolean, input: { action: DecisionAction; reason?: string; note?: string }): Promise<DecideOutcome> {
    return this.prisma.transaction(async (db) => {
      const { rows } = await db.query<{ site_id: string; status: CommentStatus; claimed_by: string | null; claim_expires_at: Date | null; claim_active: boolean }>(
        `SELECT site_id, status, claimed_by, claim_expires_at, claim_expires_at > now() AS claim_active FROM comments WHERE id = $1::uuid FOR UPDATE`,
        [commentId],
      );
      const row = rows[0];
      if (!row || !canSee(row.site_id)) return { outcome: 'not_found' };
      if (row.claimed_by !== null && row.claimed_by !== userId && row.claim_active) return { outcome: 'claimed', until: row.claim_expires_at as Date };
      const result = await db.query<Omit<AuditRow, 'user_email'>>(DECIDE_SQL, [
        commentId, STATUS_AFTER[input.action], userId, randomUUID(), input.action, row.status, input.reason ?? null, input.note ?? null, randomUUID(),
      ]);
      return { outcome: 'decided', decision: result.rows[0]! };
    });
  }

  /** Takes back a decision: the previous state of the comment returns, the entry is marked undone. */
  undo(decisionId: string, userId: string, canSee: (siteId: string) => boolean): Promise<UndoOutcome> {
    return this.prisma.transaction(async (db) => {
      const found = await db.query<{ comment_id: string; site_id: string }>(
        `SELECT d.comment_id, c.site_id FROM decisions d JOIN comments c ON c.id = d.comment_id WHERE d.id = $1::uuid`,
        [decisionId],
      );
      const target = found.rows[0];
      if (!target || !canSee(target.site_id)) return { outcome: 'not_found' };
      const comment = await db.query<{ status: CommentStatus }>(`SELECT status FROM comments WHERE id = $1::uuid FOR UPDATE`, [target.comment_id]);
      const { rows } = await db.query<{ id: string; user_id: string; action: string; from_status: CommentStatus; undone_at: Date | null; expired: boolean }>(
        `SELECT id, user_id, action, from_status, undone_at, created_at < now() - make_interval(mins => $2::int) AS expired FROM decisions WHERE id = $1::uuid`,
        [decisionId, UNDO_WINDOW_MINUTES],
      );
      const decision = rows[0]!;
      if (decision.user_id !== userId) return { outcome: 'not_yours' };
      if (decision.action === 'undo' || decision.undone_at !== null) return { outcome: 'not_latest' };
      const standing = await db.query<{ id: string; user_id: string; created_at: Date }>(
        `SELECT id, user_id, created_at FROM decisions WHERE comment_id = $1::uuid AND action <> 'undo' AND undone_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 2`,
        [target.comment_id],
      );
      if (standing.rows[0]?.id !== decisionId) return { outcome: 'not_latest' };
      if (decision.expired) return { outcome: 'expired' };
      const previous = standing.rows[1];
      const result = await db.query<Omit<AuditRow, 'user_email'>>(UNDO_SQL, [
        target.comment_id, decision.from_status, previous?.created_at ?? null, previous?.user_id ?? null, decisionId, randomUUID(), userId, comment.rows[0]!.status, randomUUID(),
      ]);
      return { outcome: 'undone', commentId: target.comment_id, undo: result.rows[0]! };
    });
  }

  /** The site of a comment (null: no such comment), to check visibility before reading its trail. */
  async siteOf(commentId: string): Promise<string | null> {
    const { rows } = await this.prisma.pool.query<{ site_id: string }>(`SELECT site_id FROM comments WHERE id = $1::uuid`, [commentId]);
    return rows[0]?.site_id ?? null;
  }

  async audit(commentId: string): Promise<AuditRow[]> {
    const { rows } = await this.prisma.pool.query<AuditRow>(
      `SELECT d.id, d.comment_id, d.user_id, u.email AS user_email, d.action, d.from_status, d.to_status, d.reason, d.note, d.created_at, d.undoes, d.undone_at
       FROM decisions d JOIN users u ON u.id = d.user_id WHERE d.comment_id = $1::uuid ORDER BY d.created_at, d.id`,
      [commentId],
    );
    return rows;
  }
}
