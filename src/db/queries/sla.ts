import { and, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { tickets } from '../schema.js';
import { ACTIVE_STATUSES } from '../../domain.js';

// The statements of the staff reminders: which tickets to look at (one page at a time, by id).

/** Active tickets with a due date, by id after `afterId`. */
export async function activeTicketsWithDue(db: Queryable, limit: number, afterId = 0): Promise<number[]> {
  const r = await db
    .select({ id: tickets.id })
    .from(tickets)
    .where(and(inArray(tickets.status, [...ACTIVE_STATUSES]), isNotNull(tickets.dueAt), gt(tickets.id, afterId)))
    .orderBy(tickets.id)
    .limit(limit);
  return r.map((x) => x.id);
}
