CREATE TABLE "signup_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text,
	"network_hash" text,
	"address_hash" text,
	"signed_up_at" timestamp with time zone NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "signup_grants_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "signup_grants_granted_address_idx" ON "signup_grants" USING btree ("address_hash") WHERE "signup_grants"."outcome" = 'granted';--> statement-breakpoint
CREATE INDEX "signup_grants_network_idx" ON "signup_grants" USING btree ("network_hash","decided_at");--> statement-breakpoint
-- Written by hand: the key to "user" lives in SQL only (see 0013). SET NULL: an erased account's
-- row keeps only the hash of an address that was granted, so a new sign-up with it gets no second grant.
ALTER TABLE "signup_grants" ADD CONSTRAINT "signup_grants_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;
