CREATE TABLE "prompt_history" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"prompt" text NOT NULL,
	"used_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_presets" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "prompt_history_user_prompt_idx" ON "prompt_history" USING btree ("user_id",md5("prompt"));--> statement-breakpoint
CREATE INDEX "prompt_history_user_used_idx" ON "prompt_history" USING btree ("user_id","used_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_presets_user_name_idx" ON "user_presets" USING btree ("user_id",lower("name"));--> statement-breakpoint
-- Written by hand: keys to "user" live in SQL only (see 0013), so the schema file imports no other module's table.
ALTER TABLE "prompt_history" ADD CONSTRAINT "prompt_history_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_presets" ADD CONSTRAINT "user_presets_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
