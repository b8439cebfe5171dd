CREATE TABLE "decision_strategies" (
	"strategy_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"based_on_version" integer,
	"note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone,
	"what_if_run_id" uuid,
	CONSTRAINT "decision_strategies_strategy_id_version_pk" PRIMARY KEY("strategy_id","version"),
	CONSTRAINT "decision_strategies_status" CHECK ("decision_strategies"."status" IN ('draft', 'published', 'superseded'))
);
--> statement-breakpoint
CREATE TABLE "decision_what_if_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"strategy_id" text NOT NULL,
	"version" integer,
	"baseline_version" integer NOT NULL,
	"candidate" jsonb NOT NULL,
	"days" integer NOT NULL,
	"applications" integer NOT NULL,
	"result" jsonb NOT NULL,
	"run_by" text,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" text NOT NULL,
	"model_version" text NOT NULL,
	"name" text NOT NULL,
	"artefact" jsonb NOT NULL,
	"data_source" text NOT NULL,
	"demo" boolean DEFAULT false NOT NULL,
	"training_rows" integer NOT NULL,
	"bad_rate" double precision NOT NULL,
	"training_auc" double precision NOT NULL,
	"training_ks" double precision NOT NULL,
	"training_gini" double precision NOT NULL,
	"cv_auc" double precision,
	"holdout_auc" double precision,
	"holdout_ks" double precision,
	"characteristics" jsonb NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"traffic_share" double precision,
	"notes" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_by" text,
	"status_changed_at" timestamp with time zone,
	CONSTRAINT "scorecard_models_status" CHECK ("scorecard_models"."status" IN ('candidate', 'champion', 'challenger', 'retired')),
	CONSTRAINT "scorecard_models_share" CHECK (("scorecard_models"."status" = 'challenger' AND "scorecard_models"."traffic_share" > 0 AND "scorecard_models"."traffic_share" <= 0.5) OR ("scorecard_models"."status" <> 'challenger' AND "scorecard_models"."traffic_share" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "decision_strategies_one_published" ON "decision_strategies" USING btree ("status") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "decision_what_if_runs_strategy_idx" ON "decision_what_if_runs" USING btree ("strategy_id","version","run_at");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecard_models_id_version" ON "scorecard_models" USING btree ("model_id","model_version");--> statement-breakpoint
CREATE UNIQUE INDEX "scorecard_models_one_champion" ON "scorecard_models" USING btree ("status") WHERE status = 'champion';