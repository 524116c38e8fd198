import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { messages, ticketEvents, tickets, type TicketEventRow, type TicketRow } from '../schema.js';

// Statements of the staff thread: where to thread a relayed answer, how many went out lately, the
// latest events for `#status`, and the few ticket fields staff commands change.

/** The requester's latest letter in the ticket (their original, or a later follow-up). */
export async function lastRequesterMessage(
  db: Queryable,
  ticket: Pick<TicketRow, 'id' | 'requesterEmail'>,
): Promise<{ messageId: string | null; references: string[] } | null> {
  const [m] = await db
    .select({ messageId: messages.messageId, references: messages.references })
    .from(messages)
    .where(and(eq(messages.ticketId, ticket.id), eq(messages.sender, ticket.requesterEmail)))
    .orderBy(desc(messages.id))
    .limit(1);
  return m ? { messageId: m.messageId, references: m.references ?? [] } : null;
}

export async function countEventsSince(db: Queryable, ticketId: number, kind: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, kind), gte(ticketEvents.at, since)));
  return Number(r?.n ?? 0);
}

export async function latestEvents(db: Queryable, ticketId: number, limit: number): Promise<TicketEventRow[]> {
  const r = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(desc(ticketEvents.id)).limit(limit);
  return r.reverse();
}

/** Sets fields of a locked ticket; the caller has checked the transition. */
export async function patchTicket(
  db: Queryable,
  id: number,
  set: Partial<Pick<TicketRow, 'status' | 'assignee' | 'dueAt' | 'dueBasis' | 'closedAt' | 'updatedAt'>>,
): Promise<TicketRow> {
  const [row] = await db.update(tickets).set(set).where(eq(tickets.id, id)).returning();
  if (!row) throw new Error(`ticket ${id} vanished under its lock`);
  return row;
}
