ALTER TABLE "generation_references" ADD COLUMN "role" text DEFAULT 'reference' NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "tool" text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "parent_image_id" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "factor" integer;--> statement-breakpoint
CREATE INDEX "generations_parent_image_idx" ON "generations" USING btree ("parent_image_id");--> statement-breakpoint
-- Hand-written: generations and generation_images reference each other, which the schema files cannot state.
ALTER TABLE "generations" ADD CONSTRAINT "generations_parent_image_id_fk" FOREIGN KEY ("parent_image_id") REFERENCES "public"."generation_images"("id") ON DELETE set null ON UPDATE no action;
