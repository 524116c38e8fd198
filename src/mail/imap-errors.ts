import { AppError, isAppError } from '../errors.js';

// What an IMAP failure means for the operator, as a coded error whose words say what to fix.
// Pure: takes what imapflow threw (or the mailbox names LIST returned) and the configured endpoint.
// imapflow's shapes, as seen against Dovecot: a refused LOGIN has `authenticationFailed` and
// `serverResponseCode: 'AUTHENTICATIONFAILED'`; a missing mailbox `mailboxMissing` (or
// `NONEXISTENT`); imaps:// to a plain port fails the handshake with `ERR_SSL_WRONG_VERSION_NUMBER`
// (`EPROTO` on older Node); a port that closes on us says `ClosedAfterConnectText`/`…TLS`; one that
// talks but not IMAP ends in `GREETING_TIMEOUT`; required STARTTLS that is missing, `tlsFailed`.

export interface ImapEndpoint {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  mailbox: string;
}

/** Codes that need a person to change IMAP_URL or the server: retried slowly, logged at error. */
export const OPERATOR_IMAP_CODES = ['PD_IMAP_AUTH', 'PD_IMAP_MAILBOX', 'PD_IMAP_PROTOCOL'] as const;

export function needsOperator(err: unknown): err is AppError {
  return OPERATOR_IMAP_CODES.some((code) => isAppError(err, code));
}

interface ImapFlowErrorLike {
  message?: unknown;
  code?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  mailboxMissing?: unknown;
  tlsFailed?: unknown;
  responseText?: unknown;
}

function fields(err: unknown): ImapFlowErrorLike {
  return typeof err === 'object' && err !== null ? (err as ImapFlowErrorLike) : {};
}

const at = (ep: ImapEndpoint) => `${ep.host}:${ep.port}`;
const scheme = (ep: ImapEndpoint) => (ep.secure ? 'imaps://' : 'imap://');

/** An error of connect() (greeting, STARTTLS, LOGIN) as a coded error. */
export function imapConnectError(err: unknown, ep: ImapEndpoint): AppError {
  if (err instanceof AppError) return err;
  const f = fields(err);
  const code = typeof f.code === 'string' ? f.code : '';
  const message = typeof f.message === 'string' ? f.message : String(err);
  const responseCode = typeof f.serverResponseCode === 'string' ? f.serverResponseCode.toUpperCase() : '';
  if (f.authenticationFailed === true || responseCode === 'AUTHENTICATIONFAILED' || responseCode === 'AUTHORIZATIONFAILED') {
    return new AppError('PD_IMAP_AUTH', `${ep.user} at ${at(ep)}; check the user and password in IMAP_URL`, { cause: err });
  }
  if (f.tlsFailed === true) {
    return new AppError(
      'PD_IMAP_PROTOCOL',
      `${at(ep)} (imap://) offers no STARTTLS, and the password is not sent in clear to a host that is not loopback: ` +
        'use imaps:// with the TLS port (usually 993), or set IMAP_ALLOW_PLAINTEXT=true on a network you trust',
      { cause: err },
    );
  }
  const tlsMismatch = code === 'EPROTO' || code.startsWith('ERR_SSL_') || /wrong version number|ssl3_get_record|unknown protocol/i.test(message);
  if (ep.secure && tlsMismatch) {
    return new AppError(
      'PD_IMAP_PROTOCOL',
      `${at(ep)} does not speak TLS (imaps://): use imap:// for this port, or the server's TLS port (usually 993)`,
      { cause: err },
    );
  }
  const notImap =
    code === 'ClosedAfterConnectText' || code === 'ClosedAfterConnectTLS' || code === 'GREETING_TIMEOUT' ||
    code === 'InvalidResponse' || code.startsWith('ParserError') || (!ep.secure && tlsMismatch);
  if (notImap) {
    return new AppError(
      'PD_IMAP_PROTOCOL',
      ep.secure
        ? `${at(ep)} gave no IMAP greeting over TLS (imaps://): the port is not IMAP over TLS; for a plain or STARTTLS port (usually 143) use imap://`
        : `${at(ep)} gave no IMAP greeting (imap://): the port is not IMAP, or it expects TLS from the start; then use imaps://`,
      { cause: err },
    );
  }
  return new AppError('PD_IMAP_CONNECT', `${scheme(ep)}${at(ep)}: ${message.split('\n')[0]}`, { cause: err });
}

/** True when SELECT/EXAMINE failed because the mailbox is not there. */
export function isMailboxMissing(err: unknown): boolean {
  const f = fields(err);
  if (f.mailboxMissing === true) return true;
  const responseCode = typeof f.serverResponseCode === 'string' ? f.serverResponseCode.toUpperCase() : '';
  return responseCode === 'NONEXISTENT' || (typeof f.responseText === 'string' && /doesn't exist|does not exist|no such mailbox/i.test(f.responseText));
}

const MAX_LISTED = 20;

/** The mailbox asked for is missing: name it and list those that exist (LIST result). */
export function imapMailboxMissing(ep: ImapEndpoint, existing: readonly string[], cause?: unknown): AppError {
  const names = [...existing].sort((a, b) => (a === 'INBOX' ? -1 : b === 'INBOX' ? 1 : a.localeCompare(b)));
  const shown = names.slice(0, MAX_LISTED).map((n) => `"${n}"`).join(', ');
  const more = names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : '';
  const list = names.length > 0 ? `; mailboxes of ${ep.user}: ${shown}${more}` : `; ${ep.user} has no mailboxes`;
  return new AppError(
    'PD_IMAP_MAILBOX',
    `"${ep.mailbox}" at ${at(ep)}${list}. Set IMAP_MAILBOX (or the path of IMAP_URL) to one of them`,
    cause === undefined ? undefined : { cause },
  );
}
