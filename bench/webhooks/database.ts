/**
 * What the webhook benchmark writes to and reads from Loupe's tables (prisma/schema.prisma):
 * the pre-loaded outbox, and afterwards the delivery log and the commit times that the latency
 * is measured from. Times come out as epoch milliseconds computed by PostgreSQL (timestamptz(3)).
 */
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';

export interface DeliveryOutcome {
  deliveries: Record<string, number>;
  attempts: number;
  failedAttempts: number;
  /** The most frequent failure reasons: "503" or the error text, with counts. */
  failureReasons: Record<string, number>;
  undispatchedEvents: number;
}

/** One measured comment: its commit times along the webhook path, epoch ms (null: not reached). */
export interface CommentTimes {
  commentId: string;
  receivedAt: number;
  verdictAt: number | null;
  dispatchedAt: number | null;
  firstAttemptAt: number | null;
}

const EPOCH_MS = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

export class WebhookBenchDb {
  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string): Promise<WebhookBenchDb> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new WebhookBenchDb(client);
  }

  close(): Promise<void> {
    return this.client.end();
  }

  /** An endpoint written directly (the service is not running yet), with a Standard Webhooks secret. */
  async insertEndpoint(siteId: string, url: string, secret: string): Promise<string> {
    const { rows } = await this.client.query<{ id: string }>(
      `INSERT INTO webhook_endpoints (id, site_id, url, event_types, enabled, description, secret)
       VALUES (gen_random_uuid(), $1, $2, ARRAY['comment.verdict'], true, 'bench:webhooks throughput', $3) RETURNING id`,
      [siteId, url, secret],
    );
    return rows[0]!.id;
  }

  /**
   * `count` undispatched comment.verdict events in one statement, shaped like the ones the analysis
   * writes (analysis.repository.ts): commentId, externalId, siteId, action, score and a reasons array
   * with one or two reasons (a listed link, shouting), created 1 ms apart in the past.
   */
  async preloadEvents(siteId: string, count: number): Promise<void> {
    await this.client.query(
      `INSERT INTO outbox_events (id, site_id, type, payload, created_at)
       SELECT gen_random_uuid(), $1::uuid, 'comment.verdict',
              jsonb_build_object(
                'commentId', gen_random_uuid(), 'externalId', 'wt-' || g, 'siteId', $1::uuid,
                'action', (ARRAY['approve', 'review', 'reject'])[1 + g % 3],
                'score', round((0.05 + (g % 90) / 100.0)::numeric, 3)::float8,
                'reasons', CASE WHEN g % 3 = 0 THEN '[]'::jsonb ELSE jsonb_build_array(
                  jsonb_build_object('code', 'link.listed_domain', 'severity', 0.9, 'start', 41, 'end', 78,
                    'message', 'Links to rtde.live, a domain on the list "state-media" (RT DE mirror).',
                    'details', jsonb_build_object('domain', 'rtde.live', 'listId', 'state-media', 'entity', 'rtde.*', 'category', 'state_media')),
                  jsonb_build_object('code', 'text.shouting', 'severity', 0.55, 'start', 0, 'end', 36,
                    'message', 'Mostly capital letters over 36 characters.', 'details', jsonb_build_object('share', 0.83))) END),
              now() - ($2::int - g) * interval '1 millisecond'
       FROM generate_series(1, $2::int) AS g`,
      [siteId, count],
    );
  }

  async outcome(endpointId: string): Promise<DeliveryOutcome> {
    const deliveries = await this.client.query<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 GROUP BY 1`,
      [endpointId],
    );
    const attempts = await this.client.query<{ reason: string | null; ok: boolean; n: number }>(
      `SELECT CASE WHEN a.status_code BETWEEN 200 AND 299 THEN NULL ELSE coalesce(a.status_code::text, left(a.error, 120)) END AS reason,
              coalesce(a.status_code BETWEEN 200 AND 299, false) AS ok, count(*)::int AS n
         FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE d.endpoint_id = $1 GROUP BY 1, 2 ORDER BY n DESC`,
      [endpointId],
    );
    const undispatched = await this.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_events o JOIN webhook_endpoints w ON w.site_id = o.site_id WHERE w.id = $1 AND o.dispatched_at IS NULL`,
      [endpointId],
    );
    const failureReasons: Record<string, number> = {};
    for (const r of attempts.rows.filter((r) => !r.ok).slice(0, 5)) failureReasons[r.reason ?? '?'] = r.n;
    return {
      deliveries: Object.fromEntries(deliveries.rows.map((r) => [r.status, r.n])),
      attempts: attempts.rows.reduce((a, r) => a + r.n, 0),
      failedAttempts: attempts.rows.filter((r) => !r.ok).reduce((a, r) => a + r.n, 0),
      failureReasons,
      undispatchedEvents: undispatched.rows[0]!.n,
    };
  }

  /** Waits (up to timeoutMs) until the endpoint has no undispatched event and no delivery without an attempt logged. */
  async waitSettled(endpointId: string, timeoutMs: number): Promise<DeliveryOutcome> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const o = await this.outcome(endpointId);
      const unattempted = await this.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND attempts = 0`,
        [endpointId],
      );
      if ((o.undispatchedEvents === 0 && unattempted.rows[0]!.n === 0) || Date.now() > deadline) return o;
      await sleep(250);
    }
  }

  /** Comments whose externalId starts with `prefix` that have no verdict yet. */
  async pendingComments(prefix: string): Promise<number> {
    const { rows } = await this.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments c WHERE c.external_id LIKE $1 AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.comment_id = c.id)`,
      [`${prefix}%`],
    );
    return rows[0]!.n;
  }

  /**
   * For every comment whose externalId starts with `prefix`: accepted (received_at), verdict
   * committed (verdicts.created_at: the verdict statement's time, the outbox event has the same),
   * event dispatched (outbox_events.dispatched_at) and its delivery's first attempt started.
   */
  async commentTimes(prefix: string): Promise<CommentTimes[]> {
    const { rows } = await this.client.query<CommentTimes>(
      `SELECT c.id AS "commentId", ${EPOCH_MS('c.received_at')} AS "receivedAt", ${EPOCH_MS('v.created_at')} AS "verdictAt",
              ${EPOCH_MS('o.dispatched_at')} AS "dispatchedAt", ${EPOCH_MS('a.first_at')} AS "firstAttemptAt"
         FROM comments c
         LEFT JOIN verdicts v ON v.comment_id = c.id
         LEFT JOIN outbox_events o ON o.type = 'comment.verdict' AND o.site_id = c.site_id AND o.payload->>'commentId' = c.id::text
         LEFT JOIN LATERAL (SELECT min(a.attempted_at) AS first_at FROM webhook_deliveries d JOIN webhook_attempts a ON a.delivery_id = d.id
                             WHERE d.event_id = o.id) a ON true
        WHERE c.external_id LIKE $1`,
      [`${prefix}%`],
    );
    return rows;
  }
}
