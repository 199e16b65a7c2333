-- CreateEnum
CREATE TYPE "list_entry_kind" AS ENUM ('domain', 'path', 'family');

-- CreateEnum
CREATE TYPE "rescore_job_status" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "verdicts" ADD COLUMN     "rescored_at" TIMESTAMPTZ(3),
ALTER COLUMN "lists_version" SET DATA TYPE TEXT;

-- CreateTable
CREATE TABLE "domain_lists" (
    "id" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "description" VARCHAR(2000),
    "source" VARCHAR(2000),
    "license" VARCHAR(200),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "bundled_version" VARCHAR(64),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_lists_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "list_entries" (
    "id" UUID NOT NULL,
    "list_id" VARCHAR(64) NOT NULL,
    "pattern" VARCHAR(400) NOT NULL,
    "kind" "list_entry_kind" NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "severity" DOUBLE PRECISION NOT NULL,
    "entity" VARCHAR(120),
    "note" VARCHAR(500),
    "source_url" VARCHAR(2000),
    "added_by" VARCHAR(320),
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "bundled" BOOLEAN NOT NULL DEFAULT false,
    "locally_modified" BOOLEAN NOT NULL DEFAULT false,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "list_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "site_list_settings" (
    "site_id" UUID NOT NULL,
    "list_ids" VARCHAR(64)[],
    "restrict_lists" BOOLEAN NOT NULL DEFAULT false,
    "severity_overrides" JSONB NOT NULL DEFAULT '{}',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "site_list_settings_pkey" PRIMARY KEY ("site_id")
);

-- CreateTable
CREATE TABLE "site_allowed_domains" (
    "id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "domain" VARCHAR(253) NOT NULL,
    "note" VARCHAR(500),
    "added_by" VARCHAR(320),
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "site_allowed_domains_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rescore_jobs" (
    "id" UUID NOT NULL,
    "status" "rescore_job_status" NOT NULL DEFAULT 'queued',
    "reason" VARCHAR(500) NOT NULL,
    "lists_version" TEXT,
    "domains" VARCHAR(253)[],
    "families" VARCHAR(64)[],
    "since_days" INTEGER NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "error" VARCHAR(2000),
    "created_by" VARCHAR(320),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "site_id" UUID,
    "all_links" BOOLEAN NOT NULL DEFAULT false,
    "lookalikes" BOOLEAN NOT NULL DEFAULT false,
    "cursor" UUID,
    "started_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "rescore_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verdict_rescores" (
    "id" UUID NOT NULL,
    "job_id" UUID NOT NULL,
    "comment_id" UUID NOT NULL,
    "from_action" "verdict_action" NOT NULL,
    "to_action" "verdict_action" NOT NULL,
    "from_score" DOUBLE PRECISION NOT NULL,
    "to_score" DOUBLE PRECISION NOT NULL,
    "from_lists_version" TEXT NOT NULL,
    "to_lists_version" TEXT NOT NULL,
    "status_changed" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verdict_rescores_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "list_entries_list_id_pattern_key" ON "list_entries"("list_id", "pattern");

-- CreateIndex
CREATE UNIQUE INDEX "site_allowed_domains_site_id_domain_key" ON "site_allowed_domains"("site_id", "domain");

-- CreateIndex
CREATE INDEX "rescore_jobs_status_created_at_idx" ON "rescore_jobs"("status", "created_at");

-- CreateIndex
CREATE INDEX "verdict_rescores_job_id_idx" ON "verdict_rescores"("job_id");

-- AddForeignKey
ALTER TABLE "list_entries" ADD CONSTRAINT "list_entries_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "domain_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_list_settings" ADD CONSTRAINT "site_list_settings_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "site_allowed_domains" ADD CONSTRAINT "site_allowed_domains_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "verdict_rescores" ADD CONSTRAINT "verdict_rescores_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "rescore_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
