CREATE TABLE "album_images" (
	"album_id" text NOT NULL,
	"image_id" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "album_images_album_id_image_id_pk" PRIMARY KEY("album_id","image_id")
);
--> statement-breakpoint
CREATE TABLE "albums" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"cover_image_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "generation_images" ADD COLUMN "favourited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "album_images" ADD CONSTRAINT "album_images_album_id_albums_id_fk" FOREIGN KEY ("album_id") REFERENCES "public"."albums"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "album_images" ADD CONSTRAINT "album_images_image_id_generation_images_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."generation_images"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "albums" ADD CONSTRAINT "albums_cover_image_id_generation_images_id_fk" FOREIGN KEY ("cover_image_id") REFERENCES "public"."generation_images"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "album_images_image_idx" ON "album_images" USING btree ("image_id");--> statement-breakpoint
CREATE UNIQUE INDEX "albums_user_name_idx" ON "albums" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE INDEX "generation_images_user_favourite_idx" ON "generation_images" USING btree ("user_id") WHERE "generation_images"."favourited_at" is not null;--> statement-breakpoint
CREATE INDEX "generations_prompt_search_idx" ON "generations" USING gin (to_tsvector('simple', "prompt"));--> statement-breakpoint
ALTER TABLE "albums" ADD CONSTRAINT "albums_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;