CREATE TABLE "application_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"score" jsonb,
	"offer" jsonb,
	"counter_offer" jsonb,
	"stipulations" jsonb NOT NULL,
	"input" jsonb,
	"data" jsonb,
	"data_used" jsonb NOT NULL,
	"rules" jsonb NOT NULL,
	"measures" jsonb NOT NULL,
	"versions" jsonb NOT NULL,
	"strategy_id" text,
	"strategy_version" integer,
	"model_id" text,
	"model_version" text,
	"timings" jsonb NOT NULL,
	"duration_ms" double precision NOT NULL,
	"decided_by_type" text NOT NULL,
	"decided_by_id" text,
	"decided_by_label" text,
	"note" text,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_details" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"applicant_name" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"phone_hash" text NOT NULL,
	"device_hash" text,
	"co_id_number_hash" text,
	"co_phone_hash" text,
	"personal_enc" text NOT NULL,
	"applicant_age" smallint NOT NULL,
	"employment" text NOT NULL,
	"company" jsonb,
	"vehicle" jsonb NOT NULL,
	"deal" jsonb NOT NULL,
	"consents" jsonb NOT NULL,
	"quote_id" uuid,
	"created_by_type" text NOT NULL,
	"created_by_id" text,
	"created_by_label" text
);
--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "application_reviews" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"referred_at" timestamp with time zone NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"claimed_by_id" text,
	"claimed_by_label" text,
	"claimed_at" timestamp with time zone,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "application_stipulations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"decision_id" uuid,
	"type" text NOT NULL,
	"code" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount_fen" bigint,
	"message" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"verified_by_id" text,
	"verified_by_label" text,
	"verified_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "risk_blacklist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list" text NOT NULL,
	"value_hash" text NOT NULL,
	"reason" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"added_by" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "type" text DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "score" double precision;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "risk_tier" text;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "vehicle_valuation_fen" bigint;--> statement-breakpoint
ALTER TABLE "application_decisions" ADD CONSTRAINT "application_decisions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_details" ADD CONSTRAINT "application_details_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_reviews" ADD CONSTRAINT "application_reviews_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_stipulations" ADD CONSTRAINT "application_stipulations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_decisions_application_idx" ON "application_decisions" USING btree ("application_id","decided_at");--> statement-breakpoint
CREATE INDEX "application_decisions_model_idx" ON "application_decisions" USING btree ("model_id","decided_at");--> statement-breakpoint
CREATE INDEX "application_details_id_hash_idx" ON "application_details" USING btree ("id_number_hash","submitted_at");--> statement-breakpoint
CREATE INDEX "application_details_phone_hash_idx" ON "application_details" USING btree ("phone_hash","submitted_at");--> statement-breakpoint
CREATE INDEX "application_details_device_hash_idx" ON "application_details" USING btree ("device_hash","submitted_at");--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "application_reviews_open_idx" ON "application_reviews" USING btree ("decided_at","sla_due_at");--> statement-breakpoint
CREATE INDEX "application_stipulations_application_idx" ON "application_stipulations" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_blacklist_value_uq" ON "risk_blacklist" USING btree ("list","value_hash");--> statement-breakpoint
CREATE INDEX "applications_updated_idx" ON "applications" USING btree ("updated_at");--> statement-breakpoint
-- A decision's audit and the status timeline are records of what happened: never rewritten.
-- (DELETE stays possible so an application can be erased whole, e.g. a PIPL deletion request.)
CREATE OR REPLACE FUNCTION application_records_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are never updated', TG_TABLE_NAME;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER application_decisions_no_update BEFORE UPDATE ON "application_decisions"
  FOR EACH ROW EXECUTE FUNCTION application_records_no_update();
--> statement-breakpoint
CREATE TRIGGER application_events_no_update BEFORE UPDATE ON "application_events"
  FOR EACH ROW EXECUTE FUNCTION application_records_no_update();
