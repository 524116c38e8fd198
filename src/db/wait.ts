import type { Config } from '../config.js';
import { AppError, describeError } from '../errors.js';
import { Backoff, type BackoffOptions } from '../lifecycle/backoff.js';
import { sleep } from '../lifecycle/loop.js';
import type { StatusBoard } from '../lifecycle/status.js';
import type { Logger } from '../log.js';
import type { Database } from './client.js';
import { migrate } from './migrate.js';

// Waiting for PostgreSQL at start: connect and migrate, and while the server cannot be reached
// try again with backoff (like IMAP), one PD_DB_UNAVAILABLE line per attempt naming host and port
// (never the password), until it answers, DB_WAIT_SECONDS runs out, or the service is stopped.

export interface WaitOptions {
  /** Null: wait without limit. 0: one attempt. */
  waitSeconds: number | null;
  log: Logger;
  status?: StatusBoard;
  signal?: AbortSignal;
  backoff?: BackoffOptions;
}

/** Host and port of DATABASE_URL, safe to log. */
export function databaseEndpoint(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: decodeURIComponent(u.hostname) || 'localhost', port: u.port ? Number(u.port) : 5432 };
}

// Errors that mean "not reachable (yet)": no server, a server starting or shutting down, a
// connection that dropped. A wrong password or a failing migration is not waited out.
const TRANSIENT_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const TRANSIENT_DRIVER = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);

export function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
  return TRANSIENT_NODE.has(code) || TRANSIENT_DRIVER.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code);
}

/** Migrates the database once it answers. Resolves false when stopped while waiting. */
export async function waitForDatabase(database: Database, config: Config, o: WaitOptions): Promise<boolean> {
  if (database.kind === 'pglite' || config.database.kind !== 'postgres') {
    await migrate(database);
    return true;
  }
  const { host, port } = databaseEndpoint(config.database.url);
  const backoff = new Backoff({ baseMs: 1000, maxMs: 30_000, jitterMs: 500, ...o.backoff });
  const deadline = o.waitSeconds === null ? Infinity : Date.now() + o.waitSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      await migrate(database);
      if (attempt > 1) o.log.info({ msg: 'database reachable', host, port, attempts: attempt });
      return true;
    } catch (err) {
      const e = describeError(err);
      const unreachable = isUnreachable(err);
      const error = new AppError('PD_DB_UNAVAILABLE', `DATABASE_URL ${host}:${port}: ${e.message}`, { cause: err });
      o.status?.failed('database', error.message);
      if (!unreachable) throw error;
      if (o.signal?.aborted) return false;
      const delay = backoff.next();
      if (Date.now() + delay > deadline) {
        throw new AppError(
          'PD_DB_UNAVAILABLE',
          `DATABASE_URL ${host}:${port}: ${e.message}${o.waitSeconds ? ` (gave up after DB_WAIT_SECONDS=${o.waitSeconds})` : ' (set DB_WAIT_SECONDS to wait for it)'}`,
          { cause: err },
        );
      }
      o.log.error({ msg: 'database not reachable; waiting', code: 'PD_DB_UNAVAILABLE', host, port, attempt, retryInMs: delay, err: e });
      await sleep(delay, o.signal);
      if (o.signal?.aborted) return false;
    }
  }
}
