ALTER TABLE "generation_images" ADD COLUMN "moderation" text DEFAULT 'clear' NOT NULL;--> statement-breakpoint
ALTER TABLE "generation_images" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "uploads" ADD COLUMN "photographic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD COLUMN "image_id" text;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD COLUMN "generation_id" text;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD COLUMN "evidence_sha256" text;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD COLUMN "scores" jsonb;--> statement-breakpoint
ALTER TABLE "moderation_cases" ADD COLUMN "note" text;