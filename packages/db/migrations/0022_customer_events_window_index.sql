-- Segment windows read the events' own index (type, occurred_at, customer_id) index-only; nothing reads
-- customer_event_recent (0015) any more, so its trigger stops costing every event insert (ADR 0017).
DROP TRIGGER IF EXISTS customer_events_recent ON "customer_events";--> statement-breakpoint
DROP TRIGGER IF EXISTS customer_events_recent_truncate ON "customer_events";--> statement-breakpoint
DROP FUNCTION IF EXISTS customer_event_recent_add();--> statement-breakpoint
DROP FUNCTION IF EXISTS customer_event_recent_clear();--> statement-breakpoint
DROP TABLE "customer_event_recent" CASCADE;--> statement-breakpoint
-- A large existing database builds it first with CREATE INDEX CONCURRENTLY (same name, outside this
-- transaction; 20 M events: 2.5 min); then this is a no-op. The new index serves every query the old one did.
CREATE INDEX IF NOT EXISTS "customer_events_type_time_customer_idx" ON "customer_events" USING btree ("type","occurred_at","customer_id");--> statement-breakpoint
DROP INDEX IF EXISTS "customer_events_type_time_idx";
