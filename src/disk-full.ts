import { AppError, describeError, isAppError } from './errors.js';

// A full disk is the operator's to fix and says nothing about the message or mail in hand: the
// work waits and is tried again, never counted against the message. It shows up as Node's ENOSPC
// (the mail folders) or as PostgreSQL's disk_full, SQLSTATE 53100 (PGlite's files, wrapped by
// drizzle as the cause of "Failed query").

function codeOf(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/** Whether err, or any error in its cause chain, is a full disk. */
export function isDiskFull(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    if (isAppError(e, 'PD_DISK_FULL')) return true;
    const code = codeOf(e);
    if (code === 'ENOSPC' || code === '53100') return true;
    if (e instanceof Error && /No space left on device/.test(e.message)) return true;
    e = e instanceof Error ? e.cause : undefined;
  }
  return false;
}

/** The innermost message of the cause chain: PGlite's or the file system's own words. */
function rootMessage(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; e instanceof Error && e.cause !== undefined && depth < 8; depth++) e = e.cause;
  return describeError(e).message;
}

/**
 * The coded error for a full disk, naming what waits and the system's own words (`could not
 * extend file "base/5/16385": No space left on device`); null when err is something else.
 */
export function diskFullError(err: unknown, what: string): AppError | null {
  if (!isDiskFull(err)) return null;
  if (isAppError(err, 'PD_DISK_FULL')) return err;
  return new AppError('PD_DISK_FULL', `${what} (${rootMessage(err)})`, { cause: err });
}
