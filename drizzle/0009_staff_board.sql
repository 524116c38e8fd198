CREATE TABLE "staff_login_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text,
	"client" text NOT NULL,
	"token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "staff_sessions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"id_hash" text NOT NULL,
	"email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "staff_login_requests_hash_uq" ON "staff_login_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "staff_login_requests_email_idx" ON "staff_login_requests" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "staff_login_requests_client_idx" ON "staff_login_requests" USING btree ("client","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_sessions_hash_uq" ON "staff_sessions" USING btree ("id_hash");--> statement-breakpoint
CREATE INDEX "staff_sessions_email_idx" ON "staff_sessions" USING btree ("email");--> statement-breakpoint
CREATE INDEX "tickets_status_due_idx" ON "tickets" USING btree ("status","due_at","id");--> statement-breakpoint
CREATE INDEX "tickets_queue_order_idx" ON "tickets" USING btree ((case when status in ('open', 'in_progress', 'waiting') then 0 when status = 'unverified' then 1 else 2 end),"due_at","received_at","id");--> statement-breakpoint
CREATE INDEX "tickets_assignee_idx" ON "tickets" USING btree ("assignee");--> statement-breakpoint
CREATE INDEX "tickets_rights_gin_idx" ON "tickets" USING gin ("rights");