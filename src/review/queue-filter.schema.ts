import { z } from 'zod';
import { isoDateTime, storableText, uuidField } from '../platform/http/validation.js';

export const QUEUE_STATUSES = ['pending', 'flagged', 'approved', 'rejected', 'escalated'] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export const QUEUE_SORTS = ['score', 'oldest', 'newest'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const DECISION_REASONS = ['misinformation', 'hate', 'spam', 'partisan_campaign', 'off_topic', 'other'] as const;
export const MAX_BULK = 200;

const shortText = (max: number) => storableText(max).pipe(z.string().min(1, 'must not be empty'));

// Query strings carry strings; claim bodies carry JSON. Coercion serves both with one schema.
const filterShape = {
  site: uuidField('a site id').optional(),
  status: z.enum(QUEUE_STATUSES, { error: `must be one of ${QUEUE_STATUSES.join(', ')}` }).default('flagged'),
  reason: z.string().regex(/^[a-z0-9_]+(\.[a-z0-9_]+)+$/, 'must be a reason code such as link.listed').max(64).optional(),
  domain: shortText(253).optional(),
  entity: shortText(120).optional(),
  articleUrl: shortText(2048).optional(),
  authorId: shortText(200).optional(),
  from: isoDateTime().optional(),
  to: isoDateTime().optional(),
  minScore: z.coerce.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1').optional(),
  q: shortText(200).optional(),
  sort: z.enum(QUEUE_SORTS, { error: `must be one of ${QUEUE_SORTS.join(', ')}` }).default('score'),
};

/** Filter of the queue and of claims: every key narrows, none is required. */
export const QueueFilterSchema = z.object(filterShape).strict();
export type QueueFilter = z.infer<typeof QueueFilterSchema>;

/** GET /v1/review/queue. Unknown keys are refused (a typo must not silently widen the queue). */
export const QueueQuerySchema = z
  .object({
    ...filterShape,
    limit: z.coerce.number({ error: 'must be a whole number from 1 to 100' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(25),
    cursor: storableText(1000).pipe(z.string().min(1, 'must not be empty')).optional(),
  })
  .strict();
export type QueueQuery = z.infer<typeof QueueQuerySchema>;

export const ClaimBodySchema = z
  .object({
    filter: QueueFilterSchema.default(() => QueueFilterSchema.parse({})),
    count: z.number().int('must be a whole number').min(1, 'must be at least 1').max(50, 'must be at most 50').default(10),
    leaseSeconds: z.number().int('must be a whole number').min(30, 'must be at least 30').max(900, 'must be at most 900').default(300),
  })
  .strict();

const ids = (max: number) => z.array(uuidField('a comment id')).min(1, 'must hold at least one id').max(max, `must hold at most ${max} ids`);

export const ReleaseBodySchema = z.object({ ids: ids(MAX_BULK) }).strict();

const decisionShape = {
  action: z.enum(['approve', 'reject', 'escalate'], { error: 'must be one of approve, reject, escalate' }),
  reason: z.enum(DECISION_REASONS, { error: `must be one of ${DECISION_REASONS.join(', ')}` }).optional(),
  note: storableText(2000).optional(),
};

// A rejection must say why (publishers and the stats need it); an approval has no reason.
function reasonRules(value: { action: string; reason?: string }, ctx: z.RefinementCtx): void {
  if (value.action === 'reject' && !value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: `is required to reject: one of ${DECISION_REASONS.join(', ')}` });
  if (value.action === 'approve' && value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is only for reject and escalate' });
}

export const DecisionBodySchema = z.object(decisionShape).strict().superRefine(reasonRules);
export type DecisionInput = z.infer<typeof DecisionBodySchema>;

export const BulkDecisionBodySchema = z.object({ ids: ids(MAX_BULK), ...decisionShape }).strict().superRefine(reasonRules);

export const AuthorQuerySchema = z.object({ site: filterShape.site }).strict();

export const StatsQuerySchema = z.object({ site: filterShape.site, from: isoDateTime().optional(), to: isoDateTime().optional() }).strict();
