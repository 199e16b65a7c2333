import { Inject, Injectable } from '@nestjs/common';
import { validationError, notFound } from '../platform/http/domain-error.js';
import { CONFIG } from '../config/config.module.js';
import type { Config } from '../config/config.js';
import { DeliveriesRepository, type AttemptLogRow } from './deliveries.repository.js';
import { DeliveryScheduler } from './delivery-scheduler.service.js';
import type { z } from 'zod';
import type { AttemptLogQuerySchema, CreateEndpointSchema, UpdateEndpointSchema } from './endpoint-input.schema.js';
import { EndpointsRepository, type EndpointRow } from './endpoints.repository.js';
import { checkOutboundUrl } from '../platform/outbound/ssrf-guard.js';
import type { AttemptView, EndpointView } from './webhook-endpoint.view.js';
import { generateSecret } from './webhook-signature.js';
import { isUuid } from '../platform/uuid.js';

type CreateEndpoint = z.infer<typeof CreateEndpointSchema>;
type UpdateEndpoint = z.infer<typeof UpdateEndpointSchema>;
type AttemptLogQuery = z.infer<typeof AttemptLogQuerySchema>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function view(row: EndpointRow): EndpointView {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    description: row.description,
    failingSince: iso(row.failingSince),
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function attemptView(row: AttemptLogRow): AttemptView {
  return {
    attemptId: row.attemptId,
    attemptedAt: row.attemptedAt.toISOString(),
    success: row.statusCode !== null && row.statusCode >= 200 && row.statusCode < 300,
    statusCode: row.statusCode,
    latencyMs: row.latencyMs,
    error: row.error,
    responseExcerpt: row.responseExcerpt,
    eventType: row.eventType,
    eventId: row.eventId,
    deliveryId: row.deliveryId,
    deliveryStatus: row.deliveryStatus,
  };
}

function encodeCursor(row: AttemptLogRow): string {
  return Buffer.from(JSON.stringify([row.attemptedAt.toISOString(), row.attemptId])).toString('base64url');
}

function decodeCursor(cursor: string): { attemptedAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const attemptedAt = new Date(at);
    if (Number.isNaN(attemptedAt.getTime()) || !isUuid(id)) throw new Error('bad cursor');
    return { attemptedAt, id };
  } catch {
    throw validationError('The query string is invalid: /cursor is not a cursor this API returned.', [{ pointer: '/cursor', message: 'is not a cursor this API returned' }]);
  }
}

const endpointNotFound = (id: string) => notFound('webhook/endpoint_not_found', `There is no webhook endpoint ${id} for this site.`);

/** The publisher's side of webhooks: endpoints, secrets, the delivery log and replays. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: EndpointsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly scheduler: DeliveryScheduler,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async create(siteId: string, input: CreateEndpoint): Promise<EndpointView & { secret: string }> {
    await this.checkUrl(input.url);
    const secret = generateSecret();
    const row = await this.endpoints.create(siteId, { ...input, secret });
    return { ...view(row), secret };
  }

  async list(siteId: string): Promise<{ items: EndpointView[] }> {
    return { items: (await this.endpoints.list(siteId)).map(view) };
  }

  async get(siteId: string, id: string): Promise<EndpointView> {
    return view(await this.require(siteId, id));
  }

  async update(siteId: string, id: string, changes: UpdateEndpoint): Promise<EndpointView> {
    if (changes.url !== undefined) await this.checkUrl(changes.url);
    const row = await this.endpoints.update(siteId, id, changes);
    if (!row) throw endpointNotFound(id);
    return view(row);
  }

  async delete(siteId: string, id: string): Promise<void> {
    if (!(await this.endpoints.delete(siteId, id))) throw endpointNotFound(id);
  }

  async rotateSecret(siteId: string, id: string): Promise<{ secret: string; previousSecretValidUntil: string }> {
    const secret = generateSecret();
    const until = await this.endpoints.rotate(siteId, id, secret, this.config.LOUPE_WEBHOOK_SECRET_OVERLAP);
    if (!until) throw endpointNotFound(id);
    return { secret, previousSecretValidUntil: until.toISOString() };
  }

  async attempts(siteId: string, id: string, query: AttemptLogQuery): Promise<{ items: AttemptView[]; nextCursor: string | null }> {
    await this.require(siteId, id);
    const rows = await this.deliveries.listAttempts(id, {
      eventType: query.eventType,
      success: query.success,
      from: query.from,
      to: query.to,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(attemptView), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  async retry(siteId: string, deliveryId: string): Promise<{ deliveryId: string }> {
    const delivery = await this.deliveries.retryNow(siteId, deliveryId);
    if (!delivery) throw notFound('webhook/delivery_not_found', `There is no webhook delivery ${deliveryId} for this site.`);
    await this.scheduler.scheduleNow([delivery]);
    return { deliveryId };
  }

  async recover(siteId: string, id: string, since: Date): Promise<{ recovered: number }> {
    await this.require(siteId, id);
    const deliveries = await this.deliveries.recover(id, since);
    await this.scheduler.scheduleNow(deliveries);
    return { recovered: deliveries.length };
  }

  async test(siteId: string, id: string): Promise<{ eventId: string; deliveryId: string }> {
    await this.require(siteId, id);
    const created = await this.deliveries.createTestDelivery(siteId, id);
    await this.scheduler.schedule([{ id: created.deliveryId, attempts: 0 }]);
    return created;
  }

  private async require(siteId: string, id: string): Promise<EndpointRow> {
    const row = await this.endpoints.get(siteId, id);
    if (!row) throw endpointNotFound(id);
    return row;
  }

  private async checkUrl(url: string): Promise<void> {
    const problem = await checkOutboundUrl(url, this.config.WEBHOOK_ALLOW_PRIVATE);
    if (problem) throw validationError(`The endpoint is invalid: /url ${problem}.`, [{ pointer: '/url', message: problem }]);
  }
}
