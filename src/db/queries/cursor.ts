import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';

export interface Cursor {
  mailbox: string;
  uidValidity: number | null;
  lastUid: number;
  startFrom: Date | null;
  lastSuccessAt: Date | null;
}

interface CursorRow {
  mailbox: string;
  uid_validity: string | number | null;
  last_uid: string | number;
  start_from: Date | string | null;
  last_success_at: Date | string | null;
}

const toDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));

function fromRow(r: CursorRow): Cursor {
  return {
    mailbox: r.mailbox,
    uidValidity: r.uid_validity === null ? null : Number(r.uid_validity),
    lastUid: Number(r.last_uid),
    startFrom: toDate(r.start_from),
    lastSuccessAt: toDate(r.last_success_at),
  };
}

export async function getCursor(db: Queryable, mailbox: string): Promise<Cursor | null> {
  const r = await rows<CursorRow>(
    db,
    sql`select mailbox, uid_validity, last_uid, start_from, last_success_at from mailbox_cursors where mailbox = ${mailbox}`,
  );
  return r[0] ? fromRow(r[0]) : null;
}

/**
 * Sets where intake starts in a mailbox generation (a UIDVALIDITY). `lastUid` is where to resume:
 * on a first connection it is UIDNEXT-1 for "start from now", 0 otherwise.
 */
// Dates go in as ISO text: through drizzle's sql template postgres.js gets the Date object
// itself, which it cannot bind (PGlite can), so the same statement failed on PostgreSQL only.
export async function resetCursor(
  db: Queryable,
  mailbox: string,
  uidValidity: number,
  lastUid: number,
  startFrom: Date | null,
): Promise<Cursor> {
  const r = await rows<CursorRow>(
    db,
    sql`insert into mailbox_cursors (mailbox, uid_validity, last_uid, start_from, updated_at)
        values (${mailbox}, ${uidValidity}, ${lastUid}, ${startFrom?.toISOString() ?? null}::timestamptz, now())
        on conflict (mailbox) do update
          set uid_validity = excluded.uid_validity, last_uid = excluded.last_uid,
              start_from = coalesce(mailbox_cursors.start_from, excluded.start_from), updated_at = now()
        returning mailbox, uid_validity, last_uid, start_from, last_success_at`,
  );
  return fromRow(r[0]!);
}

/** Moves the high-water mark up, never down, and only within the same UIDVALIDITY. */
export async function advanceCursor(db: Queryable, mailbox: string, uidValidity: number, uid: number): Promise<void> {
  await db.execute(
    sql`update mailbox_cursors set last_uid = greatest(last_uid, ${uid}), updated_at = now()
        where mailbox = ${mailbox} and uid_validity = ${uidValidity}`,
  );
}

export async function recordPoll(db: Queryable, mailbox: string, ok: boolean, error: string | null): Promise<void> {
  await db.execute(
    ok
      ? sql`update mailbox_cursors set last_poll_at = now(), last_success_at = now(), last_error = null where mailbox = ${mailbox}`
      : sql`update mailbox_cursors set last_poll_at = now(), last_error = ${error} where mailbox = ${mailbox}`,
  );
}
