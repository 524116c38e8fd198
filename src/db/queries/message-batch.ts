import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { messages, type MessageRow } from '../schema.js';
import { rawValues, type RawInsert } from './messages.js';

// Storing a fetched batch in one statement, and claiming the next stored message for one of
// several intake workers. Processing order per sender is kept by the claim, not by the caller.

/**
 * Inserts the batch's raw messages in one statement, in the given (UID) order, so ids follow it.
 * A delivery already stored is skipped (insert-or-nothing on the delivery key, as one at a time).
 */
export async function insertRawMessages(db: Queryable, batch: readonly RawInsert[]): Promise<number> {
  if (batch.length === 0) return 0;
  const r = await db
    .insert(messages)
    .values(batch.map(rawValues))
    .onConflictDoNothing({ target: messages.sourceKey })
    .returning({ id: messages.id });
  return r.length;
}

/**
 * Whether any of these bytes is stored already under another UIDVALIDITY of the mailbox (the
 * server renumbered it): such a batch is stored one message at a time, re-keying those rows.
 */
export async function anyStoredUnderOtherGeneration(db: Queryable, mailbox: string, uidValidity: number, shas: readonly string[]): Promise<boolean> {
  if (shas.length === 0) return false;
  const r = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.mailbox, mailbox), inArray(messages.rawSha256, [...new Set(shas)]), sql`${messages.uidValidity} is distinct from ${uidValidity}`))
    .limit(1);
  return r.length > 0;
}

/**
 * Claims up to `max` of the oldest unfinished messages nobody holds whose sender has no older
 * unfinished message, counting the attempt, in one statement (SKIP LOCKED: workers never wait on
 * each other here). "No older unfinished message of the sender" keeps one sender's mail in arrival
 * order across any number of workers and instances: the later message is not claimable until the
 * earlier one's outcome is committed, and a held or failing earlier message holds it back (until
 * that message is quarantined after PROCESSING_MAX_ATTEMPTS). So no two claimed messages share a
 * sender key. Rows stored before the sender key existed (null) have no order to keep.
 */
export async function claimNextMessages(db: Queryable, leaseSeconds: number, max: number): Promise<MessageRow[]> {
  // The subquery with its LIMIT runs once; the rows come back whole, so no second read of them.
  const r = await db
    .update(messages)
    .set({ attempts: sql`${messages.attempts} + 1`, claimedUntil: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where(
      inArray(
        messages.id,
        sql`(select m.id from messages m
             where m.outcome is null and (m.claimed_until is null or m.claimed_until < now())
               and (m.sender_key is null or not exists (
                 select 1 from messages e
                 where e.sender_key = m.sender_key and e.outcome is null and e.id < m.id))
             order by m.id
             limit ${max}
             for update of m skip locked)`,
      ),
    )
    .returning();
  return r.sort((a, b) => a.id - b.id);
}
