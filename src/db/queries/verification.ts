import { and, eq, gt, lte, sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';
import { messages, scheduleMarks, ticketEvents, tickets, verificationTokens, type TicketRow } from '../schema.js';

// The statements of the verification flow, one function each, values always bound.

export type TokenRow = typeof verificationTokens.$inferSelect;

/** Ticket events written by the verification flow (the audit log's vocabulary). */
export const VERIFY_EVENTS = {
  sent: 'confirmation_sent',
  reminderSent: 'confirmation_reminder_sent',
  held: 'confirmation_held',
  confirmed: 'confirmed',
  rejected: 'rejected',
  expired: 'expired',
  expiryNoticeSent: 'expiry_notice_sent',
} as const;

/** Whether the ticket's request came from a sender our server authenticated, as its first link decision recorded. */
export async function senderAuthenticated(tx: Queryable, ticketId: number): Promise<boolean> {
  const r = await rows<{ authenticated: boolean | null }>(
    tx,
    sql`select (e.data->>'authenticated')::boolean as authenticated from ${ticketEvents} e
        where e.ticket_id = ${ticketId} and e.kind in (${VERIFY_EVENTS.sent}, ${VERIFY_EVENTS.held})
        order by e.id limit 1`,
  );
  return r[0]?.authenticated === true;
}

export async function insertToken(
  tx: Queryable,
  v: { ticketId: number; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<number> {
  const [row] = await tx.insert(verificationTokens).values(v).returning({ id: verificationTokens.id });
  return row!.id;
}

export async function deleteToken(tx: Queryable, id: number): Promise<void> {
  await tx.delete(verificationTokens).where(eq(verificationTokens.id, id));
}

/** The token and its ticket, read without locks (the GET page). */
export async function findToken(db: Queryable, tokenHash: string): Promise<{ token: TokenRow; ticket: TicketRow } | null> {
  const r = await db
    .select({ token: verificationTokens, ticket: tickets })
    .from(verificationTokens)
    .innerJoin(tickets, eq(tickets.id, verificationTokens.ticketId))
    .where(eq(verificationTokens.tokenHash, tokenHash))
    .limit(1);
  return r[0] ?? null;
}

/** The token and its ticket, both locked until the transaction ends (the POST). */
export async function lockToken(tx: Queryable, tokenHash: string): Promise<{ token: TokenRow; ticket: TicketRow } | null> {
  const [token] = await tx.select().from(verificationTokens).where(eq(verificationTokens.tokenHash, tokenHash)).for('update');
  if (!token) return null;
  const ticket = await lockTicket(tx, token.ticketId);
  return ticket ? { token, ticket } : null;
}

export async function lockTicket(tx: Queryable, ticketId: number): Promise<TicketRow | null> {
  const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, ticketId)).for('update');
  return ticket ?? null;
}

/** Locks the ticket unless another instance holds it; null means "someone else is on it". */
export async function lockTicketSkipLocked(tx: Queryable, ticketId: number): Promise<TicketRow | null> {
  const [ticket] = await tx
    .select()
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .for('update', { skipLocked: true });
  return ticket ?? null;
}

export async function markTokenUsed(tx: Queryable, id: number, usedFor: 'confirm' | 'reject', at: Date): Promise<void> {
  await tx
    .update(verificationTokens)
    .set({ usedAt: at, usedFor })
    .where(and(eq(verificationTokens.id, id), sql`${verificationTokens.usedAt} is null`));
}

export async function updateTicket(
  tx: Queryable,
  id: number,
  fromStatus: TicketRow['status'],
  set: Partial<Pick<TicketRow, 'status' | 'verifiedAt' | 'dueAt' | 'dueBasis' | 'closedAt' | 'updatedAt'>>,
): Promise<TicketRow | null> {
  const [row] = await tx
    .update(tickets)
    .set(set)
    .where(and(eq(tickets.id, id), eq(tickets.status, fromStatus)))
    .returning();
  return row ?? null;
}

export async function hasEvent(tx: Queryable, ticketId: number, kind: string): Promise<boolean> {
  const r = await tx
    .select({ id: ticketEvents.id })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, kind)))
    .limit(1);
  return r.length > 0;
}

/**
 * Insert-or-nothing: true for the one caller that set the mark, false for everyone after (another
 * tick, another instance). Runs in the caller's transaction, so a rollback frees the mark again.
 */
export async function setMark(tx: Queryable, ticketId: number, kind: string, key: string, at: Date): Promise<boolean> {
  const r = await tx.insert(scheduleMarks).values({ ticketId, kind, key, at }).onConflictDoNothing().returning({ t: scheduleMarks.ticketId });
  return r.length > 0;
}

/** Unverified tickets received at or before `cutoff`, oldest first. */
export async function unverifiedReceivedBefore(db: Queryable, cutoff: Date, limit: number, afterId = 0): Promise<number[]> {
  const r = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(eq(tickets.status, 'unverified'), lte(tickets.receivedAt, cutoff), gt(tickets.id, afterId)))
    .orderBy(tickets.id)
    .limit(limit);
  return r.map((x) => x.id);
}

/** Unverified tickets due a reminder: past `cutoff` and without the reminder mark yet. */
export async function unremindedBefore(db: Queryable, cutoff: Date, markKind: string, limit: number, afterId = 0): Promise<number[]> {
  const r = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.status, 'unverified'),
        lte(tickets.receivedAt, cutoff),
        gt(tickets.id, afterId),
        sql`not exists (select 1 from ${scheduleMarks} m where m.ticket_id = ${tickets.id} and m.kind = ${markKind})`,
      ),
    )
    .orderBy(tickets.id)
    .limit(limit);
  return r.map((x) => x.id);
}

export interface Origin {
  messageId: string | null;
  references: string[];
  textBody: string | null;
}

/** The message that opened the ticket: for threading our mail to it and for the staff notice. */
export async function originOf(db: Queryable, ticket: TicketRow): Promise<Origin> {
  if (ticket.originMessageId === null) return { messageId: null, references: [], textBody: null };
  const [m] = await db
    .select({ messageId: messages.messageId, references: messages.references, textBody: messages.textBody })
    .from(messages)
    .where(eq(messages.id, ticket.originMessageId));
  return { messageId: m?.messageId ?? null, references: m?.references ?? [], textBody: m?.textBody ?? null };
}
