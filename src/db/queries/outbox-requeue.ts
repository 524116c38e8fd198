import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

/**
 * Puts failed mail back in the queue with fresh attempts, once a person has fixed the cause
 * (a wrong SMTP password, a mailbox that is back). Returns the ids requeued.
 */
export async function requeueFailedOutbox(db: Queryable, ids: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  for (const id of ids) {
    const r = await rows<{ id: string | number }>(
      db,
      sql`update outbox set status = 'pending', attempts = 0, run_at = now(), locked_by = null, locked_at = null
           where id = ${id} and status = 'failed'
          returning id`,
    );
    if (r[0]) out.push(Number(r[0].id));
  }
  return out;
}
