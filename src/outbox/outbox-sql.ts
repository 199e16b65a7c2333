/**
 * The transactional outbox: a feature announces a change by inserting its event into
 * outbox_events in the same statement (or transaction) as the change, so an event exists exactly
 * when its change committed. A trigger (migration outbox_notify) then notifies OUTBOX_CHANNEL;
 * the webhooks dispatcher turns events into deliveries.
 */
export const EVENT_TYPES = ['comment.verdict', 'comment.decision', 'comment.rescored'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The channel the outbox trigger notifies on after a statement wrote events. */
export const OUTBOX_CHANNEL = 'loupe_outbox';

/**
 * SQL condition: the site `siteColumn` has an enabled endpoint that wants events of `type`. Every
 * statement that writes outbox events filters on it, so sites without webhooks pay nothing.
 */
export function siteWantsEvent(type: EventType, siteColumn: string): string {
  return `EXISTS (SELECT 1 FROM webhook_endpoints e
                WHERE e.site_id = ${siteColumn} AND e.enabled AND e.disabled_at IS NULL AND '${type}' = ANY(e.event_types))`;
}

export interface OutboxInsert {
  type: EventType;
  /** SQL for the event id; a new random uuid by default. */
  id?: string;
  /** SQL for the site the event belongs to (a column of `from`). */
  site: string;
  /** SQL for the jsonb payload. */
  payload: string;
  /** SQL FROM list the rows come from. */
  from: string;
  /** SQL condition on those rows, besides the site wanting the event. */
  where?: string;
}

/**
 * One statement (a CTE of the statement that makes the change) inserting one event per row of
 * `from`, only for sites that want the type: the way every feature writes events.
 */
export function insertOutboxEvents(e: OutboxInsert): string {
  return `INSERT INTO outbox_events (id, site_id, type, payload)
  SELECT ${e.id ?? 'gen_random_uuid()'}, ${e.site}, '${e.type}', ${e.payload}
  FROM ${e.from}
  WHERE ${e.where ? `${e.where}\n    AND ` : ''}${siteWantsEvent(e.type, e.site)}`;
}
