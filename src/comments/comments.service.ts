import { Inject, Injectable } from '@nestjs/common';
import { extractLinks } from '../analysis/index.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { EnqueueService } from '../moderation/enqueue.service.js';
import { VerdictEvents } from '../moderation/verdict-events.js';
import { DomainError, notFound } from '../platform/http/domain-error.js';
import { MetricsService } from '../platform/metrics.service.js';
import type { Principal } from '../sites/sites.service.js';
import { parseOrThrow } from '../platform/http/validation.js';
import { commentInputSchema, type CommentInput } from './comment-input.schema.js';
import { commentView, extractedLinkView, type CommentView, type LinkView } from './comment.view.js';
import { CommentsRepository, type InsertOutcome, type NewComment } from './comments.repository.js';

export interface Accepted {
  id: string;
  externalId: string;
  status: 'pending';
  links: LinkView[];
}

/** 202 new and pending, 200 an earlier comment (a replay, or a verdict ready within `wait`). */
export type IngestResult = { httpStatus: 202; body: Accepted } | { httpStatus: 200; body: CommentView };

export type BatchItemResult =
  | { index: number; status: 200 | 202; id: string; externalId: string; comment?: CommentView }
  | { index: number; status: number; problem: { code: string; detail: string; errors?: { pointer: string; message: string }[] } };

// While a request waits for its verdict in an API-only process, PostgreSQL is asked this often.
const WAIT_POLL_MS = 100;

@Injectable()
export class CommentsService {
  private readonly schema: ReturnType<typeof commentInputSchema>;

  constructor(
    private readonly repository: CommentsRepository,
    private readonly enqueuer: EnqueueService,
    private readonly events: VerdictEvents,
    private readonly metrics: MetricsService,
    @Inject(CONFIG) config: Config,
  ) {
    this.schema = commentInputSchema(config.LOUPE_MAX_TEXT_LENGTH);
  }

  async ingest(principal: Principal, body: unknown, waitMs: number): Promise<IngestResult> {
    const input = parseOrThrow(this.schema, body, 'The comment');
    const outcome = await this.repository.insert(toNewComment(principal.siteId, input));
    this.afterInsert([outcome]);
    if (outcome.outcome === 'existing') return { httpStatus: 200, body: await this.replay(principal, input, outcome) };
    if (waitMs > 0 && (await this.waitForVerdict(outcome.id, waitMs))) {
      return { httpStatus: 200, body: await this.get(principal, { id: outcome.id }) };
    }
    return { httpStatus: 202, body: accepted(outcome.id, input) };
  }

  /** Each item is validated and stored on its own: one bad comment does not fail the others. */
  async ingestBatch(principal: Principal, items: unknown[]): Promise<BatchItemResult[]> {
    const parsed = items.map((item, index) => {
      try {
        return { index, input: parseOrThrow(this.schema, item, `Comment ${index}`, `/comments/${index}`) };
      } catch (e) {
        return { index, error: e as DomainError };
      }
    });
    const valid = parsed.filter((p): p is { index: number; input: CommentInput } => 'input' in p);
    const outcomes = await this.repository.insertMany(valid.map((p) => toNewComment(principal.siteId, p.input)));
    this.afterInsert(outcomes);
    const byIndex = new Map(valid.map((p, i) => [p.index, { input: p.input, outcome: outcomes[i] as InsertOutcome }]));
    return Promise.all(
      parsed.map(async (p): Promise<BatchItemResult> => {
        if (p.error) return { index: p.index, status: p.error.status, problem: { code: p.error.code, detail: p.error.detail, errors: p.error.errors } };
        const { input, outcome } = byIndex.get(p.index) as { input: CommentInput; outcome: InsertOutcome };
        if (outcome.outcome === 'created') return { index: p.index, status: 202, id: outcome.id, externalId: input.externalId };
        try {
          const comment = await this.replay(principal, input, outcome);
          return { index: p.index, status: 200, id: comment.id, externalId: input.externalId, comment };
        } catch (e) {
          const error = e as DomainError;
          return { index: p.index, status: error.status, problem: { code: error.code, detail: error.detail } };
        }
      }),
    );
  }

  async get(principal: Principal, where: { id: string } | { externalId: string }): Promise<CommentView> {
    const comment = await this.repository.find(principal.siteId, where);
    // Another site's comment is "not found", never "forbidden": its existence is not revealed.
    if (!comment) throw notFound('comment/not_found', 'id' in where ? `There is no comment ${where.id} for this site.` : `There is no comment with externalId "${where.externalId}" for this site.`);
    return commentView(comment, () => extractLinks(comment.text).map(extractedLinkView));
  }

  private afterInsert(outcomes: InsertOutcome[]): void {
    const created = outcomes.filter((o) => o.outcome === 'created').map((o) => o.id);
    this.metrics.ingested.inc(created.length);
    // After the commit, never before: a job must not reach a worker ahead of its row.
    this.enqueuer.enqueue(created);
  }

  private async replay(principal: Principal, input: CommentInput, outcome: Extract<InsertOutcome, { outcome: 'existing' }>): Promise<CommentView> {
    if (!outcome.sameText) {
      throw new DomainError('comment/conflict', 409, 'Conflict', `A comment with externalId "${input.externalId}" was already sent with a different text; externalIds must not be reused.`);
    }
    return this.get(principal, { id: outcome.id });
  }

  private async waitForVerdict(commentId: string, waitMs: number): Promise<boolean> {
    const deadline = performance.now() + waitMs;
    const { committed, cancel } = this.events.once(commentId);
    let local = false;
    void committed.then(() => (local = true));
    try {
      for (;;) {
        const left = deadline - performance.now();
        if (left <= 0) return false;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([committed, new Promise((r) => (timer = setTimeout(r, Math.min(WAIT_POLL_MS, left))))]);
        clearTimeout(timer);
        if (local || (await this.repository.statusOf(commentId)) !== 'pending') return true;
      }
    } finally {
      cancel();
    }
  }
}

function toNewComment(siteId: string, input: CommentInput): NewComment {
  return {
    siteId,
    externalId: input.externalId,
    text: input.text,
    articleUrl: input.articleUrl ?? null,
    authorId: input.author?.id ?? null,
    authorName: input.author?.name ?? null,
    parentExternalId: input.parentExternalId ?? null,
    language: input.language ?? null,
    createdAt: input.createdAt ? new Date(input.createdAt) : null,
  };
}

function accepted(id: string, input: CommentInput): Accepted {
  return { id, externalId: input.externalId, status: 'pending', links: extractLinks(input.text).map(extractedLinkView) };
}
