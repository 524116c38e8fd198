import { createHash } from 'node:crypto';
import type postgres from 'postgres';
import type { Database } from '../client.js';

// One instance polls a mailbox at a time (DESIGN "Scale"): a session-level advisory lock, held on
// a connection reserved from the pool for as long as the instance polls. If that connection dies,
// PostgreSQL drops the lock with it, so the holder checks it is alive before every poll.
// PGlite lives in one process: nobody else can poll, the lock is a formality there.

export interface MailboxLock {
  /** Resolves while the lock is still ours (its connection answers); rejects when it was lost. */
  assertHeld(): Promise<void>;
  /** Unlocks and returns the connection to the pool; safe to call twice. */
  release(): Promise<void>;
}

/** A stable signed 64-bit key for the mailbox, as pg_advisory_lock(bigint) wants. */
export function mailboxLockKey(mailbox: string): bigint {
  return createHash('sha256').update(`privacy-desk:mailbox:${mailbox}`).digest().readBigInt64BE(0);
}

/** Takes the mailbox's lock if nobody holds it; null when another instance does. */
export async function tryLockMailbox(database: Database, mailbox: string): Promise<MailboxLock | null> {
  if (database.kind === 'pglite') {
    return { assertHeld: async () => {}, release: async () => {} };
  }
  const client = (database.db as unknown as { $client: postgres.Sql }).$client;
  const key = mailboxLockKey(mailbox).toString();
  const conn = await client.reserve();
  let locked = false;
  try {
    const [row] = await conn<{ locked: boolean }[]>`select pg_try_advisory_lock(${key}::bigint) as locked`;
    locked = row?.locked === true;
  } finally {
    if (!locked) conn.release();
  }
  if (!locked) return null;

  let released: Promise<void> | undefined;
  return {
    async assertHeld() {
      if (released) throw new Error(`mailbox lock for ${mailbox} was released`);
      try {
        await conn`select 1`;
      } catch (err) {
        throw new Error(`mailbox lock for ${mailbox} lost: its database connection failed`, { cause: err });
      }
    },
    release() {
      released ??= (async () => {
        try {
          await conn`select pg_advisory_unlock(${key}::bigint)`;
        } finally {
          conn.release();
        }
      })();
      return released;
    },
  };
}
