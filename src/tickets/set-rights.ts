// Staff set a ticket's rights: after triage (the classifier placed nothing, or the letter was no
// request), or to correct what it understood. The ticket leaves triage; an open ticket's due date
// follows the new rights (the shortest period among them) but never moves later than the date
// the requester was already given: that date is a promise.
import { dueDaysFor, type Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { insertEvent } from '../db/queries/tickets.js';
import { lockTicket } from '../db/queries/verification.js';
import { tickets, type TicketRow } from '../db/schema.js';
import { clockStartAt } from '../deadlines/clock-start.js';
import { addWorkingDays, weekdayCalendar, type DueBasis, type WorkingCalendar } from '../deadlines/working-days.js';
import { RIGHTS, type Right } from '../domain.js';
import { AppError } from '../errors.js';
import { eq } from 'drizzle-orm';
import { isFinal } from './ticket.js';

export const RIGHTS_SET_EVENT = 'rights_set';

export interface SetRightsInput {
  ticketId: number;
  rights: readonly Right[];
  /** Who decided: a staff address or name, recorded as `staff:<by>`. */
  by: string;
  now: Date;
  /** Set when the change came from the staff board, so the timeline can tell it from a mail command. */
  via?: 'board';
}

export interface SetRightsResult {
  ticket: TicketRow;
  previous: Right[];
  /** The due date before and after, when it changed. */
  due: { from: Date; to: Date } | null;
}

type NewDue = { from: Date; to: Date; basis: DueBasis };

/** Parse "access,erasure" (any order, spaces allowed) into canonical order, or say what is wrong. */
export function parseRights(text: string): Right[] {
  const names = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = names.filter((n) => !(RIGHTS as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) {
    throw new AppError('PD_CLI_USAGE', `rights "${text}": expected a comma-separated list of ${RIGHTS.join(', ')}`);
  }
  return RIGHTS.filter((r) => names.includes(r));
}

export async function setTicketRights(
  db: Queryable,
  deps: { config: Config; calendar?: WorkingCalendar },
  input: SetRightsInput,
): Promise<SetRightsResult> {
  const rights = RIGHTS.filter((r) => input.rights.includes(r));
  if (rights.length === 0) throw new AppError('PD_CLI_USAGE', 'set at least one right');
  return db.transaction(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId);
    if (!ticket) throw new AppError('PD_TICKET_NOT_FOUND', `ticket id ${input.ticketId}`);
    if (isFinal(ticket.status)) {
      throw new AppError('PD_TICKET_BAD_TRANSITION', `${ticket.number} is ${ticket.status}: its rights can no longer change`);
    }
    const due = newDueDate(deps, ticket, rights);
    const [updated] = await tx
      .update(tickets)
      .set({
        rights,
        triage: false,
        updatedAt: input.now,
        ...(due ? { dueAt: due.to, dueBasis: { ...(ticket.dueBasis ?? {}), ...due.basis, rights } } : {}),
      })
      .where(eq(tickets.id, ticket.id))
      .returning();
    if (!updated) throw new Error(`ticket ${ticket.id} vanished under its lock`);
    await insertEvent(tx, {
      ticketId: ticket.id,
      at: input.now,
      actor: `staff:${input.by}`,
      kind: RIGHTS_SET_EVENT,
      data: {
        from: ticket.rights,
        to: rights,
        wasTriage: ticket.triage,
        ...(due ? { dueFrom: due.from.toISOString(), dueTo: due.to.toISOString() } : {}),
        ...(input.via ? { via: input.via } : {}),
      },
    });
    return { ticket: updated, previous: ticket.rights, due: due ? { from: due.from, to: due.to } : null };
  });
}

/** An open ticket's due date for the new rights, counted from the clock start (DUE_CLOCK_START), if it comes sooner. */
function newDueDate(
  deps: { config: Config; calendar?: WorkingCalendar },
  ticket: TicketRow,
  rights: Right[],
): NewDue | null {
  if (ticket.status !== 'open' || !ticket.verifiedAt || !ticket.dueAt) return null;
  const clockStart = deps.config.deadlines.clockStart;
  const recomputed = addWorkingDays(clockStartAt(clockStart, ticket), dueDaysFor(deps.config, rights), {
    calendar: deps.calendar ?? weekdayCalendar,
    timeZone: deps.config.org.timeZone,
    clockStart,
  });
  return recomputed.dueAt.getTime() < ticket.dueAt.getTime() ? { from: ticket.dueAt, to: recomputed.dueAt, basis: recomputed.basis } : null;
}
