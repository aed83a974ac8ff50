DROP INDEX "generations_prompt_search_idx";--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "prompt_search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', prompt)) STORED;--> statement-breakpoint
CREATE INDEX "generations_prompt_search_idx" ON "generations" USING gin ("prompt_search");