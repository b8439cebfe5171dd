CREATE TABLE "customer_event_recent" (
	"customer_id" uuid NOT NULL,
	"type" text NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"recent" timestamp with time zone[] NOT NULL,
	CONSTRAINT "customer_event_recent_customer_id_type_pk" PRIMARY KEY("customer_id","type")
);
--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD COLUMN "deferred_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "launch_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "spent_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "customer_event_recent_type_last_idx" ON "customer_event_recent" USING btree ("type","last_at","customer_id");