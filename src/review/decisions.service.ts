import { Injectable } from '@nestjs/common';
import { canSeeSite, type Moderator } from '../auth/moderator.js';
import { DomainError, notFound } from '../platform/http/domain-error.js';
import { DecisionsRepository, UNDO_WINDOW_MINUTES, type DecisionAction } from './decisions.repository.js';
import { auditEntryView, type AuditEntry, type QueueItem } from './queue-item.view.js';
import { ReviewService } from './review.service.js';

export interface DecisionInput {
  action: DecisionAction;
  reason?: string;
  note?: string;
}

export interface BulkResult {
  id: string;
  status: number;
  decision?: AuditEntry;
  problem?: { code: string; detail: string };
}

// Bulk decisions run a few transactions at once: faster than one by one, without taking the whole pool.
const BULK_CONCURRENCY = 4;

const commentNotFound = (id: string) => notFound('comment/not_found', `There is no comment ${id} among your sites.`);

@Injectable()
export class DecisionsService {
  constructor(
    private readonly repository: DecisionsRepository,
    private readonly review: ReviewService,
  ) {}

  async decide(moderator: Moderator, commentId: string, input: DecisionInput): Promise<{ comment: QueueItem; decision: AuditEntry }> {
    const decision = await this.decideOne(moderator, commentId, input);
    const comment = await this.review.item(moderator, commentId);
    if (!comment) throw commentNotFound(commentId);
    return { comment, decision };
  }

  /** Each id on its own transaction and result: one refused id does not stop the others. */
  async decideMany(moderator: Moderator, ids: string[], input: DecisionInput): Promise<BulkResult[]> {
    const results: BulkResult[] = new Array<BulkResult>(ids.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < ids.length) {
        const index = next++;
        const id = ids[index]!;
        try {
          results[index] = { id, status: 200, decision: await this.decideOne(moderator, id, input) };
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          results[index] = { id, status: e.status, problem: { code: e.code, detail: e.detail } };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, lane));
    return results;
  }

  async undo(moderator: Moderator, decisionId: string): Promise<{ comment: QueueItem; decision: AuditEntry }> {
    const result = await this.repository.undo(decisionId, moderator.userId, (siteId) => canSeeSite(moderator, siteId));
    this.review.invalidateCounts();
    switch (result.outcome) {
      case 'not_found':
        throw notFound('review/decision_not_found', `There is no decision ${decisionId} on a comment of your sites.`);
      case 'not_yours':
        throw new DomainError('review/not_your_decision', 403, 'Forbidden', 'Only the moderator who took a decision can undo it.');
      case 'expired':
        throw new DomainError('review/undo_expired', 409, 'Conflict', `A decision can be undone within ${UNDO_WINDOW_MINUTES} minutes; this one is older.`);
      case 'not_latest':
        throw new DomainError('review/not_latest', 409, 'Conflict', 'Only the latest standing decision on a comment can be undone; this one was undone already or a later decision followed it.');
    }
    const comment = await this.review.item(moderator, result.commentId);
    if (!comment) throw commentNotFound(result.commentId);
    return { comment, decision: auditEntryView({ ...result.undo, user_email: moderator.email }) };
  }

  async audit(moderator: Moderator, commentId: string): Promise<{ items: AuditEntry[] }> {
    const siteId = await this.repository.siteOf(commentId);
    if (siteId === null || !canSeeSite(moderator, siteId)) throw commentNotFound(commentId);
    return { items: (await this.repository.audit(commentId)).map(auditEntryView) };
  }

  private async decideOne(moderator: Moderator, commentId: string, input: DecisionInput): Promise<AuditEntry> {
    const result = await this.repository.decide(commentId, moderator.userId, (siteId) => canSeeSite(moderator, siteId), input);
    this.review.invalidateCounts();
    if (result.outcome === 'not_found') throw commentNotFound(commentId);
    if (result.outcome === 'claimed') {
      throw new DomainError('review/claimed', 409, 'Conflict', `Another moderator holds this comment until ${result.until.toISOString()}; pick another one or wait for the lease to end.`);
    }
    return auditEntryView({ ...result.decision, user_email: moderator.email });
  }
}
