import type { Outcome } from '../domain.js';

/** One message as a mailbox source hands it to intake. */
export interface IncomingMail {
  /** The mailbox it came from, e.g. `imap:INBOX` or `local`. */
  mailbox: string;
  /** Unique per delivery: `imap:<mailbox>:<uidvalidity>:<uid>`, `local:<sha256>`, `cli:<sha256>`. */
  sourceKey: string;
  uidValidity?: number;
  uid?: number;
  raw: Buffer;
  /**
   * The message's real size, when `raw` holds only its headers: a message larger than
   * MAX_MESSAGE_BYTES is never read whole, and intake quarantines it as PD_MSG_TOO_LARGE.
   */
  size?: number;
  internalDate?: Date;
}

/** What intake did with one message: exactly one outcome. */
export interface IngestResult {
  messageRowId: number | null;
  outcome: Outcome;
  /** Public ticket number, when the message opened or joined a ticket (or duplicates one that did). */
  ticket?: string;
  /** Error code for quarantine, or a short reason for the other outcomes. */
  reason?: string;
}

/** The intake side a mailbox source talks to. */
export interface MailSink {
  /** Stores the message and processes it before returning. */
  receive(mail: IncomingMail): Promise<IngestResult>;
  /**
   * Stores a batch (one mailbox and UIDVALIDITY, in UID order) in one transaction that also moves
   * the cursor past it; the intake workers process it afterwards. A source uses it when present.
   */
  store?(mails: readonly IncomingMail[]): Promise<void>;
}
