ALTER TABLE "campaign_messages" ADD COLUMN "cost_centifen" integer;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "spent_centifen" bigint DEFAULT 0 NOT NULL;