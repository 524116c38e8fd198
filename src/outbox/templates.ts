import type { Right } from '../domain.js';

// The mail templates and the variables each one needs. Callers pass exactly these; the renderer
// adds what comes from configuration (organisation name, support address, privacy-policy link,
// footer, the request subject to write with). `null` means "known to be absent" and the template
// words around it; a variable that is `undefined` is a bug and fails with PD_TEMPLATE_VARIABLE.
// Dates are rendered in the organisation's time zone and the mail's language.

/** Mail to the requester. */
export const REQUESTER_TEMPLATES = [
  'confirm_request',
  'confirm_reminder',
  'confirm_expired',
  'too_large',
  'acknowledgement',
  'due_extended',
  'staff_reply_relay',
  'closing',
  'rejected',
] as const;

/** Mail to staff and managers. */
export const STAFF_TEMPLATES = [
  'staff_new_ticket',
  'staff_requester_reply',
  'staff_command_error',
  'staff_relay_files_left_out',
  'staff_ticket_status',
  'staff_due_soon',
  'staff_overdue',
  'manager_digest',
  'staff_login',
] as const;

export const TEMPLATE_NAMES = [...REQUESTER_TEMPLATES, ...STAFF_TEMPLATES] as const;

export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export function isRequesterTemplate(name: TemplateName): boolean {
  return (REQUESTER_TEMPLATES as readonly TemplateName[]).includes(name);
}

export function isTemplateName(value: string): value is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(value);
}

/** Every ticket mail carries its number in the subject and the body. */
interface TicketMail {
  /** `DSR-2026-000042`. */
  ticketNumber: string;
}

/** What the bot understood from the letter, said back in plain words. */
interface Understood {
  rights: Right[];
  /** No right recognised: the mail says staff will read the letter instead of listing rights. */
  triage: boolean;
}

interface Requester {
  /** Display name from the From header; null when there was none (greeting without a name). */
  requesterName: string | null;
}

/** One bar of the digest's chart of open tickets by working days left, drawn with table cells. */
export interface DigestBar {
  /** A label key in strings.json (`overdue`, `today`, `d1`, ...). */
  bucket: string;
  count: number;
  /** Bar width in pixels; `hasBar` is false for an empty bucket (no zero-width cell). */
  width: number;
  hasBar: boolean;
  color: string;
}

export interface TemplateVars {
  /** Sent once a request arrives: "confirm that this mailbox is yours". */
  confirm_request: TicketMail & Requester & Understood & {
    confirmUrl: string;
    expiresAt: Date;
  };
  /**
   * A request too large to take (MAX_MESSAGE_BYTES), usually for an attachment: no ticket was
   * opened; how to send it again. Goes to an address nobody has confirmed: no name, no subject echoed.
   */
  too_large: {
    /** The size it had and the limit, as people read them (`31 MB`, `25 MB`). */
    size: string;
    limit: string;
  };
  /** Sent when the requester has not confirmed after a while. */
  confirm_reminder: TicketMail & Requester & Understood & {
    confirmUrl: string;
    expiresAt: Date;
  };
  /** The request was never confirmed and is closed; how to start again comes from configuration. */
  confirm_expired: TicketMail & Requester & {
    receivedAt: Date;
  };
  /** After confirmation: the request is registered, answer due by dueAt. */
  acknowledgement: TicketMail & Requester & Understood & {
    dueAt: Date;
    /** The number of working days the due date was counted with. */
    workingDays: number;
    /** Working days from today to the due date (less than workingDays when the clock started at arrival). */
    daysLeft: number;
  };
  /** Staff extended the due date: the new date, by how many working days, and why. */
  due_extended: TicketMail & Requester & {
    previousDueAt: Date;
    dueAt: Date;
    /** Working days added. */
    days: number;
    daysLeft: number;
    /** Why, in plain text (as staff wrote it). */
    reason: string;
  };
  /** A staff answer relayed to the requester (plain text, line breaks kept). */
  staff_reply_relay: TicketMail & Requester & {
    answerText: string;
  };
  /** The request is done. */
  closing: TicketMail & Requester & Understood & {
    /** An optional closing note from staff (plain text). */
    note: string | null;
  };
  /** The request was not taken up (requester said "not me", or staff rejected it). */
  rejected: TicketMail & Requester & {
    /** Why, in plain text; null gives a neutral sentence. */
    reason: string | null;
  };
  /** To staff: a verified request to work on; they answer by replying in this thread. */
  staff_new_ticket: TicketMail & Requester & Understood & {
    requesterEmail: string;
    subject: string | null;
    receivedAt: Date;
    dueAt: Date;
    /** Working days from now to the due date (0 on the due day). */
    daysLeft: number;
    /** The rights with the classifier's confidence, as staff write them: `erasure 93%, access 61%`. */
    rightsDetail: string;
    /** The requester's letter, quotes stripped (plain text). */
    requestText: string;
  };
  /** To staff: the requester (or, flagged, someone else) wrote again in the thread. */
  staff_requester_reply: TicketMail & Requester & {
    requesterEmail: string;
    replyText: string;
    /** Null when the ticket is not open yet (no due date). */
    dueAt: Date | null;
    /** The sender's address when it is not the requester's: staff must not take it for theirs. */
    otherSender: string | null;
    /** The ticket was closed and this letter reopened it. */
    reopened: boolean;
  };
  /** To one staff member: their reply's commands were not applied, and why. */
  staff_command_error: TicketMail & {
    /** One line per problem, e.g. `line 2 "#extend five": #extend needs a number of working days`. */
    problems: string[];
  };
  /** To one staff member: their answer was relayed without some attachments, over the relay limit. */
  staff_relay_files_left_out: TicketMail & {
    /** One line per file left out: its name (or "(no name)") and size. */
    files: string[];
    /** RELAY_MAX_ATTACHMENT_BYTES, as a size people read (`10 MB`). */
    limit: string;
  };
  /** To one staff member, answering `#status`: where the ticket stands. */
  staff_ticket_status: TicketMail & Understood & {
    status: string;
    requesterEmail: string;
    assignee: string | null;
    dueAt: Date | null;
    events: Array<{ at: Date; actor: string; kind: string }>;
  };
  /** To staff: the answer is due in `daysLeft` working days. */
  staff_due_soon: TicketMail & Understood & {
    requesterEmail: string;
    dueAt: Date;
    daysLeft: number;
  };
  /** To staff: the due date has passed. */
  staff_overdue: TicketMail & Understood & {
    requesterEmail: string;
    dueAt: Date;
    daysOverdue: number;
  };
  /** To managers: the daily SLA picture (ticket numbers only, no requester text). */
  manager_digest: {
    /** The moment the digest is as of. */
    date: Date;
    counts: { overdue: number; dueToday: number; dueSoon: number; waiting: number };
    /** Every ticket status (label key) and its count. */
    byStatus: Array<{ status: string; count: number }>;
    /** Open tickets per right (canonical names). */
    byRight: Array<{ name: Right; count: number }>;
    openedYesterday: number;
    closedYesterday: number;
    dueToday: string[];
    dueSoon: Array<{ ticketNumber: string; daysLeft: number }>;
    /** Oldest due date first. */
    overdue: Array<{ ticketNumber: string; dueAt: Date; daysOverdue: number }>;
    closedLast30Days: number;
    /** Working days from arrival to close, last 30 days; null when none closed. */
    medianDaysToClose: number | null;
    p90DaysToClose: number | null;
    /** Whole percent closed by the due date, last 30 days; null when none closed. */
    onTimePercent: number | null;
    waiting: string[];
    bars: DigestBar[];
    problems: { quarantinedLastDay: number; failedOutbound: number; stalledMailboxes: string[]; calendarWarnings: string[] };
    hasProblems: boolean;
  };
  /** To one staff address: a single-use sign-in link to the staff board (a secret link). */
  staff_login: {
    signInUrl: string;
    expiresAt: Date;
  };
}

export type AnyTemplateVars = TemplateVars[TemplateName];
