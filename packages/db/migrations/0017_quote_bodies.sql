-- Quote responses: the content shared by identical quotes stored once (quote_bodies, keyed by its SHA-256), each quote keeping only its head (id and time). ADR: docs/adr, quote storage.
CREATE TABLE "quote_bodies" (
	"sha256" text PRIMARY KEY NOT NULL,
	"body_gz" "bytea" NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- Already gzip: out of line without another (pglz) compression attempt.
ALTER TABLE "quote_bodies" ALTER COLUMN "body_gz" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "quotes" DROP CONSTRAINT "quotes_one_response";--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "response_head" text;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "body_sha256" text;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_body_sha256_quote_bodies_sha256_fk" FOREIGN KEY ("body_sha256") REFERENCES "public"."quote_bodies"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_one_response" CHECK (num_nonnulls("quotes"."response", "quotes"."response_gz", "quotes"."body_sha256") = 1 AND ("quotes"."body_sha256" IS NULL) = ("quotes"."response_head" IS NULL));