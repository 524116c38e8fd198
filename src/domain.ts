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

/** What intake did with one message; exactly one per message. */
export const OUTCOMES = ['ticket', 'thread', 'ignored', 'auto', 'duplicate', 'quarantined'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export function isRight(value: string): value is Right {
  return (RIGHTS as readonly string[]).includes(value);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}
