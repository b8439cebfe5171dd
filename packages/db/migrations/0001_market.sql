CREATE TABLE "cities" (
	"id" integer PRIMARY KEY NOT NULL,
	"province_id" smallint NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"tier" smallint NOT NULL,
	"market_weight" integer NOT NULL,
	"plate_restricted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "provinces" (
	"id" smallint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"region" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "makes" (
	"id" smallint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"origin" text NOT NULL,
	"nev_only" boolean DEFAULT false NOT NULL,
	"direct_sales" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" integer PRIMARY KEY NOT NULL,
	"make_id" smallint NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"body" text NOT NULL,
	"segment" text NOT NULL,
	"residual_y1_bp" integer NOT NULL,
	"residual_decay_bp" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trims" (
	"id" integer PRIMARY KEY NOT NULL,
	"model_id" integer NOT NULL,
	"name" text NOT NULL,
	"fuel" text NOT NULL,
	"model_year" smallint NOT NULL,
	"list_price_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dealers" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"make_id" smallint,
	"city_id" integer NOT NULL,
	"opened_on" date
);
--> statement-breakpoint
CREATE TABLE "partners" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"city_id" integer,
	"status" text DEFAULT 'active' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_consents" (
	"customer_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"captured_via" text NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	CONSTRAINT "customer_consents_customer_id_purpose_channel_pk" PRIMARY KEY("customer_id","purpose","channel")
);
--> statement-breakpoint
CREATE TABLE "customer_events" (
	"customer_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"channel" text NOT NULL,
	"campaign" text,
	"partner_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	CONSTRAINT "customer_events_customer_id_id_pk" PRIMARY KEY("customer_id","id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"id_number_hash" text,
	"gender" text,
	"birth_date" date,
	"city_id" integer,
	"occupation" text,
	"education" text,
	"marital_status" text,
	"children" smallint,
	"income_band" text,
	"credit_file" text,
	"digital_score" smallint,
	"device_platform" text,
	"app_user" boolean DEFAULT false NOT NULL,
	"preferred_channel" text,
	"acquisition_channel" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"partner_id" uuid,
	"channel" text NOT NULL,
	"product_type" text DEFAULT 'loan' NOT NULL,
	"product_code" text,
	"trim_id" integer,
	"vehicle_condition" text NOT NULL,
	"vehicle_age_months" smallint DEFAULT 0 NOT NULL,
	"mileage_km" integer DEFAULT 0 NOT NULL,
	"vehicle_price_fen" bigint NOT NULL,
	"down_payment_fen" bigint NOT NULL,
	"requested_amount_fen" bigint NOT NULL,
	"term_months" smallint NOT NULL,
	"rate_bp" integer,
	"bureau_score" smallint,
	"declared_income_band" text,
	"dti_bp" integer,
	"status" text NOT NULL,
	"approved_amount_fen" bigint,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decision_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision_version" text,
	"source" text DEFAULT 'manual' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "loan_repayments" (
	"loan_id" uuid NOT NULL,
	"installment_no" smallint NOT NULL,
	"customer_id" uuid NOT NULL,
	"due_date" date NOT NULL,
	"principal_due_fen" bigint NOT NULL,
	"interest_due_fen" bigint NOT NULL,
	"amount_due_fen" bigint NOT NULL,
	"amount_paid_fen" bigint DEFAULT 0 NOT NULL,
	"paid_at" date,
	"days_late" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "loan_repayments_loan_id_installment_no_pk" PRIMARY KEY("loan_id","installment_no")
);
--> statement-breakpoint
CREATE TABLE "loans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"partner_id" uuid,
	"trim_id" integer,
	"fuel" text NOT NULL,
	"principal_fen" bigint NOT NULL,
	"rate_bp" integer NOT NULL,
	"term_months" smallint NOT NULL,
	"installment_fen" bigint NOT NULL,
	"funded_at" date NOT NULL,
	"first_due_date" date NOT NULL,
	"status" text NOT NULL,
	"days_past_due" integer DEFAULT 0 NOT NULL,
	"outstanding_principal_fen" bigint NOT NULL,
	"closed_at" date,
	"source" text DEFAULT 'manual' NOT NULL,
	CONSTRAINT "loans_application_id_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "sim_channel_effects" (
	"channel" text NOT NULL,
	"segment" text NOT NULL,
	"click_share" double precision NOT NULL,
	"apply_lift" double precision NOT NULL,
	CONSTRAINT "sim_channel_effects_channel_segment_pk" PRIMARY KEY("channel","segment")
);
--> statement-breakpoint
CREATE TABLE "sim_customer_truth" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"latent_risk" double precision NOT NULL,
	"monthly_miss_probability" double precision NOT NULL,
	"monthly_income_fen" bigint NOT NULL,
	"base_apply_propensity" double precision NOT NULL,
	"apply_propensity" double precision NOT NULL,
	"nev_affinity" double precision NOT NULL,
	"segment" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cities" ADD CONSTRAINT "cities_province_id_provinces_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."provinces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_make_id_makes_id_fk" FOREIGN KEY ("make_id") REFERENCES "public"."makes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trims" ADD CONSTRAINT "trims_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealers" ADD CONSTRAINT "dealers_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealers" ADD CONSTRAINT "dealers_make_id_makes_id_fk" FOREIGN KEY ("make_id") REFERENCES "public"."makes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealers" ADD CONSTRAINT "dealers_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_parent_id_partners_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_consents" ADD CONSTRAINT "customer_consents_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_trim_id_trims_id_fk" FOREIGN KEY ("trim_id") REFERENCES "public"."trims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loan_repayments" ADD CONSTRAINT "loan_repayments_loan_id_loans_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."loans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "loans" ADD CONSTRAINT "loans_trim_id_trims_id_fk" FOREIGN KEY ("trim_id") REFERENCES "public"."trims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cities_province_idx" ON "cities" USING btree ("province_id");--> statement-breakpoint
CREATE INDEX "cities_tier_idx" ON "cities" USING btree ("tier");--> statement-breakpoint
CREATE INDEX "models_make_idx" ON "models" USING btree ("make_id");--> statement-breakpoint
CREATE INDEX "trims_model_idx" ON "trims" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "trims_fuel_idx" ON "trims" USING btree ("fuel");--> statement-breakpoint
CREATE INDEX "dealers_city_idx" ON "dealers" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "dealers_make_idx" ON "dealers" USING btree ("make_id");--> statement-breakpoint
CREATE INDEX "partners_type_idx" ON "partners" USING btree ("type");--> statement-breakpoint
CREATE INDEX "partners_parent_idx" ON "partners" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "customer_consents_purpose_idx" ON "customer_consents" USING btree ("purpose","channel","status");--> statement-breakpoint
CREATE INDEX "customer_events_type_time_idx" ON "customer_events" USING btree ("type","occurred_at");--> statement-breakpoint
CREATE INDEX "customers_city_idx" ON "customers" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "customers_phone_idx" ON "customers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "applications_customer_idx" ON "applications" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "applications_partner_idx" ON "applications" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "applications_status_idx" ON "applications" USING btree ("status");--> statement-breakpoint
CREATE INDEX "applications_submitted_idx" ON "applications" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "loan_repayments_due_idx" ON "loan_repayments" USING btree ("due_date");--> statement-breakpoint
CREATE INDEX "loans_customer_idx" ON "loans" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "loans_partner_idx" ON "loans" USING btree ("partner_id");--> statement-breakpoint
CREATE INDEX "loans_status_dpd_idx" ON "loans" USING btree ("status","days_past_due");--> statement-breakpoint
CREATE INDEX "loans_funded_idx" ON "loans" USING btree ("funded_at");