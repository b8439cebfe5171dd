ALTER TABLE "campaign_messages" DROP COLUMN "cost_fen";--> statement-breakpoint
ALTER TABLE "campaigns" DROP COLUMN "spent_fen";