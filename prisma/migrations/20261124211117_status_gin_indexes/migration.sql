-- With the status in the GIN key (btree_gin), each per-status count of a reason, domain or entity
-- filter reads only the rows of its own status instead of rechecking every matching comment.
-- Prisma's schema cannot express GIN over an enum column, hence raw SQL; the always-true
-- predicate makes them partial indexes, which Prisma's drift check leaves alone (every status
-- condition implies it, so the planner still uses them).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX "comments_status_reason_codes_gin" ON "comments" USING GIN ("status", "reason_codes") WHERE "status" IS NOT NULL;
CREATE INDEX "comments_status_link_domains_gin" ON "comments" USING GIN ("status", "link_domains") WHERE "status" IS NOT NULL;
CREATE INDEX "comments_status_link_entities_gin" ON "comments" USING GIN ("status", "link_entities") WHERE "status" IS NOT NULL;
