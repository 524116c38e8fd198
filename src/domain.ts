// Canonical names shared by every layer: database, CLI output, templates, classifier.

export const RIGHTS = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'consent_withdrawal',
] as const;
export type Right = (typeof RIGHTS)[number];

export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TICKET_STATUSES = ['unverified', 'open', 'in_progress', 'waiting', 'closed', 'rejected', 'expired'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * Statuses in which the request is being worked on and its clock runs: confirmed, not yet closed.
 * `waiting` counts too: asking the requester something does not stop the legal deadline.
 */
export const ACTIVE_STATUSES = ['open', 'in_progress', 'waiting'] as const satisfies readonly TicketStatus[];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/** Statuses after which nothing more happens; retention counts its years from closed_at. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'rejected', 'expired'];

export function isActiveStatus(status: TicketStatus): status is ActiveStatus {
  return (ACTIVE_STATUSES as readonly TicketStatus[]).includes(status);
}

/** What intake did with one message; exactly one per message. */
export const OUTCOMES = ['ticket', 'thread', 'ignored', 'auto', 'duplicate', 'quarantined'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isRight(value: string): value is Right {
  return (RIGHTS as readonly string[]).includes(value);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
