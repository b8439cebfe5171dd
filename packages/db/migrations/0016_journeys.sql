CREATE TABLE "journey_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"journey_id" uuid NOT NULL,
	"journey_version" integer NOT NULL,
	"customer_id" uuid NOT NULL,
	"trigger_key" text NOT NULL,
	"triggered_at" timestamp with time zone NOT NULL,
	"enrolled_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"step_index" integer DEFAULT 0 NOT NULL,
	"step_started_at" timestamp with time zone NOT NULL,
	"next_run_at" timestamp with time zone,
	"exit_reason" text,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_versions" (
	"journey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journey_versions_journey_id_version_pk" PRIMARY KEY("journey_id","version")
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"definition" jsonb NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"approved_by" text,
	"approved_version" integer,
	"approved_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"paused_at" timestamp with time zone,
	"cursor_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "journey_enrolments" ADD CONSTRAINT "journey_enrolments_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_versions" ADD CONSTRAINT "journey_versions_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "journey_enrolments_trigger_uq" ON "journey_enrolments" USING btree ("journey_id","trigger_key");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_enrolments_active_uq" ON "journey_enrolments" USING btree ("journey_id","customer_id") WHERE "journey_enrolments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "journey_enrolments_due_idx" ON "journey_enrolments" USING btree ("next_run_at") WHERE "journey_enrolments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "journey_enrolments_customer_idx" ON "journey_enrolments" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "journey_enrolments_journey_idx" ON "journey_enrolments" USING btree ("journey_id","status");--> statement-breakpoint
CREATE INDEX "journeys_status_idx" ON "journeys" USING btree ("status");