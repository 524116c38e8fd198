import type { TicketStatus } from '../domain.js';
import { AppError } from '../errors.js';

// The ticket's life as a closed state machine. Every change of status goes through `transition`,
// so an illegal move (confirming a closed ticket, reopening an expired one) is an error, not a bug.

export type TicketAction =
  | 'confirm' // requester confirmed the mailbox: unverified -> open
  | 'reject' // requester said "this was not me": unverified -> rejected
  | 'expire' // not confirmed in time: unverified -> expired
  | 'close' // staff closed it: open -> closed
  | 'reopen'; // staff reopened it: closed -> open

const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  confirm: { from: ['unverified'], to: 'open' },
  reject: { from: ['unverified'], to: 'rejected' },
  expire: { from: ['unverified'], to: 'expired' },
  close: { from: ['open'], to: 'closed' },
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
 * Statuses in which staff work on the ticket and its clock runs: the one place that says so.
 * 'in_progress' and 'waiting' arrive with the staff-threads issue; listing them now keeps every
 * check (extensions, reminders) right the day they appear.
 */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['open', 'in_progress', 'waiting']);

export function isActive(status: string): boolean {
  return ACTIVE_STATUSES.has(status);
}

/** Statuses in which the ticket is finished and its clock no longer runs. */
export function isFinal(status: TicketStatus): boolean {
  return status === 'closed' || status === 'rejected' || status === 'expired';
}

/** `DSR-2026-000042`: the year received (in the organisation's time zone) and a global sequence. */
export function formatTicketNumber(year: number, seq: number): string {
  return `DSR-${year}-${String(seq).padStart(6, '0')}`;
}

export const TICKET_NUMBER_RE = /\bDSR-(\d{4})-(\d{6,})\b/i;
