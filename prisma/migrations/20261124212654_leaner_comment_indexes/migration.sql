-- Every verdict updates its comment's indexed columns, so each index on comments costs every
-- verdict an index insertion (bench:e2e). The array filters are served by the status-keyed GIN
-- indexes (a multi-column GIN index also answers conditions on its second column alone), and the
-- sweeper only ever looks for pending comments.
DROP INDEX "comments_link_domains_idx";
DROP INDEX "comments_link_entities_idx";
DROP INDEX "comments_reason_codes_idx";
DROP INDEX "comments_status_received_at_idx";
CREATE INDEX "comments_pending_received_idx" ON "comments" ("received_at") WHERE "status" = 'pending';
