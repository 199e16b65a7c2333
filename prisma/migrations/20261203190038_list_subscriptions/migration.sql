-- CreateTable
CREATE TABLE "list_subscriptions" (
    "list_id" VARCHAR(64) NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "format" VARCHAR(8) NOT NULL,
    "refresh_ms" INTEGER NOT NULL,
    "token" VARCHAR(500),
    "etag" VARCHAR(500),
    "last_modified" VARCHAR(100),
    "next_fetch_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_fetched_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_outcome" VARCHAR(16),
    "last_error" VARCHAR(2000),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "created_by" VARCHAR(320),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "list_subscriptions_pkey" PRIMARY KEY ("list_id")
);

-- CreateIndex
CREATE INDEX "list_subscriptions_next_fetch_at_idx" ON "list_subscriptions"("next_fetch_at");

-- AddForeignKey
ALTER TABLE "list_subscriptions" ADD CONSTRAINT "list_subscriptions_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "domain_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;
