CREATE TABLE "customer_refresh_queue" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL
);
