import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

/**
 * Hands a held row back to the queue, due again `delayMs` from the database's now.
 * `countAttempt: false` takes back the attempt the claim counted: used when the mail was never
 * tried (the server was unreachable, or the worker is stopping). False when the row is not ours.
 */
export async function retryOutboxMail(
  db: Queryable,
  id: number,
  workerId: string,
  delayMs: number,
  opts: { countAttempt: boolean; error: { message: string; code: string } | null },
): Promise<boolean> {
  const r = await rows<{ id: string | number }>(
    db,
    sql`update outbox
           set status = 'pending', locked_by = null, locked_at = null,
               attempts = case when ${opts.countAttempt}::boolean then attempts else greatest(attempts - 1, 0) end,
               run_at = now() + ${Math.max(0, Math.round(delayMs))}::double precision * interval '1 millisecond',
               last_error = coalesce(${opts.error?.message ?? null}::text, last_error),
               last_error_code = coalesce(${opts.error?.code ?? null}::text, last_error_code)
         where id = ${id} and locked_by = ${workerId} and status = 'sending'
        returning id`,
  );
  return r.length > 0;
}
