CREATE TABLE "moderation_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"prompt" text NOT NULL,
	"negative_prompt" text,
	"model" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "moderation_denylist" (
	"id" text PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "moderation_cases_status_created_idx" ON "moderation_cases" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "moderation_cases_user_idx" ON "moderation_cases" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "moderation_denylist_term_idx" ON "moderation_denylist" USING btree ("term");--> statement-breakpoint
-- Written by hand: keys to "user" live in SQL only (see 0013), so the schema file imports no other module's table.
ALTER TABLE "moderation_cases" ADD CONSTRAINT "moderation_cases_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
