import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';
import { FINAL_STATUSES } from '../../domain.js';

// The statements of retention: which records are old enough, and the anonymising updates. Nothing
// is deleted but the messages' dedup keys (they hold the sender): rows stay so numbers and
// statistics stay true.

export const PURGED = 'purged';
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const finals = () =>
  sql.join(
    FINAL_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );

/** Finished tickets closed before `before` and not purged yet, oldest first. */
export async function ticketsToPurge(db: Queryable, before: Date, limit: number): Promise<Array<{ id: number; number: string }>> {
  const r = await rows<{ id: number | string; number: string }>(
    db,
    sql`select id, number from tickets
         where status in (${finals()}) and closed_at < ${ts(before)} and purged_at is null
         order by closed_at, id limit ${limit}`,
  );
  return r.map((x) => ({ id: Number(x.id), number: x.number }));
}

/**
 * Mail that belongs to no ticket (quarantined, ignored, and automatic replies or duplicates of
 * such mail) received before `before`, not purged yet. Mail of a ticket goes with its ticket.
 */
export async function unmatchedToPurge(db: Queryable, before: Date, limit: number): Promise<number[]> {
  const r = await rows<{ id: number | string }>(
    db,
    sql`select id from messages
         where outcome in ('quarantined', 'ignored', 'auto', 'duplicate') and ticket_id is null and received_at < ${ts(before)} and purged_at is null
         order by id limit ${limit}`,
  );
  return r.map((x) => Number(x.id));
}

/**
 * Anonymises one ticket (locked, SKIP LOCKED) and everything of it: its messages lose raw bytes,
 * body, sender and subject; its outbound mail loses address and text; its events lose their data.
 * Keeps number, rights, dates, status and whether it closed on time. Null when another instance
 * holds the ticket or it was purged already.
 */
export async function purgeTicket(tx: Queryable, id: number, now: Date): Promise<{ messages: number; outbox: number } | null> {
  const locked = await rows<{ id: number | string }>(
    tx,
    sql`select id from tickets where id = ${id} and purged_at is null for update skip locked`,
  );
  if (locked.length === 0) return null;
  const msgs = await rows<{ id: number | string }>(
    tx,
    sql`update messages m set raw = ''::bytea, size = 0, text_body = null, sender = null, sender_name = null, subject = null,
               reason_detail = null, purged_at = ${ts(now)}
          from tickets t
         where t.id = ${id} and (m.ticket_id = t.id or m.id = t.origin_message_id)
        returning m.id`,
  );
  await deleteMessageKeys(tx, msgs.map((m) => Number(m.id)));
  const out = await rows<{ id: number | string }>(
    tx,
    sql`update outbox set to_address = ${PURGED}, subject = ${PURGED}, html = '', text = '', last_error = null
         where ticket_id = ${id} returning id`,
  );
  await tx.execute(sql`update ticket_events set data = '{}'::jsonb where ticket_id = ${id}`);
  await tx.execute(
    sql`update tickets set requester_email = ${PURGED}, requester_name = null, subject = null, confidence = '{}'::jsonb,
               on_time = case when status = 'closed' and due_at is not null then closed_at <= due_at else null end,
               purged_at = ${ts(now)}, updated_at = ${ts(now)}
         where id = ${id}`,
  );
  return { messages: msgs.length, outbox: out.length };
}

/** Anonymises unmatched messages; returns how many. */
export async function purgeMessages(tx: Queryable, ids: number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const list = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  const r = await rows<{ id: number | string }>(
    tx,
    sql`update messages set raw = ''::bytea, size = 0, text_body = null, sender = null, sender_name = null, subject = null,
               reason_detail = null, purged_at = ${ts(now)}
         where id in (${list}) and purged_at is null returning id`,
  );
  await deleteMessageKeys(tx, r.map((x) => Number(x.id)));
  return r.length;
}

async function deleteMessageKeys(tx: Queryable, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const list = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  await tx.execute(sql`delete from message_keys where message_row_id in (${list})`);
}
