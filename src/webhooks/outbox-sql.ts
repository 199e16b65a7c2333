/**
 * SQL condition: the site `siteColumn` has an enabled endpoint that wants events of `type`. Every
 * statement that writes outbox events filters on it, so sites without webhooks pay nothing.
 */
export function siteWantsEvent(type: 'comment.verdict' | 'comment.decision' | 'comment.rescored', siteColumn: string): string {
  return `EXISTS (SELECT 1 FROM webhook_endpoints e
                WHERE e.site_id = ${siteColumn} AND e.enabled AND e.disabled_at IS NULL AND '${type}' = ANY(e.event_types))`;
}
