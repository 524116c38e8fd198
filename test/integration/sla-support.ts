import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { tickets, type TicketRow } from '../../src/db/schema.js';
import type { Right, TicketStatus } from '../../src/domain.js';
import { insertTicket } from './verify-support.js';

// Shared by the SLA tests: tickets seeded in a given state, with their due and close dates.

/** The end of a local day in Asia/Almaty (UTC+5), as due dates are stored. */
export const endOfDay = (day: string) => new Date(`${day}T18:59:59.999Z`);
/** A wall-clock time in Asia/Almaty. */
export const almaty = (local: string) => new Date(`${local}+05:00`);

export async function seedTicket(
  database: Database,
  s: { status: TicketStatus; receivedAt: Date; dueAt?: Date | null; closedAt?: Date | null; rights?: Right[]; email?: string },
): Promise<TicketRow> {
  const t = await insertTicket(database, { receivedAt: s.receivedAt, rights: s.rights ?? ['erasure'], email: s.email ?? 'seed@example.com' });
  const [row] = await database.db
    .update(tickets)
    .set({
      status: s.status,
      verifiedAt: s.status === 'unverified' ? null : s.receivedAt,
      dueAt: s.dueAt ?? null,
      closedAt: s.closedAt ?? null,
    })
    .where(eq(tickets.id, t.id))
    .returning();
  return row!;
}
