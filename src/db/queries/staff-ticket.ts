import { eq } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { messages, outbox, type TicketEventRow, type TicketRow } from '../schema.js';
import { threadOf, ticketByNumber, ticketEventsOf, type ThreadMessage } from './tickets.js';

// A ticket's story for the staff board, read with the loaders `cli ticket show` uses (threadOf,
// ticketEventsOf), plus the text of each mail: the board shows what was written, as text.

export interface StoryMail extends ThreadMessage {
  text: string | null;
  /** Inbound only: the raw message can be downloaded (not after retention purged it). */
  downloadable: boolean;
}

export interface TicketStory {
  ticket: TicketRow;
  origin: { id: number; sender: string | null; subject: string | null; text: string | null; receivedAt: Date } | null;
  thread: StoryMail[];
  events: TicketEventRow[];
}

export async function ticketStory(db: Queryable, number: string): Promise<TicketStory | null> {
  const ticket = await ticketByNumber(db, number);
  if (!ticket) return null;
  const inbound = await db
    .select({ id: messages.id, text: messages.textBody, purgedAt: messages.purgedAt, sender: messages.sender, subject: messages.subject, receivedAt: messages.receivedAt })
    .from(messages)
    .where(eq(messages.ticketId, ticket.id));
  const outbound = await db.select({ id: outbox.id, text: outbox.text }).from(outbox).where(eq(outbox.ticketId, ticket.id));
  const inText = new Map(inbound.map((m) => [m.id, m]));
  const outText = new Map(outbound.map((m) => [m.id, m.text]));
  const thread = (await threadOf(db, ticket.id)).map((m): StoryMail => {
    if (m.direction === 'out') return { ...m, text: outText.get(m.id) ?? null, downloadable: false };
    const row = inText.get(m.id);
    return { ...m, text: row?.text ?? null, downloadable: row !== undefined && row.purgedAt === null };
  });
  const o = ticket.originMessageId === null ? undefined : inText.get(ticket.originMessageId);
  return {
    ticket,
    origin: o ? { id: o.id, sender: o.sender, subject: o.subject, text: o.text, receivedAt: o.receivedAt } : null,
    thread,
    events: await ticketEventsOf(db, ticket.id),
  };
}

/** The raw bytes of a stored message, unless retention removed them. */
export async function rawMessage(db: Queryable, id: number): Promise<Buffer | null> {
  const [row] = await db.select({ raw: messages.raw, purgedAt: messages.purgedAt }).from(messages).where(eq(messages.id, id));
  if (!row || row.purgedAt !== null) return null;
  return row.raw;
}
