-- Decides and spends one confirmation mail in one round trip (src/db/queries/mail-budget.ts).
-- The lock is taken first; in READ COMMITTED each statement of a function reads a fresh snapshot,
-- so the count below sees every mail spent before the lock was granted.
CREATE OR REPLACE FUNCTION mail_budget_spend(
  p_lock bigint, p_authenticated boolean, p_to_key text, p_to_domain text,
  p_day_ago timestamptz, p_hour_ago timestamptz, p_minute timestamptz,
  p_recipient_limit integer, p_domain_limit integer, p_hour_limit integer
) RETURNS TABLE (recipient integer, domain integer, everyone integer, spent boolean)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock);
  SELECT coalesce(sum(b.n) FILTER (WHERE b.scope = 'recipient'), 0)::integer,
         coalesce(sum(b.n) FILTER (WHERE b.scope = 'domain'), 0)::integer,
         coalesce(sum(b.n) FILTER (WHERE b.scope = 'all'), 0)::integer
    INTO recipient, domain, everyone
    FROM mail_budget b
   WHERE b.authenticated = p_authenticated
     AND ((b.scope = 'recipient' AND b.key = p_to_key AND b.minute > p_day_ago)
       OR (b.scope = 'domain' AND b.key = p_to_domain AND b.minute > p_hour_ago)
       OR (b.scope = 'all' AND b.key = '' AND b.minute > p_hour_ago));
  spent := recipient < p_recipient_limit AND domain < p_domain_limit AND everyone < p_hour_limit;
  IF spent THEN
    INSERT INTO mail_budget AS m (scope, key, authenticated, minute, n)
    VALUES ('all', '', p_authenticated, p_minute, 1),
           ('domain', p_to_domain, p_authenticated, p_minute, 1),
           ('recipient', p_to_key, p_authenticated, p_minute, 1)
    ON CONFLICT (scope, authenticated, key, minute) DO UPDATE SET n = m.n + 1;
  END IF;
  RETURN NEXT;
END
$$;
