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

export const TICKET_STATUSES = ['unverified', 'open', 'closed', 'rejected', 'expired'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses of a ticket staff are working on: due dates run, reminders go, the digest counts them open. */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['open'];

/** Statuses after which nothing more happens; retention counts its years from closed_at. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'rejected', 'expired'];

export function isActiveStatus(status: TicketStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
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
