import { extractLinks } from '../analysis/index.js';
import { unmatchedLinkView, type MatchedLinkView } from '../comments/comment.view.js';
import type { CommentStatus } from '../comments/comments.repository.js';

export type { CommentStatus };
export type QueueLink = MatchedLinkView;

/** A comment as moderators see it in the queue, in claims and after a decision. */
export interface QueueItem {
  id: string;
  siteId: string;
  siteName: string;
  externalId: string;
  text: string;
  articleUrl: string | null;
  author: { id: string | null; name: string | null };
  status: CommentStatus;
  receivedAt: string;
  createdAt: string | null;
  score: number | null;
  verdict: { action: string; score: number; reasons: unknown[] } | null;
  links: QueueLink[];
  claimedBy: string | null;
  claimExpiresAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

/** One entry of a comment's audit trail. */
export interface AuditEntry {
  id: string;
  commentId: string;
  userId: string;
  userEmail: string;
  action: 'approve' | 'reject' | 'escalate' | 'undo';
  fromStatus: CommentStatus;
  toStatus: CommentStatus;
  reason: string | null;
  note: string | null;
  createdAt: string;
  undoes: string | null;
  undoneAt: string | null;
}

export interface QueueItemRow {
  id: string;
  site_id: string;
  site_name: string;
  external_id: string;
  text: string;
  article_url: string | null;
  author_id: string | null;
  author_name: string | null;
  status: CommentStatus;
  received_at: Date;
  created_at: Date | null;
  score: number | null;
  sort_key: number;
  claimed_by: string | null;
  claim_expires_at: Date | null;
  decided_at: Date | null;
  decided_by: string | null;
  verdict: { action: string; score: number; reasons: unknown[] } | null;
  links: QueueLink[];
}

export interface AuditRow {
  id: string;
  comment_id: string;
  user_id: string;
  user_email: string;
  action: AuditEntry['action'];
  from_status: CommentStatus;
  to_status: CommentStatus;
  reason: string | null;
  note: string | null;
  created_at: Date;
  undoes: string | null;
  undone_at: Date | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function queueItemView(row: QueueItemRow): QueueItem {
  return {
    id: row.id,
    siteId: row.site_id,
    siteName: row.site_name,
    externalId: row.external_id,
    text: row.text,
    articleUrl: row.article_url,
    author: { id: row.author_id, name: row.author_name },
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    createdAt: iso(row.created_at),
    score: row.score,
    verdict: row.verdict,
    // Before analysis there are no link rows: show the links found in the text, unmatched.
    links: row.verdict
      ? row.links
      : extractLinks(row.text).map(unmatchedLinkView),
    claimedBy: row.claimed_by,
    claimExpiresAt: iso(row.claim_expires_at),
    decidedAt: iso(row.decided_at),
    decidedBy: row.decided_by,
  };
}

export function auditEntryView(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    commentId: row.comment_id,
    userId: row.user_id,
    userEmail: row.user_email,
    action: row.action,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    reason: row.reason,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    undoes: row.undoes,
    undoneAt: iso(row.undone_at),
  };
}
