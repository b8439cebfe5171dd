-- The holdout's audience rows move into the outbox as status 'holdout' (never sent); every treated
-- customer already has a message row, so after this the outbox alone is the audience (ADR 0016).
INSERT INTO "campaign_messages" ("campaign_id", "customer_id", "arm", "channel", "purpose", "status", "not_before", "policy_version", "created_at", "decided_at")
SELECT a."campaign_id", a."customer_id", a."arm", c."channel", c."purpose", 'holdout', a."assigned_at", c."policy_version", a."assigned_at", a."assigned_at"
  FROM "campaign_audience" a JOIN "campaigns" c ON c."id" = a."campaign_id"
 WHERE NOT EXISTS (SELECT 1 FROM "campaign_messages" m WHERE m."campaign_id" = a."campaign_id" AND m."customer_id" = a."customer_id")
ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP TABLE "campaign_audience" CASCADE;
