-- AlterTable
ALTER TABLE "comments" ADD COLUMN     "link_domains" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "link_entities" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateIndex
CREATE INDEX "comments_link_domains_idx" ON "comments" USING GIN ("link_domains");

-- CreateIndex
CREATE INDEX "comments_link_entities_idx" ON "comments" USING GIN ("link_entities");

-- Backfill comments analysed before this migration.
UPDATE "comments" c
SET "link_domains" = ARRAY(SELECT DISTINCT l."domain" FROM "comment_links" l WHERE l."comment_id" = c."id" AND l."domain" IS NOT NULL ORDER BY 1),
    "link_entities" = ARRAY(SELECT DISTINCT l."entity" FROM "comment_links" l WHERE l."comment_id" = c."id" AND l."entity" IS NOT NULL ORDER BY 1)
WHERE EXISTS (SELECT 1 FROM "comment_links" l WHERE l."comment_id" = c."id");
