CREATE TABLE "operator_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"code" text NOT NULL,
	"occurrences" integer DEFAULT 1 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "operator_alerts_open_idx" ON "operator_alerts" USING btree ("kind","source","code") WHERE resolved_at is null;--> statement-breakpoint
CREATE INDEX "operator_alerts_resolved_idx" ON "operator_alerts" USING btree ("resolved_at");