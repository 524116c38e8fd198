ALTER TABLE "outbox" ADD COLUMN "to_key" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "secret_links" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_to_key_idx" ON "outbox" USING btree ("to_key","created_at");--> statement-breakpoint
UPDATE "outbox" SET "to_key" = lower("to_address") WHERE "to_key" IS NULL;--> statement-breakpoint
-- Links written before secret links existed: once the mail is out, the stored copy has no use but to let a backup confirm.
UPDATE "outbox" SET "text" = regexp_replace("text", '/confirm/[A-Za-z0-9_-]{43}', '/confirm/-', 'g'), "html" = regexp_replace("html", '/confirm/[A-Za-z0-9_-]{43}', '/confirm/-', 'g') WHERE "status" IN ('sent', 'failed') AND "template" IN ('confirm_request', 'confirm_reminder');
