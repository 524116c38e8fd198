import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Queryable, Tx } from '../client.js';
import { messageEvents, messages, type MessageRow } from '../schema.js';

// Staff decisions on quarantined messages, each recorded as a message event with who made it.

export type MessageEventRow = typeof messageEvents.$inferSelect;

export async function messageEventsOf(db: Queryable, messageRowId: number): Promise<MessageEventRow[]> {
  return db.select().from(messageEvents).where(eq(messageEvents.messageRowId, messageRowId)).orderBy(messageEvents.id);
}

/**
 * Takes a quarantined message out of quarantine so that intake processes it again from the start:
 * no outcome, no attempts. Returns the row as it was, or null when it is not (or no longer) quarantined.
 */
export async function reopenQuarantined(db: Db, id: number, actor: string): Promise<MessageRow | null> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(messages).where(and(eq(messages.id, id), eq(messages.outcome, 'quarantined'))).for('update');
    if (!before) return null;
    await tx
      .update(messages)
      .set({ outcome: null, reason: null, reasonDetail: null, attempts: 0, processedAt: null, dismissedAt: null, claimedUntil: null })
      .where(eq(messages.id, id));
    await tx.insert(messageEvents).values({
      messageRowId: id,
      actor,
      kind: 'quarantine_retried',
      data: { reason: before.reason, dismissed: before.dismissedAt !== null },
    });
    return before;
  });
}

/** Marks a quarantined message dismissed; false when it is not quarantined or already dismissed. */
export async function dismissQuarantined(db: Db, id: number, actor: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const r = await tx
      .update(messages)
      .set({ dismissedAt: now })
      .where(and(eq(messages.id, id), eq(messages.outcome, 'quarantined'), isNull(messages.dismissedAt)))
      .returning({ reason: messages.reason });
    if (r.length === 0) return false;
    await tx.insert(messageEvents).values({ messageRowId: id, actor, at: now, kind: 'quarantine_dismissed', data: { reason: r[0]!.reason } });
    return true;
  });
}

/**
 * In the transaction that opens a quarantined message as a request: locks the row, and if it is
 * still quarantined, clears the outcome so that intake's actions can set theirs. Returns the row as
 * it was, or null when it is not quarantined (any more): a second or concurrent caller waits on
 * the lock and then gets null, so one message opens one ticket.
 */
export async function takeQuarantined(tx: Tx, id: number): Promise<MessageRow | null> {
  const [before] = await tx.select().from(messages).where(and(eq(messages.id, id), eq(messages.outcome, 'quarantined'))).for('update');
  if (!before) return null;
  await tx
    .update(messages)
    .set({ outcome: null, reason: null, reasonDetail: null, dismissedAt: null, claimedUntil: null })
    .where(eq(messages.id, id));
  return before;
}

export async function insertMessageEvent(
  db: Queryable,
  e: { messageRowId: number; actor: string; kind: string; at?: Date; data?: Record<string, unknown> },
): Promise<void> {
  await db.insert(messageEvents).values({ messageRowId: e.messageRowId, actor: e.actor, kind: e.kind, ...(e.at ? { at: e.at } : {}), data: e.data ?? {} });
}
