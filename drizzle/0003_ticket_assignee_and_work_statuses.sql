ALTER TABLE "tickets" DROP CONSTRAINT "tickets_status_ck";--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "assignee" text;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_status_ck" CHECK (status in ('unverified','open','in_progress','waiting','closed','rejected','expired'));