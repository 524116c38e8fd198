// Every error code of privacy-desk, with what it means and what to do. Quarantine reasons are codes
// from this list. docs: README "Error codes" lists them all; test/unit/errors.test.ts keeps both in step.

export const ERROR_CODES = {
  PD_CONFIG_INVALID: { status: 500, message: 'Configuration is invalid' },
  PD_MSG_TOO_LARGE: { status: 413, message: 'Message is larger than MAX_MESSAGE_BYTES' },
  PD_MSG_UNPARSEABLE: { status: 422, message: 'Message could not be parsed as RFC 822 mail' },
  PD_MSG_NO_SENDER: { status: 422, message: 'Message has no usable From address' },
  PD_MSG_AMBIGUOUS_SENDER: { status: 422, message: 'Message names several senders and no Sender header picks one of them' },
  PD_MSG_SPOOFED_NAME: { status: 422, message: 'Message display name shows one of our addresses over a stranger\'s address' },
  PD_MSG_PROCESSING_FAILED: { status: 500, message: 'Message failed processing repeatedly' },
  PD_MSG_TIMEOUT: { status: 500, message: 'Message processing took longer than the time limit' },
  PD_TICKET_NOT_FOUND: { status: 404, message: 'No ticket with that number' },
  PD_TICKET_BAD_TRANSITION: { status: 409, message: 'Ticket status does not allow this change' },
  PD_TOKEN_UNKNOWN: { status: 404, message: 'Confirmation link is not known' },
  PD_TOKEN_EXPIRED: { status: 410, message: 'Confirmation link has expired' },
  PD_TOKEN_USED: { status: 409, message: 'Confirmation link was already used' },
  PD_CSRF: { status: 403, message: 'Form token missing or wrong; reload the page and try again' },
  PD_RATE_LIMITED: { status: 429, message: 'Too many mails to this recipient; held back' },
  PD_TEMPLATE_MISSING: { status: 500, message: 'No such mail template or language' },
  PD_TEMPLATE_VARIABLE: { status: 500, message: 'Template variable missing' },
  PD_SMTP_TRANSIENT: { status: 503, message: 'SMTP delivery failed temporarily; will retry' },
  PD_SMTP_PERMANENT: { status: 502, message: 'SMTP server refused the mail permanently' },
  PD_IMAP_CONNECT: { status: 503, message: 'Could not connect to the IMAP server' },
  PD_IMAP_AUTH: { status: 503, message: 'IMAP login refused' },
  PD_IMAP_MAILBOX: { status: 503, message: 'IMAP mailbox does not exist' },
  PD_IMAP_PROTOCOL: { status: 503, message: 'IMAP_URL does not match what the server speaks' },
  PD_SMTP_AUTH: { status: 503, message: 'SMTP login refused' },
  PD_OUTBOX_DIR: { status: 503, message: 'Outbox folder cannot be written' },
  PD_SMTP_UNICODE_ADDRESS: { status: 502, message: 'Recipient address needs SMTPUTF8' },
  PD_DATA_DIR: { status: 500, message: 'DATA_DIR cannot be written' },
  PD_DISK_FULL: { status: 507, message: 'No space left on the disk' },
  PD_DB_UNAVAILABLE: { status: 503, message: 'Database is not reachable' },
  PD_HTTP_LISTEN: { status: 500, message: 'Could not listen on HTTP_HOST:HTTP_PORT' },
  PD_CLI_USAGE: { status: 400, message: 'Wrong command-line usage' },
  PD_FILE_NOT_FOUND: { status: 400, message: 'File not found or not readable' },
  PD_CALENDAR_INVALID: { status: 500, message: 'Working-day calendar file is invalid' },
  PD_EXTEND_INVALID: { status: 400, message: 'Due-date extension refused' },
  PD_FILE_TOO_LARGE: { status: 413, message: 'Inbox file is larger than MAX_MESSAGE_BYTES; moved aside, headers quarantined' },
  PD_FILE_SYMLINK: { status: 400, message: 'Inbox file is a symbolic link; moved aside unread' },
  PD_FILE_UNREADABLE: { status: 400, message: 'Inbox file could not be read; moved aside' },
  PD_MSG_NOT_QUARANTINED: { status: 404, message: 'No quarantined message with that ID' },
  PD_TICKET_CHANGED: { status: 409, message: 'Ticket changed since the page was drawn; reload it and try again' },
  PD_STAFF_ACTION_INVALID: { status: 400, message: 'Staff action is incomplete or malformed' },
  PD_STAFF_LINK_INVALID: { status: 410, message: 'Staff sign-in link is unknown, used or expired' },
  PD_STAFF_SESSION: { status: 401, message: 'No staff session, or it has expired; sign in again' },
  PD_STAFF_RATE_LIMITED: { status: 429, message: 'Too many sign-in requests; wait and try again' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    const base = ERROR_CODES[code].message;
    super(detail ? `${base}: ${detail}` : base, options);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.detail = detail;
  }
}

/** The words for an operator's log line and /healthz alike: the message, then the code. */
export function codedText(err: AppError): string {
  return `${err.message} [${err.code}]`;
}

export function isAppError(err: unknown, code?: ErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}

/**
 * A short, log-safe description of any thrown value. Drizzle appends the bound parameters of a
 * failed query (`params: …`), which may be a whole raw message or a token: they are cut off.
 */
export function describeError(err: unknown): { message: string; code?: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { message: logSafe(err.message), ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: logSafe(String(err)) };
}

function logSafe(message: string): string {
  const at = message.indexOf('params:');
  const cut = at < 0 ? message : message.slice(0, at).trimEnd();
  return cut.length > 1000 ? `${cut.slice(0, 1000)}…` : cut;
}
