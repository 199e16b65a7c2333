-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "schedule_from" INTEGER NOT NULL DEFAULT 0;
