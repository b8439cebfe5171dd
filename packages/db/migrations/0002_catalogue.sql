CREATE TABLE "product_versions" (
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"rulebook_version" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "product_versions_code_version_pk" PRIMARY KEY("code","version")
);
--> statement-breakpoint
CREATE TABLE "pricing_grids" (
	"grid_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"grid" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "pricing_grids_grid_id_version_pk" PRIMARY KEY("grid_id","version")
);
--> statement-breakpoint
CREATE TABLE "promotion_reservations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"promotion_id" uuid NOT NULL,
	"quote_id" uuid NOT NULL,
	"offer_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"budget_fen" bigint NOT NULL,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"reservation_count" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"rejection_reason" text,
	"ended_at" timestamp with time zone,
	CONSTRAINT "promotions_code_unique" UNIQUE("code"),
	CONSTRAINT "promotions_spent_within_budget" CHECK ("promotions"."spent_fen" >= 0 AND "promotions"."spent_fen" <= "promotions"."budget_fen")
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"channel" text NOT NULL,
	"dealer_id" uuid,
	"request" jsonb NOT NULL,
	"response" jsonb NOT NULL,
	"grid_id" text NOT NULL,
	"grid_version" integer NOT NULL,
	"rulebook_version" text NOT NULL,
	"offer_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dealer_widgets" (
	"partner_id" uuid PRIMARY KEY NOT NULL,
	"widget_id" text NOT NULL,
	"display_name" text NOT NULL,
	"vehicle_categories" jsonb NOT NULL,
	"product_codes" jsonb NOT NULL,
	"default_down_payment_percent" text DEFAULT '30' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dealer_widgets_widget_id_unique" UNIQUE("widget_id")
);
--> statement-breakpoint
CREATE TABLE "widget_rate_windows" (
	"widget_id" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "widget_rate_windows_widget_id_window_start_pk" PRIMARY KEY("widget_id","window_start")
);
--> statement-breakpoint
ALTER TABLE "promotion_reservations" ADD CONSTRAINT "promotion_reservations_promotion_id_promotions_id_fk" FOREIGN KEY ("promotion_id") REFERENCES "public"."promotions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dealer_widgets" ADD CONSTRAINT "dealer_widgets_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_versions_one_published" ON "product_versions" USING btree ("code") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "product_versions_status_idx" ON "product_versions" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "pricing_grids_one_active" ON "pricing_grids" USING btree ("status") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "promotion_reservations_quote" ON "promotion_reservations" USING btree ("promotion_id","quote_id");--> statement-breakpoint
CREATE INDEX "promotion_reservations_at" ON "promotion_reservations" USING btree ("promotion_id","created_at");--> statement-breakpoint
CREATE INDEX "promotions_status_idx" ON "promotions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "quotes_created_idx" ON "quotes" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "quotes_dealer_idx" ON "quotes" USING btree ("dealer_id");