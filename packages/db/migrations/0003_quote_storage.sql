-- The response is stored gzip-compressed (response_gz) from now on; quotes stored before keep their jsonb response.
ALTER TABLE "quotes" ALTER COLUMN "response" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "response_gz" "bytea";--> statement-breakpoint
-- Already gzip: out of line without another (pglz) compression attempt.
ALTER TABLE "quotes" ALTER COLUMN "response_gz" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "vehicle_price_fen" bigint;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "lowest_monthly_payment_fen" bigint;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "lowest_total_cost_fen" bigint;--> statement-breakpoint
-- Key figures of the quotes already stored, from their request and jsonb response (decimal yuan → fen).
UPDATE "quotes" SET
  "vehicle_price_fen" = round(("request"->'vehicle'->>'price')::numeric * 100)::bigint,
  "lowest_monthly_payment_fen" = round(("response"->'lowestMonthlyPayment'->>'amount')::numeric * 100)::bigint,
  "lowest_total_cost_fen" = round(("response"->'lowestTotalCost'->>'amount')::numeric * 100)::bigint;--> statement-breakpoint
ALTER TABLE "quotes" ALTER COLUMN "vehicle_price_fen" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_one_response" CHECK (("quotes"."response" IS NULL) <> ("quotes"."response_gz" IS NULL));
