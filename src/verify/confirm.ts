import { dueDaysFor } from '../config.js';
import type { Db, Queryable } from '../db/client.js';
import type { TicketRow } from '../db/schema.js';
import { clockStartAt } from '../deadlines/clock-start.js';
import { addWorkingDays, weekdayCalendar, workingDaysLeft } from '../deadlines/working-days.js';
import { bumpedAt, transition } from '../tickets/ticket.js';
import { rightsWithConfidence } from '../tickets/staff-mail.js';
import type { VerifyDeps } from './deps.js';
import { queueMail, threadTo } from './mail.js';
import { insertEvent } from '../db/queries/tickets.js';
import { VERIFY_EVENTS, findToken, lockToken, markTokenUsed, originOf, updateTicket, type TokenRow } from '../db/queries/verification.js';
import { hashToken, isWellFormedToken, linkState, tokenRef, type LinkState } from './token.js';

// What a click on the confirmation page does. GET only looks (inspectLink); the POST acts
// (confirmRequest / rejectRequest). Acting locks the token and the ticket, decides from what it
// finds, and changes status, token, events and outbox in one transaction: a repeated POST finds
// the work done and reports the same state instead of doing it twice.

export type LinkAction = 'confirm' | 'reject';

export type LinkView =
  | { state: 'unknown' }
  | { state: LinkState; ticket: TicketRow; token: Pick<TokenRow, 'expiresAt' | 'usedAt' | 'usedFor'> };

export type LinkResult =
  /** This request did it: the ticket is now open (confirm) or rejected (reject). */
  | { done: true; action: LinkAction; ticket: TicketRow }
  /** Nothing changed: the link was unknown, expired, or the ticket had moved on already. */
  | ({ done: false } & LinkView);

/** Reads what a link stands for, changing nothing (mail scanners open links too). */
export async function inspectLink(db: Queryable, token: string, now: Date): Promise<LinkView> {
  if (!isWellFormedToken(token)) return { state: 'unknown' };
  const found = await findToken(db, hashToken(token));
  if (!found) return { state: 'unknown' };
  return { state: linkState(found.token, found.ticket.status, now), ticket: found.ticket, token: found.token };
}

/** The requester confirms the mailbox: unverified -> open, due date set, acknowledgement and staff notice queued. */
export function confirmRequest(db: Db, deps: VerifyDeps, token: string): Promise<LinkResult> {
  return useLink(db, deps, token, 'confirm');
}

/** "This was not me": unverified -> rejected, closed now. No mail: the address may belong to a forgery's victim. */
export function rejectRequest(db: Db, deps: VerifyDeps, token: string): Promise<LinkResult> {
  return useLink(db, deps, token, 'reject');
}

export async function useLink(db: Db, deps: VerifyDeps, token: string, action: LinkAction): Promise<LinkResult> {
  if (!isWellFormedToken(token)) return { done: false, state: 'unknown' };
  const now = deps.now();
  const result = await db.transaction(async (tx): Promise<LinkResult> => {
    const found = await lockToken(tx, hashToken(token));
    if (!found) return { done: false, state: 'unknown' };
    const state = linkState(found.token, found.ticket.status, now);
    if (state !== 'valid') return { done: false, state, ticket: found.ticket, token: found.token };
    await markTokenUsed(tx, found.token.id, action, now);
    const ticket =
      action === 'confirm'
        ? await applyConfirm(tx, deps, found.ticket, now, tokenRef(token))
        : await applyReject(tx, found.ticket, now, tokenRef(token));
    return { done: true, action, ticket };
  });
  if (result.done) {
    deps.log.info({ msg: action === 'confirm' ? 'request confirmed' : 'request rejected by requester', component: 'verify', ticketId: result.ticket.id, tokenRef: tokenRef(token) });
  }
  return result;
}

async function applyConfirm(tx: Queryable, deps: VerifyDeps, ticket: TicketRow, now: Date, ref: string): Promise<TicketRow> {
  const { config } = deps;
  const workingDays = dueDaysFor(config, ticket.rights);
  const calendar = deps.calendar ?? weekdayCalendar;
  const clockStart = config.deadlines.clockStart;
  const due = addWorkingDays(clockStartAt(clockStart, ticket, now), workingDays, { calendar, timeZone: config.org.timeZone, clockStart });
  const updated = await updateTicket(tx, ticket.id, 'unverified', {
    status: transition(ticket.status, 'confirm'),
    verifiedAt: now,
    dueAt: due.dueAt,
    dueBasis: { ...due.basis, rights: ticket.rights },
    updatedAt: bumpedAt(ticket.updatedAt, now),
  });
  // The row is locked and was unverified, so the update cannot miss; if it does, roll back loudly.
  if (!updated) throw new Error(`ticket ${ticket.id} changed under its lock`);
  await insertEvent(tx, {
    ticketId: ticket.id,
    at: now,
    actor: 'requester',
    kind: VERIFY_EVENTS.confirmed,
    data: { dueAt: due.dueAt.toISOString(), workingDays, calendar: due.basis.calendar, clockStart, tokenRef: ref },
  });

  const origin = await originOf(tx, ticket);
  const common = {
    ticketNumber: ticket.number,
    requesterName: ticket.requesterName,
    rights: ticket.rights,
    triage: ticket.triage,
    dueAt: due.dueAt,
  };
  const threading = threadTo(origin);
  await queueMail(tx, deps, {
    template: 'acknowledgement',
    language: ticket.language,
    to: ticket.requesterEmail,
    ticket,
    vars: { ...common, workingDays, daysLeft: workingDaysLeft(calendar, now, due.dueAt, config.org.timeZone) },
    ...(threading ? { threading } : {}),
    dedupKey: `acknowledgement:${ticket.id}`,
  });
  await queueMail(tx, deps, {
    template: 'staff_new_ticket',
    language: config.staffLanguage,
    to: config.staffNotifyAddress,
    ticket,
    vars: {
      ...common,
      requesterEmail: ticket.requesterEmail,
      subject: ticket.subject,
      receivedAt: ticket.receivedAt,
      daysLeft: workingDaysLeft(calendar, now, due.dueAt, config.org.timeZone),
      rightsDetail: rightsWithConfidence(ticket.rights, ticket.confidence),
      requestText: origin.textBody ?? '',
    },
    dedupKey: `staff_new_ticket:${ticket.id}`,
  });
  return updated;
}

async function applyReject(tx: Queryable, ticket: TicketRow, now: Date, ref: string): Promise<TicketRow> {
  const updated = await updateTicket(tx, ticket.id, 'unverified', {
    status: transition(ticket.status, 'reject'),
    closedAt: now,
    updatedAt: bumpedAt(ticket.updatedAt, now),
  });
  if (!updated) throw new Error(`ticket ${ticket.id} changed under its lock`);
  await insertEvent(tx, {
    ticketId: ticket.id,
    at: now,
    actor: 'requester',
    kind: VERIFY_EVENTS.rejected,
    data: { via: 'confirmation_page', tokenRef: ref },
  });
  return updated;
}
