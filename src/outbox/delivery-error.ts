// How a failed SMTP delivery should be treated, after EmailEngine's lib/delivery-error.js:
//   permanent    the server refused this mail (5xx except 503), or nodemailer says the envelope is
//                wrong (EENVELOPE): retrying the same mail will not help
//   unavailable  no SMTP conversation at all (connection refused, DNS, greeting timeout), or our
//                login was refused (EAUTH, a 5xx to AUTH): the server or our configuration is wrong,
//                not the mail; the worker pauses, shows it in /healthz, and the attempt is not
//                counted, so fixing SMTP_URL delivers the backlog instead of failing all of it
//   transient    anything else (4xx, 503, timeouts mid-conversation, unknown): retry with backoff

import { AppError, isAppError } from '../errors.js';

export type DeliveryErrorKind = 'permanent' | 'transient' | 'unavailable';

const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE']);
const UNAVAILABLE_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONNECTION', 'ECONNREFUSED', 'ECONNRESET', 'EDNS', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

interface SmtpErrorLike {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

function fields(err: unknown): SmtpErrorLike {
  return typeof err === 'object' && err !== null ? (err as SmtpErrorLike) : {};
}

export function classifyDeliveryError(err: unknown): DeliveryErrorKind {
  // The outbox folder cannot be written: like a server that does not answer.
  if (isAppError(err, 'PD_OUTBOX_DIR') || isAppError(err, 'PD_DISK_FULL')) return 'unavailable';
  const { code, responseCode, command } = fields(err);
  if (code === 'EAUTH' || (typeof command === 'string' && command.toUpperCase().startsWith('AUTH'))) return 'unavailable';
  if (typeof responseCode === 'number' && responseCode >= 200) {
    if (responseCode >= 500 && responseCode !== 503) return 'permanent';
    return 'transient';
  }
  if (typeof code === 'string') {
    if (PERMANENT_CODES.has(code)) return 'permanent';
    // A connection error while connecting, or a greeting that never came: nobody is answering.
    if (UNAVAILABLE_CODES.has(code) || (command === 'CONN' && (code === 'ETIMEDOUT' || code === 'ESOCKET'))) {
      return 'unavailable';
    }
  }
  return 'transient';
}

export function isPermanentDeliveryError(err: unknown): boolean {
  return classifyDeliveryError(err) === 'permanent';
}

/** A short code for the outbox row: `SMTP_550`, `EAUTH`, ... */
export function deliveryErrorCode(err: unknown): string {
  const { code, responseCode } = fields(err);
  if (typeof responseCode === 'number') return `SMTP_${responseCode}`;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  return 'UNKNOWN';
}

/** The error text for the row and the log: one line, bounded; SMTP replies carry no mail bodies. */
export function deliveryErrorMessage(err: unknown, max = 500): string {
  const raw = err instanceof Error ? err.message : String(err);
  const line = raw.replace(/[\r\n]+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Our login was refused (EAUTH, or 535 to AUTH): the fix is in SMTP_URL, not in the mail. */
export function isSmtpAuthError(err: unknown): boolean {
  const { code, responseCode, command } = fields(err);
  return code === 'EAUTH' || responseCode === 535 || (typeof command === 'string' && command.toUpperCase().startsWith('AUTH'));
}

/**
 * A failure only the operator can fix, as a coded error: a refused SMTP login (naming user and
 * server, never the password), or the outbox folder. Null for everything else.
 */
export function operatorDeliveryError(err: unknown, smtpUrl: string | null): AppError | null {
  if (isAppError(err, 'PD_OUTBOX_DIR') || isAppError(err, 'PD_DISK_FULL')) return err;
  if (smtpUrl === null || !isSmtpAuthError(err)) return null;
  const u = new URL(smtpUrl);
  const port = u.port || (u.protocol === 'smtps:' ? '465' : '587');
  const user = u.username ? decodeURIComponent(u.username) : '(no user)';
  return new AppError('PD_SMTP_AUTH', `${user} at ${u.hostname}:${port}; check the user and password in SMTP_URL`, { cause: err });
}
