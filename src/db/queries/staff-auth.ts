import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { staffLoginRequests, staffSessions, type StaffSessionRow } from '../schema.js';

// Statements of the staff board's sign-in: requests for a link (counted for the rate limits) and
// sessions. Tokens and session ids arrive here hashed; nothing readable is stored.

export async function insertLoginRequest(
  db: Queryable,
  r: { email: string | null; client: string; tokenHash: string | null; createdAt: Date; expiresAt: Date },
): Promise<number> {
  const [row] = await db.insert(staffLoginRequests).values(r).returning({ id: staffLoginRequests.id });
  return row!.id;
}

/** Sign-in requests since `since` from one client address (staff or not). */
export async function countLoginRequestsFromClient(db: Queryable, client: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staffLoginRequests)
    .where(and(eq(staffLoginRequests.client, client), gt(staffLoginRequests.createdAt, since)));
  return Number(r?.n ?? 0);
}

/** Links mailed to one staff address since `since`. */
export async function countLoginLinksTo(db: Queryable, email: string, since: Date): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staffLoginRequests)
    .where(and(eq(staffLoginRequests.email, email), gt(staffLoginRequests.createdAt, since)));
  return Number(r?.n ?? 0);
}

/** Marks an unused, unexpired link used, in one statement (two clicks cannot both win); its address, or null. */
export async function useLoginToken(db: Queryable, tokenHash: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(staffLoginRequests)
    .set({ usedAt: now })
    .where(and(eq(staffLoginRequests.tokenHash, tokenHash), isNull(staffLoginRequests.usedAt), gt(staffLoginRequests.expiresAt, now)))
    .returning({ email: staffLoginRequests.email });
  return row?.email ?? null;
}

/** Whether a link is there to be used (the GET page says so without using it). */
export async function loginTokenUsable(db: Queryable, tokenHash: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: staffLoginRequests.id })
    .from(staffLoginRequests)
    .where(and(eq(staffLoginRequests.tokenHash, tokenHash), isNull(staffLoginRequests.usedAt), gt(staffLoginRequests.expiresAt, now)));
  return row !== undefined;
}

export async function insertSession(db: Queryable, s: { idHash: string; email: string; now: Date; expiresAt: Date }): Promise<void> {
  await db.insert(staffSessions).values({ idHash: s.idHash, email: s.email, createdAt: s.now, lastSeenAt: s.now, expiresAt: s.expiresAt });
}

/** A session that has not expired; expired ones are deleted on the way. */
export async function liveSession(db: Queryable, idHash: string, now: Date): Promise<StaffSessionRow | null> {
  const [row] = await db.select().from(staffSessions).where(eq(staffSessions.idHash, idHash));
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(staffSessions).where(eq(staffSessions.id, row.id));
    return null;
  }
  return row;
}

export async function touchSession(db: Queryable, id: number, now: Date, expiresAt: Date): Promise<void> {
  await db.update(staffSessions).set({ lastSeenAt: now, expiresAt }).where(eq(staffSessions.id, id));
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.idHash, idHash));
}

/** "Sign out everywhere": every session of one address. */
export async function deleteSessionsOf(db: Queryable, email: string): Promise<number> {
  const r = await db.delete(staffSessions).where(eq(staffSessions.email, email)).returning({ id: staffSessions.id });
  return r.length;
}

/** Housekeeping: sessions past their expiry and sign-in requests older than `before`. */
export async function sweepStaffAuth(db: Queryable, now: Date, before: Date): Promise<void> {
  await db.delete(staffSessions).where(lte(staffSessions.expiresAt, now));
  await db.delete(staffLoginRequests).where(lte(staffLoginRequests.createdAt, before));
}
