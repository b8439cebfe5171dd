CREATE TABLE "customer_consent_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"customer_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"captured_via" text NOT NULL,
	"text_version" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_identities" (
	"customer_id" uuid NOT NULL,
	"type" text NOT NULL,
	"value_hash" text NOT NULL,
	"strong" boolean DEFAULT false NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_merges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"merged_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"moved_identities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reverted_at" timestamp with time zone,
	"reverted_by" text,
	"revert_reason" text
);
--> statement-breakpoint
CREATE TABLE "customer_traits" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"lifecycle_stage" text NOT NULL,
	"last_event_at" timestamp with time zone,
	"frequency_90d" integer DEFAULT 0 NOT NULL,
	"monetary_fen" bigint DEFAULT 0 NOT NULL,
	"rfm_score" text NOT NULL,
	"channel_preference" text,
	"nev_affinity" double precision NOT NULL,
	"price_sensitivity" double precision NOT NULL,
	"predicted_ltv_fen" bigint DEFAULT 0 NOT NULL,
	"churn_risk" double precision,
	"next_best_product" text,
	"personalised" boolean DEFAULT true NOT NULL,
	"version" text NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "segment_memberships" (
	"segment_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "segment_memberships_segment_id_customer_id_entered_at_pk" PRIMARY KEY("segment_id","customer_id","entered_at")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"name" text NOT NULL,
	"name_en" text,
	"description" text,
	"rule" jsonb NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"member_count" integer DEFAULT 0 NOT NULL,
	"evaluated_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "kind" text DEFAULT 'person' NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "anonymous" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "customer_consent_events" ADD CONSTRAINT "customer_consent_events_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_identities" ADD CONSTRAINT "customer_identities_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_survivor_id_customers_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_merges" ADD CONSTRAINT "customer_merges_merged_id_customers_id_fk" FOREIGN KEY ("merged_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_traits" ADD CONSTRAINT "customer_traits_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_memberships" ADD CONSTRAINT "segment_memberships_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_memberships" ADD CONSTRAINT "segment_memberships_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_consent_events_customer_idx" ON "customer_consent_events" USING btree ("customer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_identities_value_uq" ON "customer_identities" USING btree ("type","value_hash");--> statement-breakpoint
CREATE INDEX "customer_identities_customer_idx" ON "customer_identities" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "customer_merges_survivor_idx" ON "customer_merges" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "customer_merges_merged_idx" ON "customer_merges" USING btree ("merged_id");--> statement-breakpoint
CREATE INDEX "customer_traits_stage_idx" ON "customer_traits" USING btree ("lifecycle_stage");--> statement-breakpoint
CREATE INDEX "customer_traits_nev_idx" ON "customer_traits" USING btree ("nev_affinity");--> statement-breakpoint
CREATE UNIQUE INDEX "segment_memberships_current_uq" ON "segment_memberships" USING btree ("segment_id","customer_id") WHERE "segment_memberships"."left_at" IS NULL;--> statement-breakpoint
CREATE INDEX "segment_memberships_customer_idx" ON "segment_memberships" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "segment_memberships_entered_idx" ON "segment_memberships" USING btree ("segment_id","entered_at");--> statement-breakpoint
CREATE INDEX "segments_builtin_idx" ON "segments" USING btree ("builtin");--> statement-breakpoint
CREATE INDEX "customers_id_number_hash_idx" ON "customers" USING btree ("id_number_hash");--> statement-breakpoint
CREATE INDEX "customers_merged_into_idx" ON "customers" USING btree ("merged_into") WHERE "customers"."merged_into" IS NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION customer_data_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER customer_events_no_update BEFORE UPDATE OR DELETE ON "customer_events"
  FOR EACH ROW EXECUTE FUNCTION customer_data_append_only();
--> statement-breakpoint
CREATE TRIGGER customer_consent_events_no_update BEFORE UPDATE OR DELETE ON "customer_consent_events"
  FOR EACH ROW EXECUTE FUNCTION customer_data_append_only();
