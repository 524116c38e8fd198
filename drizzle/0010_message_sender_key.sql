ALTER TABLE "messages" ADD COLUMN "sender_key" text;--> statement-breakpoint
CREATE INDEX "messages_sender_pending_idx" ON "messages" USING btree ("sender_key","id") WHERE outcome is null;