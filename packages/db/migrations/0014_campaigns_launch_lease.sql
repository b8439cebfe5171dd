ALTER TABLE "campaign_messages" ADD COLUMN "deferred_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "launch_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "spent_fen" bigint DEFAULT 0 NOT NULL;
