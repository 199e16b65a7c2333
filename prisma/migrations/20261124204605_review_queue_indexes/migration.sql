-- Review queue at 1 000 000 comments: keyset pagination needs an index in each sort order.
-- Sort keys: "score" = (COALESCE(-score, 1), received_at, id) all ascending, so a row comparison
-- with the cursor is one index condition (score desc, unscored last); "oldest"/"newest" =
-- (received_at, id) scanned forwards or backwards.
-- Prisma's schema language cannot express expression or partial indexes, so they live here only.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- "flagged" (an automatic review/reject verdict awaiting a person) is the default queue and a
-- small share of all comments: partial indexes keep it fast and cheap to maintain.
CREATE INDEX "comments_flagged_score_idx" ON "comments" ((COALESCE(-"score", 1)), "received_at", "id")
  WHERE "status" IN ('review', 'rejected') AND "decided_at" IS NULL;
CREATE INDEX "comments_flagged_site_score_idx" ON "comments" ("site_id", (COALESCE(-"score", 1)), "received_at", "id")
  WHERE "status" IN ('review', 'rejected') AND "decided_at" IS NULL;
CREATE INDEX "comments_flagged_received_idx" ON "comments" ("received_at", "id")
  WHERE "status" IN ('review', 'rejected') AND "decided_at" IS NULL;
CREATE INDEX "comments_flagged_site_received_idx" ON "comments" ("site_id", "received_at", "id")
  WHERE "status" IN ('review', 'rejected') AND "decided_at" IS NULL;
-- Free-text search (q, ILIKE '%…%') over the flagged queue; not over every comment, which would
-- put a trigram index on the ingest path.
CREATE INDEX "comments_flagged_text_trgm_idx" ON "comments" USING GIN ("text" gin_trgm_ops)
  WHERE "status" IN ('review', 'rejected') AND "decided_at" IS NULL;

-- Other statuses, score order (replaces the plain (site, status, score desc, received_at) index,
-- which could not serve a keyset cursor).
DROP INDEX IF EXISTS "comments_site_id_status_score_received_at_idx";
CREATE INDEX "comments_status_score_idx" ON "comments" ("status", (COALESCE(-"score", 1)), "received_at", "id");
CREATE INDEX "comments_site_status_score_idx" ON "comments" ("site_id", "status", (COALESCE(-"score", 1)), "received_at", "id");

-- Filters and the author view.
CREATE INDEX "comments_article_url_idx" ON "comments" ("article_url");
CREATE INDEX "comment_links_matched_idx" ON "comment_links" ("list_id", "matched") WHERE "matched" IS NOT NULL;
CREATE INDEX "decisions_user_id_created_at_idx" ON "decisions" ("user_id", "created_at");
