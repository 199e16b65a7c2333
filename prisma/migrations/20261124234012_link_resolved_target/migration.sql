-- AlterTable
ALTER TABLE "comment_links" ADD COLUMN     "resolved_domain" VARCHAR(253),
ADD COLUMN     "resolved_url" VARCHAR(4096);
