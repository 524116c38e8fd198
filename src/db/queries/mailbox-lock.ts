import { createHash } from 'node:crypto';
import type { Database } from '../client.js';
import { AppError } from '../../errors.js';

// One instance polls a mailbox at a time (DESIGN "Scale"): a session-level advisory lock on a
// connection of its own (Database.sessionClient), held for as long as the instance polls. When
// that connection closes (a database restart), PostgreSQL has dropped the lock: the holder sees it
// through `held()` / `assertHeld()`, stops polling and takes the lock anew, so two instances never
// poll at once. PGlite lives in one process: nobody else can poll, the lock is a formality there.

export interface MailboxLock {
  /** False once the lock's connection has closed or the lock was released. */
  held(): boolean;
  /** Resolves while the lock is still ours (same server session); rejects when it was lost. */
  assertHeld(): Promise<void>;
  /** Unlocks and closes the lock's connection; safe to call twice. */
  release(): Promise<void>;
}

/** A stable signed 64-bit key for the mailbox, as pg_advisory_lock(bigint) wants. */
export function mailboxLockKey(mailbox: string): bigint {
  return createHash('sha256').update(`privacy-desk:mailbox:${mailbox}`).digest().readBigInt64BE(0);
}

/** Takes the mailbox's lock if nobody holds it; null when another instance does. */
export async function tryLockMailbox(database: Database, mailbox: string): Promise<MailboxLock | null> {
  if (database.kind === 'pglite' || !database.sessionClient) {
    return { held: () => true, assertHeld: async () => {}, release: async () => {} };
  }
  const key = mailboxLockKey(mailbox).toString();
  let lost = false;
  const conn = database.sessionClient(() => {
    lost = true;
  });
  let pid: number;
  try {
    const [row] = await conn<{ locked: boolean; pid: number }[]>`select pg_try_advisory_lock(${key}::bigint) as locked, pg_backend_pid() as pid`;
    if (row?.locked !== true || lost) {
      await conn.end({ timeout: 1 });
      return null;
    }
    pid = row.pid;
  } catch (err) {
    await conn.end({ timeout: 0 }).catch(() => undefined);
    throw err;
  }

  let released: Promise<void> | undefined;
  const lostError = () => new AppError('PD_DB_UNAVAILABLE', `mailbox lock for ${mailbox} lost with its database connection`);
  return {
    held: () => !lost && !released,
    async assertHeld() {
      if (released) throw new Error(`mailbox lock for ${mailbox} was released`);
      if (lost) throw lostError();
      let now: number | undefined;
      try {
        const [row] = await conn<{ pid: number }[]>`select pg_backend_pid() as pid`;
        now = row?.pid;
      } catch (err) {
        throw new AppError('PD_DB_UNAVAILABLE', `mailbox lock for ${mailbox}: its database connection failed`, { cause: err });
      }
      // A different backend means the driver reconnected: a new session that holds no lock.
      if (lost || now !== pid) {
        lost = true;
        throw lostError();
      }
    },
    release() {
      released ??= (async () => {
        try {
          if (!lost) await conn`select pg_advisory_unlock(${key}::bigint)`;
        } finally {
          await conn.end({ timeout: 1 });
        }
      })();
      return released;
    },
  };
}
