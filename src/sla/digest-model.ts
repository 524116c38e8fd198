import type { Right, TicketStatus } from '../domain.js';

// The managers' daily SLA picture, computed once (src/sla/digest.ts) and shown three ways:
// terminal text, the mail (HTML and text) and JSON. Ticket numbers only; no requester text.

/** One ticket as the digest reads it from the database. */
export interface DigestTicketRow {
  number: string;
  status: TicketStatus;
  rights: Right[];
  receivedAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
}

/** Things that need a person, gathered beside the tickets. */
export interface DigestProblems {
  quarantinedLastDay: number;
  failedOutbound: number;
  /** Mailboxes not polled successfully for over an hour. */
  stalledMailboxes: string[];
  /** From the calendar: e.g. next year's holidays not published yet. */
  calendarWarnings: string[];
}

/** Working days left, grouped for the bar chart. */
export const BAR_BUCKETS = ['overdue', 'today', 'd1', 'd2', 'd3', 'd4_5', 'd6_10', 'd11_plus'] as const;
export type BarBucket = (typeof BAR_BUCKETS)[number];

export interface Digest {
  /** The moment it was computed as of, and that moment's local date (YYYY-MM-DD). */
  at: Date;
  date: string;
  /** Every status, zero included. */
  byStatus: Record<string, number>;
  /** Active tickets per right (a ticket asking for two rights counts under both). */
  byRight: Record<Right, number>;
  /** Received or closed on the previous calendar day. */
  openedYesterday: string[];
  closedYesterday: string[];
  dueToday: string[];
  /** Due within 3 working days after today. */
  dueSoon: Array<{ number: string; workingDaysLeft: number }>;
  /** Oldest due date first. */
  overdue: Array<{ number: string; dueAt: Date; workingDaysOverdue: number }>;
  /** Arrival to close, in working days, over tickets closed in the last 30 days; null when none. */
  closedLast30Days: number;
  medianWorkingDaysToClose: number | null;
  p90WorkingDaysToClose: number | null;
  /** Closed by the due date / closed, last 30 days; null when none closed. */
  onTimeShare: number | null;
  waitingConfirmation: string[];
  bars: Array<{ bucket: BarBucket; count: number }>;
  problems: DigestProblems;
}
