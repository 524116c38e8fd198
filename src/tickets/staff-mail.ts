import type { Queryable } from '../db/client.js';
import { lastRequesterMessage } from '../db/queries/thread.js';
import type { TicketRow } from '../db/schema.js';
import type { Right } from '../domain.js';
import type { ParsedMail } from '../mail/parse.js';
import { threadTo, queueMail } from '../verify/mail.js';
import type { VerifyDeps } from '../verify/deps.js';

// The mails of the staff thread: what goes to the requester (threaded under their latest letter)
// and what goes back to the one staff member who wrote (threaded under their own mail).

/**
 * Pure: the rights as staff name them in `#rights`, each with the classifier's confidence when it
 * gave one (rights set by staff have none): `erasure 93%, access 61%`.
 */
export function rightsWithConfidence(rights: readonly Right[], confidence: Partial<Record<Right, number>>): string {
  return rights
    .map((r) => {
      const c = confidence[r];
      return typeof c === 'number' && Number.isFinite(c) ? `${r} ${Math.round(Math.min(1, Math.max(0, c)) * 100)}%` : r;
    })
    .join(', ');
}

/** Threading for mail to the requester: under their latest letter in this ticket. */
export async function requesterThreading(db: Queryable, ticket: TicketRow) {
  const last = await lastRequesterMessage(db, ticket);
  return last ? threadTo(last) : undefined;
}

/** Threading for an answer to a staff member: under the mail they sent. */
export function staffThreading(parsed: ParsedMail) {
  return threadTo({ messageId: parsed.messageId, references: parsed.references });
}

/** Tells one staff member that their reply did nothing, and why; nothing else happened. */
export async function sendCommandError(
  db: Queryable,
  deps: VerifyDeps,
  ticket: TicketRow,
  to: string,
  message: { messageRowId: number; parsed: ParsedMail },
  problems: string[],
): Promise<void> {
  const threading = staffThreading(message.parsed);
  await queueMail(db, deps, {
    template: 'staff_command_error',
    language: deps.config.staffLanguage,
    to,
    ticket,
    vars: { ticketNumber: ticket.number, problems },
    ...(threading ? { threading } : {}),
    dedupKey: `staff_command_error:${message.messageRowId}`,
  });
}
