-- AlterTable
ALTER TABLE "site_list_settings" ADD COLUMN     "incivility" JSONB NOT NULL DEFAULT '{}';
