CREATE TABLE "campaign_audience" (
	"campaign_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"arm" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "campaign_audience_campaign_id_customer_id_pk" PRIMARY KEY("campaign_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "campaign_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid,
	"journey_id" uuid,
	"journey_key" text,
	"customer_id" uuid NOT NULL,
	"arm" text NOT NULL,
	"channel" text NOT NULL,
	"purpose" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"reasons" jsonb,
	"not_before" timestamp with time zone NOT NULL,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"provider" text,
	"provider_message_id" text,
	"segments" smallint,
	"cost_fen" integer,
	"template" jsonb,
	"content_masked" text,
	"content_sha256" text,
	"policy_version" integer,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"clicked_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	CONSTRAINT "campaign_messages_owner" CHECK ("campaign_messages"."campaign_id" IS NOT NULL OR "campaign_messages"."journey_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "campaign_receipts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_message_id" text,
	"kind" text NOT NULL,
	"detail" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "campaign_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_suppressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"channel" text,
	"source" text NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_by" text,
	"removed_at" timestamp with time zone,
	"removal_reason" text
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"definition" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"segment_id" uuid,
	"channel" text NOT NULL,
	"purpose" text DEFAULT 'marketing' NOT NULL,
	"holdout_bp" integer DEFAULT 0 NOT NULL,
	"schedule_type" text NOT NULL,
	"scheduled_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"budget_fen" bigint,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"approved_revision" integer,
	"launched_by" text,
	"launched_at" timestamp with time zone,
	"launch_cursor" uuid,
	"launch_completed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"policy_version" integer,
	"costs_version" integer
);
--> statement-breakpoint
CREATE TABLE "channel_cost_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"costs" jsonb NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_policy_versions" (
	"version" integer PRIMARY KEY NOT NULL,
	"policy" jsonb NOT NULL,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_audience" ADD CONSTRAINT "campaign_audience_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_messages" ADD CONSTRAINT "campaign_messages_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_receipts" ADD CONSTRAINT "campaign_receipts_message_id_campaign_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."campaign_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_status_history" ADD CONSTRAINT "campaign_status_history_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_suppressions" ADD CONSTRAINT "campaign_suppressions_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_audience_customer_idx" ON "campaign_audience" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_messages_campaign_customer_uq" ON "campaign_messages" USING btree ("campaign_id","customer_id") WHERE "campaign_messages"."campaign_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_messages_journey_uq" ON "campaign_messages" USING btree ("journey_id","journey_key") WHERE "campaign_messages"."journey_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "campaign_messages_due_idx" ON "campaign_messages" USING btree ("not_before") WHERE "campaign_messages"."status" IN ('queued', 'deferred', 'sending');--> statement-breakpoint
CREATE INDEX "campaign_messages_customer_sent_idx" ON "campaign_messages" USING btree ("customer_id","sent_at") WHERE "campaign_messages"."sent_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "campaign_messages_journey_idx" ON "campaign_messages" USING btree ("journey_id") WHERE "campaign_messages"."journey_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "campaign_receipts_due_idx" ON "campaign_receipts" USING btree ("due_at") WHERE "campaign_receipts"."applied_at" IS NULL;--> statement-breakpoint
CREATE INDEX "campaign_receipts_message_idx" ON "campaign_receipts" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "campaign_status_history_campaign_idx" ON "campaign_status_history" USING btree ("campaign_id","at");--> statement-breakpoint
CREATE INDEX "campaign_suppressions_customer_idx" ON "campaign_suppressions" USING btree ("customer_id") WHERE "campaign_suppressions"."removed_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_suppressions_active_uq" ON "campaign_suppressions" USING btree ("customer_id","reason",coalesce("channel", '*')) WHERE "campaign_suppressions"."removed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status");--> statement-breakpoint
CREATE INDEX "campaigns_scheduled_idx" ON "campaigns" USING btree ("scheduled_at");--> statement-breakpoint
CREATE INDEX "campaigns_segment_idx" ON "campaigns" USING btree ("segment_id");