import type { Queryable } from '../db/client.js';
import { ticketIdsForMessageIds } from '../db/queries/messages.js';
import { ticketByNumber, ticketIdsForOutboxMessageIds, ticketsByIds } from '../db/queries/tickets.js';
import type { TicketRow } from '../db/schema.js';
import { extractTicketNumber } from './subject.js';

// Which ticket does a message point at? In-Reply-To first, then References from the newest back:
// our outbound Message-IDs, the requester's stored messages, and our signed Message-IDs (which
// still name the ticket when a provider dropped our outbox row or rewrote the thread).

export async function findReferencedTicket(
  db: Queryable,
  ids: Array<string | null>,
  ourTicketNumber?: (messageId: string) => string | null,
): Promise<TicketRow | null> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))].slice(0, 100);
  if (wanted.length === 0) return null;
  const found = new Map<string, number>();
  for (const r of await ticketIdsForOutboxMessageIds(db, wanted)) found.set(r.messageId, r.ticketId);
  for (const r of await ticketIdsForMessageIds(db, wanted)) if (!found.has(r.messageId)) found.set(r.messageId, r.ticketId);
  for (const id of wanted) {
    const ticketId = found.get(id);
    if (ticketId !== undefined) return (await ticketsByIds(db, [ticketId]))[0] ?? null;
    const number = ourTicketNumber?.(id);
    if (number) {
      const t = await ticketByNumber(db, number);
      if (t) return t;
    }
  }
  return null;
}

export async function findTaggedTicket(db: Queryable, subject: string | null): Promise<TicketRow | null> {
  const number = extractTicketNumber(subject);
  return number ? ticketByNumber(db, number) : null;
}
