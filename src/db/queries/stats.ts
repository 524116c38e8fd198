import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

// The read-only statements behind /healthz and /metrics: counts and one timestamp, all cheap
// (grouped counts on indexed status columns).

export async function ping(db: Queryable): Promise<void> {
  await db.execute(sql`select 1`);
}

async function countBy(db: Queryable, query: ReturnType<typeof sql>): Promise<Record<string, number>> {
  const r = await rows<{ k: string | null; n: number | string }>(db, query);
  const out: Record<string, number> = {};
  for (const { k, n } of r) out[k ?? 'null'] = Number(n);
  return out;
}

/** Inbound messages by outcome; not yet processed ones under `pending`. */
export function messagesByOutcome(db: Queryable): Promise<Record<string, number>> {
  return countBy(db, sql`select coalesce(outcome, 'pending') as k, count(*) as n from messages group by 1`);
}

export function ticketsByStatus(db: Queryable): Promise<Record<string, number>> {
  return countBy(db, sql`select status as k, count(*) as n from tickets group by 1`);
}

/** The latest successful poll of any mailbox, as the database knows it (any instance may have polled). */
export async function lastMailboxSuccess(db: Queryable): Promise<Date | null> {
  const r = await rows<{ at: Date | string | null }>(db, sql`select max(last_success_at) as at from mailbox_cursors`);
  const at = r[0]?.at ?? null;
  return at === null ? null : at instanceof Date ? at : new Date(at);
}
