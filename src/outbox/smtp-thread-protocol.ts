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
 * `held`: the mail goes out whole but for its last line, the lone dot that asks the server to take
 * it, which waits for `release` (or never comes after `withdraw`, and the server drops the mail
 * with the connection). The outbox starts a mail this way while the one before waits to be
 * recorded as sent: the conversation overlaps that write, and still no more than one mail at a
 * time is accepted but unrecorded, the window a crash can turn into a duplicate.
 */
export type SmtpThreadRequest =
  | { kind: 'send'; id: number; mail: Mail.Options; held: boolean }
  | { kind: 'release'; id: number }
  | { kind: 'withdraw'; id: number }
  | { kind: 'close' };

/** The error a withdrawn mail fails with: it never reached the server's queue. */
export const WITHDRAWN = 'EWITHDRAWN';

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
