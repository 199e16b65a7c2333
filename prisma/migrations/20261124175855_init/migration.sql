-- CreateEnum
CREATE TYPE "comment_status" AS ENUM ('pending', 'approved', 'review', 'rejected');

-- CreateEnum
CREATE TYPE "verdict_action" AS ENUM ('approve', 'review', 'reject');

-- CreateTable
CREATE TABLE "sites" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sites_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comments" (
    "id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "external_id" VARCHAR(200) NOT NULL,
    "text" TEXT NOT NULL,
    "article_url" VARCHAR(2048),
    "author_id" VARCHAR(200),
    "author_name" VARCHAR(200),
    "parent_external_id" VARCHAR(200),
    "language" VARCHAR(16),
    "status" "comment_status" NOT NULL DEFAULT 'pending',
    "created_at" TIMESTAMPTZ(3),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "comments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verdicts" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "action" "verdict_action" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "reasons" JSONB NOT NULL,
    "analyzer_version" VARCHAR(32) NOT NULL,
    "lists_version" VARCHAR(500) NOT NULL,
    "policy_version" VARCHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verdicts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "comment_links" (
    "id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "url" VARCHAR(4096) NOT NULL,
    "host" VARCHAR(253) NOT NULL,
    "domain" VARCHAR(253),
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "matched" VARCHAR(300),
    "list_id" VARCHAR(64),
    "category" VARCHAR(32),
    "entity" VARCHAR(120),

    CONSTRAINT "comment_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sites_name_key" ON "sites"("name");

-- CreateIndex
CREATE INDEX "comments_status_received_at_idx" ON "comments"("status", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "comments_site_id_external_id_key" ON "comments"("site_id", "external_id");

-- CreateIndex
CREATE INDEX "verdicts_action_created_at_idx" ON "verdicts"("action", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "verdicts_comment_id_analyzer_version_key" ON "verdicts"("comment_id", "analyzer_version");

-- CreateIndex
CREATE INDEX "comment_links_domain_idx" ON "comment_links"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "comment_links_comment_id_position_key" ON "comment_links"("comment_id", "position");

-- AddForeignKey
ALTER TABLE "comments" ADD CONSTRAINT "comments_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verdicts" ADD CONSTRAINT "verdicts_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "comment_links" ADD CONSTRAINT "comment_links_comment_id_fkey" FOREIGN KEY ("comment_id") REFERENCES "comments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
