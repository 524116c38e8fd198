CREATE TABLE "mail_budget" (
	"scope" text NOT NULL,
	"key" text NOT NULL,
	"authenticated" boolean NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "mail_budget_scope_authenticated_key_minute_pk" PRIMARY KEY("scope","authenticated","key","minute")
);
--> statement-breakpoint
CREATE INDEX "mail_budget_minute_idx" ON "mail_budget" USING btree ("minute");--> statement-breakpoint
-- The last day's confirmation mail, counted as the events counted it, so an upgrade keeps the budgets.
INSERT INTO "mail_budget" ("scope", "key", "authenticated", "minute", "n")
SELECT s.scope, s.key, s.authenticated, s.minute, count(*)::int
FROM (
  SELECT unnest(ARRAY['recipient', 'domain', 'all']) AS scope,
         unnest(ARRAY[coalesce(e.data->>'toKey', lower(t.requester_email)),
                      coalesce(e.data->>'toDomain', split_part(lower(t.requester_email), '@', 2)),
                      '']) AS key,
         coalesce((e.data->>'authenticated')::boolean, false) AS authenticated,
         date_trunc('minute', e.at) AS minute
  FROM "ticket_events" e JOIN "tickets" t ON t.id = e.ticket_id
  WHERE e.kind IN ('confirmation_sent', 'confirmation_reminder_sent', 'expiry_notice_sent')
    AND e.at > now() - interval '25 hours'
) s
GROUP BY s.scope, s.key, s.authenticated, s.minute;
