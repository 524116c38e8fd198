import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';
import { messageKeys, messages, type MessageRow } from '../schema.js';
import type { Outcome } from '../../domain.js';

// Statements on inbound messages. Storing is insert-or-nothing on the delivery key, so a message
// fetched twice (a crash before the cursor moved, a re-run of `cli ingest`) is stored once.

/** The largest size the `size` column holds. */
export const MAX_STORED_SIZE = 2 ** 31 - 1;

export interface RawInsert {
  sourceKey: string;
  mailbox: string;
  uidValidity: number | null;
  uid: number | null;
  raw: Buffer;
  rawSha256: string;
  /** The message's real size, when larger than raw.length (only its headers are stored). */
  size?: number;
  internalDate: Date | null;
  /** The From address read from the raw headers (mail/sender-key.ts), for processing order. */
  senderKey?: string | null;
}

/** The row values of a raw message. */
export function rawValues(m: RawInsert): typeof messages.$inferInsert {
  return {
    sourceKey: m.sourceKey,
    mailbox: m.mailbox,
    uidValidity: m.uidValidity,
    uid: m.uid,
    raw: m.raw,
    rawSha256: m.rawSha256,
    // The column is a 32-bit integer: a larger message (headers only stored) reads as 2 GiB - 1.
    size: Math.min(Math.max(m.size ?? 0, m.raw.length), MAX_STORED_SIZE),
    internalDate: m.internalDate,
    senderKey: m.senderKey ?? null,
  };
}

/** Inserts the raw message; returns the new row id, or null when that delivery is already stored. */
export async function insertRawMessage(db: Queryable, m: RawInsert): Promise<number | null> {
  const r = await db
    .insert(messages)
    .values(rawValues(m))
    .onConflictDoNothing({ target: messages.sourceKey })
    .returning({ id: messages.id });
  return r[0]?.id ?? null;
}

export async function findBySourceKey(db: Queryable, sourceKey: string): Promise<MessageRow | null> {
  const r = await db.select().from(messages).where(eq(messages.sourceKey, sourceKey)).limit(1);
  return r[0] ?? null;
}

/**
 * After a UIDVALIDITY change the same bytes come back under new UIDs: the stored row takes the new
 * key instead of a second row being made. Returns the row when one was re-keyed.
 */
export async function rekeyBySha(db: Queryable, m: RawInsert): Promise<MessageRow | null> {
  if (m.uidValidity === null) return null;
  const r = await rows<{ id: number }>(
    db,
    sql`update messages set source_key = ${m.sourceKey}, uid_validity = ${m.uidValidity}, uid = ${m.uid}
        where id = (select id from messages
                    where mailbox = ${m.mailbox} and raw_sha256 = ${m.rawSha256}
                      and uid_validity is distinct from ${m.uidValidity}
                    order by id limit 1)
        returning id`,
  );
  const id = r[0]?.id;
  return id === undefined ? null : getMessage(db, Number(id));
}

export async function getMessage(db: Queryable, id: number): Promise<MessageRow | null> {
  const r = await db.select().from(messages).where(eq(messages.id, id)).limit(1);
  return r[0] ?? null;
}

/**
 * Claims an unfinished message for one worker and counts the attempt, in one statement: the
 * attempt is committed before the work starts (a message that crashes us is noticed), and a
 * message another worker holds is not touched (no attempt spent). Returns the attempt number,
 * or null when the message is finished or held by someone else.
 */
export async function claimMessage(db: Queryable, id: number, leaseSeconds: number): Promise<number | null> {
  const r = await rows<{ attempts: number }>(
    db,
    sql`update messages set attempts = attempts + 1, claimed_until = now() + make_interval(secs => ${leaseSeconds})
        where id = ${id} and outcome is null and (claimed_until is null or claimed_until < now())
        returning attempts`,
  );
  return r[0] ? Number(r[0].attempts) : null;
}

/**
 * Lets another worker (the pending sweep) take a message whose processing failed. `refundAttempt`
 * gives back the attempt the claim counted, for a failure that says nothing about the message
 * (a full disk): else a few such rounds would quarantine a good request for good.
 */
export async function releaseMessage(db: Queryable, id: number, opts: { refundAttempt?: boolean } = {}): Promise<void> {
  await db
    .update(messages)
    .set({ claimedUntil: null, ...(opts.refundAttempt ? { attempts: sql`greatest(${messages.attempts} - 1, 0)` } : {}) })
    .where(and(eq(messages.id, id), isNull(messages.outcome)));
}

/**
 * In the message's transaction: locks its row until commit while it has no outcome (false when
 * another worker finished it first: a worker whose claim ran out waits here for the one that took
 * it over) and claims its duplicate key (Message-ID and sender) in the same round trip. `owner` is
 * the message that holds the key when it is another one: this one is a duplicate of it.
 */
export async function lockAndClaimKey(db: Queryable, id: number, key: string): Promise<{ locked: false } | { locked: true; owner: number | null }> {
  const r = await rows<{ locked: number; inserted: number }>(
    db,
    sql`with l as (select id from messages where id = ${id} and outcome is null for update),
             k as (insert into message_keys (key, message_row_id) select ${key}, id from l on conflict do nothing returning 1)
        select (select count(*) from l)::int as locked, (select count(*) from k)::int as inserted`,
  );
  if (Number(r[0]?.locked ?? 0) === 0) return { locked: false };
  if (Number(r[0]?.inserted ?? 0) > 0) return { locked: true, owner: null };
  // The key was taken before this statement began, or by a transaction it waited for: a new
  // statement sees who holds it.
  const owner = await db.select({ id: messageKeys.messageRowId }).from(messageKeys).where(eq(messageKeys.key, key)).limit(1);
  return { locked: true, owner: owner[0]?.id === id ? null : (owner[0]?.id ?? null) };
}

/** Messages with no outcome that nobody holds, oldest first. */
export async function pendingMessageIds(db: Queryable, limit: number): Promise<number[]> {
  const r = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(isNull(messages.outcome), sql`(${messages.claimedUntil} is null or ${messages.claimedUntil} < now())`))
    .orderBy(messages.id)
    .limit(limit);
  return r.map((x) => x.id);
}

export interface ParsedFields {
  messageId: string | null;
  sender: string | null;
  senderName: string | null;
  subject: string | null;
  textBody: string | null;
  inReplyTo: string | null;
  references: string[];
  autoKind: 'none' | 'auto_reply' | 'bounce' | 'loop' | null;
  language?: 'ru' | 'kk' | 'en' | null;
}

export interface OutcomeFields {
  outcome: Outcome;
  reason?: string | null;
  reasonDetail?: string | null;
  ticketId?: number | null;
  duplicateOf?: number | null;
}

/** Records the outcome; only a message without one is changed, so a repeat is a no-op. */
export async function setOutcome(db: Queryable, id: number, fields: Partial<ParsedFields> & OutcomeFields): Promise<boolean> {
  const r = await db
    .update(messages)
    // The claim ends with the outcome: a later retry (`quarantine retry`) must not wait out its lease.
    .set({ ...fields, processedAt: new Date(), claimedUntil: null })
    .where(and(eq(messages.id, id), isNull(messages.outcome)))
    .returning({ id: messages.id });
  return r.length > 0;
}

/** Tickets that stored inbound messages with these Message-IDs belong to. */
export async function ticketIdsForMessageIds(db: Queryable, ids: string[]): Promise<Array<{ messageId: string; ticketId: number }>> {
  if (ids.length === 0) return [];
  const r = await db
    .select({ messageId: messages.messageId, ticketId: messages.ticketId })
    .from(messages)
    .where(and(inArray(messages.messageId, ids), isNotNull(messages.ticketId)));
  return r.flatMap((x) => (x.messageId && x.ticketId ? [{ messageId: x.messageId, ticketId: x.ticketId }] : []));
}

export interface QuarantinedMessage {
  id: number;
  receivedAt: Date;
  mailbox: string;
  sourceKey: string;
  sender: string | null;
  subject: string | null;
  size: number;
  reason: string | null;
  reasonDetail: string | null;
  dismissedAt: Date | null;
}

/** Quarantined messages without their bytes, oldest first; dismissed ones only when asked. */
export async function quarantined(db: Queryable, opts: { includeDismissed?: boolean } = {}): Promise<QuarantinedMessage[]> {
  return db
    .select({
      id: messages.id,
      receivedAt: messages.receivedAt,
      mailbox: messages.mailbox,
      sourceKey: messages.sourceKey,
      sender: messages.sender,
      subject: messages.subject,
      size: messages.size,
      reason: messages.reason,
      reasonDetail: messages.reasonDetail,
      dismissedAt: messages.dismissedAt,
    })
    .from(messages)
    .where(and(eq(messages.outcome, 'quarantined'), opts.includeDismissed ? undefined : isNull(messages.dismissedAt)))
    .orderBy(messages.id);
}
