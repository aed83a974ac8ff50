CREATE TABLE "provider_rate_slots" (
	"id" text PRIMARY KEY NOT NULL,
	"bucket" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "provider_rate_slots_bucket_at_idx" ON "provider_rate_slots" USING btree ("bucket","at");