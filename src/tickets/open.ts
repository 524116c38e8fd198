import type { Queryable } from '../db/client.js';
import { insertEvent, insertNumberedTicket } from '../db/queries/tickets.js';
import type { TicketRow } from '../db/schema.js';
import type { Language, Right } from '../domain.js';

// A new request becomes a ticket: unverified until the sender proves the mailbox is theirs.

export interface RequestFacts {
  messageRowId: number;
  requesterEmail: string;
  requesterName: string | null;
  subject: string | null;
  language: Language;
  rights: Right[];
  confidence: Partial<Record<Right, number>>;
  /** Staff must read the letter and set the rights themselves. */
  triage: boolean;
  triageReason: string | null;
  receivedAt: Date;
}

// Making a DateTimeFormat costs far more than using one, and every new ticket needs its year.
const yearFormats = new Map<string, Intl.DateTimeFormat>();

export function yearIn(timeZone: string, at: Date): number {
  let format = yearFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' });
    yearFormats.set(timeZone, format);
  }
  return Number(format.format(at));
}

/** Inserts the ticket and its `created` event; run inside the intake transaction. */
export async function openTicket(tx: Queryable, timeZone: string, f: RequestFacts): Promise<TicketRow> {
  const ticket = await insertNumberedTicket(tx, yearIn(timeZone, f.receivedAt), {
    status: 'unverified',
    requesterEmail: f.requesterEmail,
    requesterName: f.requesterName,
    language: f.language,
    rights: f.rights,
    confidence: f.confidence,
    triage: f.triage,
    subject: f.subject,
    originMessageId: f.messageRowId,
    receivedAt: f.receivedAt,
  });
  await insertEvent(tx, {
    ticketId: ticket.id,
    actor: 'requester',
    kind: 'created',
    messageRowId: f.messageRowId,
    data: { rights: f.rights, confidence: f.confidence, language: f.language, triage: f.triage, triageReason: f.triageReason },
  });
  return ticket;
}
