import { ACTIVE_STATUSES, type TicketStatus } from '../domain.js';
import { AppError } from '../errors.js';

// The ticket's life as a closed state machine. Every change of status goes through `transition`,
// so an illegal move (confirming a closed ticket, reopening an expired one) is an error, not a bug.
//
//   unverified --confirm--> open --answer--> in_progress --ask--> waiting --resume--> in_progress
//        |  \--reject/expire--> rejected/expired      any active --close--> closed --reopen--> open
//        \--dismiss (staff)--> rejected               any active --dismiss--> rejected

export type TicketAction =
  | 'confirm' // requester confirmed the mailbox: unverified -> open
  | 'reject' // requester said "this was not me": unverified -> rejected
  | 'expire' // not confirmed in time: unverified -> expired
  | 'answer' // staff answered and work goes on: -> in_progress
  | 'ask' // staff asked the requester something: -> waiting (the due date does not move)
  | 'resume' // the requester answered a question: waiting -> in_progress
  | 'close' // staff closed it with an answer: -> closed
  | 'dismiss' // staff rejected it with a reason: -> rejected
  | 'reopen'; // the requester wrote again soon after closing: closed -> open

const ACTIVE: readonly TicketStatus[] = ACTIVE_STATUSES;

const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  confirm: { from: ['unverified'], to: 'open' },
  reject: { from: ['unverified'], to: 'rejected' },
  expire: { from: ['unverified'], to: 'expired' },
  answer: { from: ACTIVE, to: 'in_progress' },
  ask: { from: ACTIVE, to: 'waiting' },
  resume: { from: ['waiting'], to: 'in_progress' },
  close: { from: ACTIVE, to: 'closed' },
  dismiss: { from: ['unverified', ...ACTIVE], to: 'rejected' },
  reopen: { from: ['closed'], to: 'open' },
};

export function canTransition(status: TicketStatus, action: TicketAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status after `action`, or PD_TICKET_BAD_TRANSITION naming both. */
export function transition(status: TicketStatus, action: TicketAction): TicketStatus {
  if (!canTransition(status, action)) {
    throw new AppError('PD_TICKET_BAD_TRANSITION', `cannot ${action} a ticket that is ${status}`);
  }
  return TRANSITIONS[action].to;
}


/**
 * The updated_at a change writes: now, but strictly later than the ticket's last change (at the
 * millisecond precision pages carry), so a stale page is told apart even with a coarse or skewed clock.
 */
export function bumpedAt(previous: Date, now: Date): Date {
  const last = Math.floor(previous.getTime());
  return now.getTime() > last ? now : new Date(last + 1);
}

/** Statuses in which the ticket is finished and its clock no longer runs. */
export function isFinal(status: TicketStatus): boolean {
  return status === 'closed' || status === 'rejected' || status === 'expired';
}

/**
 * `DSR-2026-000042`: the year received (in the organisation's time zone) and a global sequence of
 * at least six digits, made by the insert itself (db/queries/tickets.ts insertNumberedTicket).
 */
export const TICKET_NUMBER_RE = /\bDSR-(\d{4})-(\d{6,})\b/i;
