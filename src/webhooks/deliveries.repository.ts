import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Batcher } from '../platform/batcher.js';
import { PrismaService } from '../platform/prisma.service.js';
import { TEST_EVENT_TYPE } from './delivery-queue.js';

/** What the delivery worker needs for one attempt, secrets included (never logged). */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  /** Attempts made before the current retry schedule began (a manual retry or recover restarts it). */
  scheduleFrom: number;
  eventId: string;
  eventType: string;
  payload: unknown;
  eventCreatedAt: Date;
  endpointId: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  active: boolean;
}

export interface AttemptRecord {
  deliveryId: string;
  endpointId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  nextAttemptAt: Date | null;
}

export interface AttemptLogRow {
  attemptId: string;
  attemptedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseExcerpt: string | null;
  deliveryId: string;
  deliveryStatus: string;
  eventId: string;
  eventType: string;
}

export interface AttemptLogFilter {
  eventType?: string;
  success?: boolean;
  from?: Date;
  to?: Date;
  after?: { attemptedAt: Date; id: string };
  limit: number;
}

export interface ScheduledDelivery {
  id: string;
  attempts: number;
}

// Locks the oldest undispatched events (SKIP LOCKED: another dispatcher takes the next ones),
// creates one delivery per enabled endpoint of the site that wants the type, and marks the events
// dispatched, in one transaction: a crash in between leaves the events undispatched and the
// unique (event, endpoint) makes the next try insert nothing twice.
const DISPATCH_SQL = `
WITH e AS (
  SELECT id, site_id, type FROM outbox_events WHERE dispatched_at IS NULL
  ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED
), d AS (
  INSERT INTO webhook_deliveries (id, event_id, endpoint_id, next_attempt_at)
  SELECT gen_random_uuid(), e.id, w.id, now() FROM e
  JOIN webhook_endpoints w ON w.site_id = e.site_id AND w.enabled AND w.disabled_at IS NULL AND e.type = ANY(w.event_types)
  ON CONFLICT (event_id, endpoint_id) DO NOTHING
  RETURNING id
), u AS (
  UPDATE outbox_events o SET dispatched_at = now() FROM e WHERE o.id = e.id RETURNING o.id
)
SELECT (SELECT count(*)::int FROM u) AS events, coalesce((SELECT array_agg(id) FROM d), '{}') AS deliveries`;

// The claim is a lease: next_attempt_at moves past the attempt's timeout, so a duplicate job (a
// sweeper re-enqueue, a stalled job coming back) finds nothing to do while this attempt runs.
// Claims of concurrent jobs share one statement.
const CLAIM_SQL = `
UPDATE webhook_deliveries d SET next_attempt_at = now() + $2::int8 * interval '1 millisecond'
FROM outbox_events e, webhook_endpoints w
WHERE d.id = ANY($1::uuid[]) AND d.status = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= now() + interval '500 milliseconds')
  AND e.id = d.event_id AND w.id = d.endpoint_id
RETURNING d.id, d.attempts, d.schedule_from AS "scheduleFrom", e.id AS "eventId", e.type AS "eventType", e.payload, e.created_at AS "eventCreatedAt",
  w.id AS "endpointId", w.url, w.secret,
  CASE WHEN w.previous_secret_until > now() THEN w.previous_secret END AS "previousSecret",
  (w.enabled AND w.disabled_at IS NULL) AS active`;

// Attempts of concurrent jobs logged in one statement: the attempt rows, each delivery moved on,
// and the endpoints that answered 2xx cleared of their run of failures.
const RECORD_SQL = `
WITH r AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::text[], $9::webhook_delivery_status[], $10::timestamptz[])
    AS t(id, delivery_id, endpoint_id, attempted_at, status_code, latency_ms, error, response_excerpt, status, next_attempt_at)
), a AS (
  INSERT INTO webhook_attempts (id, delivery_id, attempted_at, status_code, latency_ms, error, response_excerpt)
  SELECT id, delivery_id, attempted_at, status_code, latency_ms, error, response_excerpt FROM r
), h AS (
  UPDATE webhook_endpoints w SET failing_since = NULL
  WHERE w.failing_since IS NOT NULL AND w.id IN (SELECT endpoint_id FROM r WHERE status_code BETWEEN 200 AND 299)
)
UPDATE webhook_deliveries d SET attempts = d.attempts + 1, last_attempt_at = r.attempted_at, status = r.status, next_attempt_at = r.next_attempt_at
FROM r WHERE d.id = r.delivery_id`;

// Due now; a failed delivery starts the retry schedule again (SET reads the row as it was).
const RESTART = `status = 'pending', next_attempt_at = now(), schedule_from = CASE WHEN d.status = 'failed' THEN d.attempts ELSE d.schedule_from END`;

/** Outbox dispatch, delivery claims and the attempt log. */
@Injectable()
export class DeliveriesRepository {
  private readonly claims: Batcher<{ deliveryId: string; leaseMs: number }, ClaimedDelivery | null>;
  private readonly records: Batcher<AttemptRecord, void>;

  constructor(private readonly prisma: PrismaService) {
    this.claims = new Batcher((items) => this.claimBatch(items), { maxSize: 500, maxInFlight: 2 });
    this.records = new Batcher((items) => this.recordBatch(items), { maxSize: 500, maxInFlight: 2 });
  }

  async dispatch(limit: number): Promise<{ events: number; deliveryIds: string[] }> {
    const { rows } = await this.prisma.pool.query<{ events: number; deliveries: string[] }>(DISPATCH_SQL, [limit]);
    const row = rows[0] as { events: number; deliveries: string[] };
    return { events: row.events, deliveryIds: row.deliveries };
  }

  claim(deliveryId: string, leaseMs: number): Promise<ClaimedDelivery | null> {
    return this.claims.add({ deliveryId, leaseMs });
  }

  /** Logs the attempt and moves the delivery on (a 2xx also ends the endpoint's run of failures). */
  record(r: AttemptRecord): Promise<void> {
    return this.records.add(r);
  }

  async drain(): Promise<void> {
    await this.claims.drain();
    await this.records.drain();
  }

  private async claimBatch(items: { deliveryId: string; leaseMs: number }[]): Promise<(ClaimedDelivery | null)[]> {
    const leaseMs = Math.max(...items.map((i) => i.leaseMs));
    const { rows } = await this.prisma.pool.query<ClaimedDelivery>(CLAIM_SQL, [[...new Set(items.map((i) => i.deliveryId))], leaseMs]);
    const claimed = new Map(rows.map((r) => [r.id, r]));
    // The same delivery twice in one batch (a duplicate job): only the first caller holds the lease.
    return items.map((i) => {
      const row = claimed.get(i.deliveryId) ?? null;
      claimed.delete(i.deliveryId);
      return row;
    });
  }

  private async recordBatch(records: AttemptRecord[]): Promise<void[]> {
    await this.prisma.pool.query(RECORD_SQL, [
      records.map(() => randomUUID()),
      records.map((r) => r.deliveryId),
      records.map((r) => r.endpointId),
      records.map((r) => r.attemptedAt),
      records.map((r) => r.statusCode),
      records.map((r) => r.latencyMs),
      records.map((r) => r.error?.slice(0, 1000) ?? null),
      records.map((r) => r.responseExcerpt),
      records.map((r) => r.status),
      records.map((r) => r.nextAttemptAt),
    ]);
    return records.map(() => undefined);
  }

  /** Starts or continues the endpoint's run of failures; returns when it started. */
  async markEndpointFailing(endpointId: string, at: Date): Promise<Date | null> {
    const { rows } = await this.prisma.pool.query<{ since: Date }>(
      `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, $2) WHERE id = $1 RETURNING failing_since AS since`,
      [endpointId, at],
    );
    return rows[0]?.since ?? null;
  }

  /** True when this call disabled it (it was not disabled already). */
  async disableEndpoint(endpointId: string, reason: string): Promise<boolean> {
    const { rowCount } = await this.prisma.pool.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_at = now(), disabled_reason = $2, updated_at = now() WHERE id = $1 AND disabled_at IS NULL`,
      [endpointId, reason.slice(0, 500)],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Deletes up to `limit` dispatched outbox events older than `days` that have no pending delivery,
   * with their deliveries and attempts (cascade); returns how many events went.
   */
  async prune(days: number, limit: number): Promise<number> {
    const { rowCount } = await this.prisma.pool.query(
      `DELETE FROM outbox_events WHERE id IN (
         SELECT o.id FROM outbox_events o
         WHERE o.created_at < now() - $1::int * interval '1 day' AND o.dispatched_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = o.id AND d.status = 'pending')
         ORDER BY o.created_at LIMIT $2)`,
      [days, limit],
    );
    return rowCount ?? 0;
  }

  /** Pending deliveries whose attempt is overdue by more than `graceMs`: their job was lost. */
  async findOverdue(graceMs: number, limit: number): Promise<ScheduledDelivery[]> {
    const { rows } = await this.prisma.pool.query<ScheduledDelivery>(
      `SELECT id, attempts FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at < now() - $1::int8 * interval '1 millisecond'
       ORDER BY next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows;
  }

  /**
   * Makes one of the site's deliveries due now (whatever its status); null if it is not the
   * site's. A failed one (schedule used up, 410, disabled endpoint) gets the whole retry schedule again.
   */
  async retryNow(siteId: string, deliveryId: string): Promise<ScheduledDelivery | null> {
    const { rows } = await this.prisma.pool.query<ScheduledDelivery>(
      `UPDATE webhook_deliveries d SET ${RESTART}
       FROM webhook_endpoints w WHERE d.id = $2 AND w.id = d.endpoint_id AND w.site_id = $1
       RETURNING d.id, d.attempts`,
      [siteId, deliveryId],
    );
    return rows[0] ?? null;
  }

  /** Makes every failed delivery of the endpoint created since `since` due now, each with the whole retry schedule again. */
  async recover(endpointId: string, since: Date): Promise<ScheduledDelivery[]> {
    const { rows } = await this.prisma.pool.query<ScheduledDelivery>(
      `UPDATE webhook_deliveries d SET ${RESTART}
       WHERE d.endpoint_id = $1 AND d.status = 'failed' AND d.created_at >= $2 RETURNING d.id, d.attempts`,
      [endpointId, since],
    );
    return rows;
  }

  /** A webhook.test event for one endpoint only: written already dispatched, with its delivery. */
  async createTestDelivery(siteId: string, endpointId: string): Promise<{ eventId: string; deliveryId: string }> {
    const eventId = randomUUID();
    const deliveryId = randomUUID();
    await this.prisma.pool.query(
      `WITH e AS (
         INSERT INTO outbox_events (id, site_id, type, payload, dispatched_at)
         VALUES ($1, $2, $4, jsonb_build_object('endpointId', $3::uuid, 'siteId', $2::uuid, 'message', 'This is a test event from Loupe.'), now())
         RETURNING id
       )
       INSERT INTO webhook_deliveries (id, event_id, endpoint_id, next_attempt_at) SELECT $5, e.id, $3, now() FROM e`,
      [eventId, siteId, endpointId, TEST_EVENT_TYPE, deliveryId],
    );
    return { eventId, deliveryId };
  }

  async listAttempts(endpointId: string, f: AttemptLogFilter): Promise<AttemptLogRow[]> {
    const { rows } = await this.prisma.pool.query<AttemptLogRow>(
      `SELECT a.id AS "attemptId", a.attempted_at AS "attemptedAt", a.status_code AS "statusCode", a.latency_ms AS "latencyMs",
              a.error, a.response_excerpt AS "responseExcerpt", d.id AS "deliveryId", d.status AS "deliveryStatus",
              e.id AS "eventId", e.type AS "eventType"
       FROM webhook_deliveries d
       JOIN webhook_attempts a ON a.delivery_id = d.id
       JOIN outbox_events e ON e.id = d.event_id
       WHERE d.endpoint_id = $1
         AND ($2::text IS NULL OR e.type = $2)
         AND ($3::boolean IS NULL OR coalesce(a.status_code BETWEEN 200 AND 299, false) = $3)
         AND ($4::timestamptz IS NULL OR a.attempted_at >= $4)
         AND ($5::timestamptz IS NULL OR a.attempted_at < $5)
         AND ($6::timestamptz IS NULL OR (a.attempted_at, a.id) < ($6, $7::uuid))
       ORDER BY a.attempted_at DESC, a.id DESC LIMIT $8`,
      [endpointId, f.eventType ?? null, f.success ?? null, f.from ?? null, f.to ?? null, f.after?.attemptedAt ?? null, f.after?.id ?? null, f.limit],
    );
    return rows;
  }
}
