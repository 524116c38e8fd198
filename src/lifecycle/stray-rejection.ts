import type { Logger } from '../log.js';
import { describeError } from '../errors.js';

// The `postgres` driver can leave a query's rejection without a handler when its connection closes
// under it (a database restart mid-transaction: see patches/postgres+3.4.9.patch for the case
// fixed upstream-style). Every component already retries on its own and /healthz says the database
// is gone, so such a rejection is logged, not fatal. Any other unhandled rejection is a bug: it is
// logged and the process exits 1, as Node would, for a supervisor to restart it.

/** Codes of a connection lost to the database (driver codes and PostgreSQL's admin shutdown). */
const CONNECTION_LOST = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', '57P01', '57P02', '57P03']);

export function isLostConnection(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && CONNECTION_LOST.has(code);
}

export function handleStrayRejections(log: Logger, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  const onRejection = (reason: unknown) => {
    if (isLostConnection(reason)) {
      log.warn({ msg: 'a database query failed with its lost connection and nobody awaited it; work is retried', code: 'PD_DB_UNAVAILABLE', err: describeError(reason) });
      return;
    }
    log.error({ msg: 'unhandled rejection: exiting', err: describeError(reason) });
    exit(1);
  };
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}
