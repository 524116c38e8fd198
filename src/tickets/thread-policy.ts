import type { TicketRow } from '../db/schema.js';
import type { ThreadActor } from '../mail/route.js';

// What a letter in an existing ticket's thread does, before anything is written. Pure.
//  - Someone other than the requester or staff cannot add to an unverified ticket: its owner has
//    not proved the mailbox, and a guessed thread must not put words beside their name.
//  - A requester writing in a ticket closed longer ago than REOPEN_WITHIN_DAYS starts a new
//    request (naming the old one) instead of reopening a finished case.

export type ThreadDecision = 'append' | 'ignore' | 'new_ticket';

export function threadDecision(
  ticket: Pick<TicketRow, 'status' | 'closedAt'>,
  actor: ThreadActor,
  now: Date,
  reopenWithinDays: number,
): ThreadDecision {
  if (ticket.status === 'unverified' && (actor === 'other' || actor === 'forged_staff')) return 'ignore';
  if (actor === 'requester' && ticket.status === 'closed' && ticket.closedAt) {
    const age = now.getTime() - ticket.closedAt.getTime();
    if (age > reopenWithinDays * 86_400_000) return 'new_ticket';
  }
  return 'append';
}
