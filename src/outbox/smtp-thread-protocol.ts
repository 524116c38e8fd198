import type Mail from 'nodemailer/lib/mailer/index.js';

// What the main thread and the SMTP thread (smtp-thread.ts) say to each other. Plain data only:
// it crosses a structured clone, so an error travels as its fields and is rebuilt on arrival.

/** Given to the thread when it starts. */
export interface SmtpThreadSetup {
  url: string;
  connections: number;
  timeouts: { connectMs: number; greetingMs: number; socketMs: number };
}

/**
 * A send may carry the mail that comes after it (`next`): the thread composes that one while this
 * one is on the wire, and the send that follows names it by key and Message-ID with no mail of
 * its own, so the bytes are not cloned twice and each mail costs one wake-up of the thread. Should
 * the thread not have it (a new thread), that send fails with AHEAD_LOST and is made again whole.
 */
export interface AheadMail {
  key: number;
  messageId: string;
  mail: Mail.Options;
}

export type SmtpThreadRequest =
  | { kind: 'send'; id: number; key: number; messageId: string; mail: Mail.Options | null; next: AheadMail | null }
  | { kind: 'close' };

export const AHEAD_LOST = 'EAHEADLOST';

/** How many mails may wait composed ahead; each outbox worker has at most one. */
export const AHEAD_MAX = 16;

/** The fields of a nodemailer error that decide what happens to the mail (delivery-error.ts). */
export interface SmtpErrorFields {
  message: string;
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

export type SmtpThreadReply =
  | 'ready'
  | { id: number; ok: true; response: string | null }
  | { id: number; ok: false; error: SmtpErrorFields };

export function errorFields(err: unknown): SmtpErrorFields {
  const e = typeof err === 'object' && err !== null ? (err as Record<string, unknown>) : {};
  return {
    message: err instanceof Error ? err.message : String(err),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
    ...(typeof e.command === 'string' ? { command: e.command } : {}),
    ...(typeof e.response === 'string' ? { response: e.response } : {}),
  };
}

/** The error as nodemailer would have thrown it in this thread: same message, same fields. */
export function rebuildError(f: SmtpErrorFields): Error {
  const { message, ...rest } = f;
  return Object.assign(new Error(message), rest);
}
