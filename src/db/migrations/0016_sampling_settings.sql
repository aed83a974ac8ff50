ALTER TABLE "generations" ALTER COLUMN "seed" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "sent_prompt" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "sent_negative_prompt" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "steps" integer;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "guidance" real;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "strength" real;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "sampler" text;