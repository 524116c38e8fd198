import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';
import { messages, outbox, ticketEvents, tickets, type TicketEventRow, type TicketRow } from '../schema.js';
import type { TicketStatus } from '../../domain.js';

export type NewTicket = typeof tickets.$inferInsert;

/**
 * Inserts a ticket numbered by the sequence in the same statement: DSR-<year>-<number, at least
 * six digits> (ticket.ts TICKET_NUMBER_RE).
 */
export async function insertNumberedTicket(db: Queryable, year: number, t: Omit<NewTicket, 'number'>): Promise<TicketRow> {
  const number = sql`(select 'DSR-' || ${String(year)} || '-' || lpad(s::text, greatest(6, length(s::text)), '0') from nextval('ticket_number_seq') as s)`;
  const r = await db.insert(tickets).values({ ...t, number }).returning();
  return r[0]!;
}

export async function insertTicket(db: Queryable, t: NewTicket): Promise<TicketRow> {
  const r = await db.insert(tickets).values(t).returning();
  return r[0]!;
}

export async function ticketByNumber(db: Queryable, number: string): Promise<TicketRow | null> {
  const r = await db.select().from(tickets).where(eq(tickets.number, number.toUpperCase())).limit(1);
  return r[0] ?? null;
}

export async function ticketById(db: Queryable, id: number): Promise<TicketRow | null> {
  const r = await db.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return r[0] ?? null;
}

export async function ticketsByIds(db: Queryable, ids: number[]): Promise<TicketRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(tickets).where(inArray(tickets.id, ids));
}

/** Tickets whose outbound mail carried one of these Message-IDs (our side of the thread). */
export async function ticketIdsForOutboxMessageIds(db: Queryable, ids: string[]): Promise<Array<{ messageId: string; ticketId: number }>> {
  if (ids.length === 0) return [];
  const r = await db
    .select({ messageId: outbox.messageId, ticketId: outbox.ticketId })
    .from(outbox)
    .where(inArray(outbox.messageId, ids));
  return r.flatMap((x) => (x.ticketId ? [{ messageId: x.messageId, ticketId: x.ticketId }] : []));
}

export async function insertEvent(
  db: Queryable,
  e: { ticketId: number; actor: string; kind: string; data?: Record<string, unknown>; messageRowId?: number | null; at?: Date },
): Promise<void> {
  await db.insert(ticketEvents).values({
    ticketId: e.ticketId,
    ...(e.at ? { at: e.at } : {}),
    actor: e.actor,
    kind: e.kind,
    data: e.data ?? {},
    messageRowId: e.messageRowId ?? null,
  });
}

export async function listTickets(db: Queryable, status?: TicketStatus): Promise<TicketRow[]> {
  const q = db.select().from(tickets);
  return status ? q.where(eq(tickets.status, status)).orderBy(desc(tickets.id)) : q.orderBy(desc(tickets.id));
}

export async function ticketEventsOf(db: Queryable, ticketId: number): Promise<TicketEventRow[]> {
  return db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id));
}

export interface ThreadMessage {
  id: number;
  direction: 'in' | 'out';
  at: Date;
  from: string | null;
  to: string | null;
  subject: string | null;
  status: string;
}

/** Inbound messages and outbound mail of a ticket, oldest first (bodies left out). */
export async function threadOf(db: Queryable, ticketId: number): Promise<ThreadMessage[]> {
  const inbound = await db
    .select({ id: messages.id, at: messages.receivedAt, from: messages.sender, subject: messages.subject, outcome: messages.outcome })
    .from(messages)
    .where(eq(messages.ticketId, ticketId));
  const outbound = await db
    .select({ id: outbox.id, at: outbox.createdAt, to: outbox.toAddress, from: outbox.fromAddress, subject: outbox.subject, status: outbox.status })
    .from(outbox)
    .where(eq(outbox.ticketId, ticketId));
  return [
    ...inbound.map((m) => ({ id: m.id, direction: 'in' as const, at: m.at, from: m.from, to: null, subject: m.subject, status: m.outcome ?? 'pending' })),
    ...outbound.map((m) => ({ id: m.id, direction: 'out' as const, at: m.at, from: m.from, to: m.to, subject: m.subject, status: m.status })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
}
