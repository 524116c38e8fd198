ALTER TABLE "messages" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "on_time" boolean;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "purged_at" timestamp with time zone;