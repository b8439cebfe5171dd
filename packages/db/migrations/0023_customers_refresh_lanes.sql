-- Refresh queue lanes (ADR 0020): live profiles (API events, merges) are refreshed before bulk ones
-- (the import command), which workers take in small batches. Existing rows become live (default 0).
ALTER TABLE "customer_refresh_queue" ADD COLUMN "lane" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "customer_refresh_queue_lane_idx" ON "customer_refresh_queue" USING btree ("lane","enqueued_at");
