// Staff extend a ticket's due date by N working days with a reason: the date moves, an `extended`
// event records who, why and from/to, and the requester is told the new date and the reason in
// their language. Called from the command line now and from the staff thread's `#extend` later.
// The law's own limits on extensions apply; EXTEND_MAX_WORKING_DAYS caps one extension.
import type { Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { insertEvent, ticketByNumber } from '../db/queries/tickets.js';
import { lockTicket, originOf } from '../db/queries/verification.js';
import { tickets, type TicketRow } from '../db/schema.js';
import { addWorkingDays, workingDaysLeft, type WorkingCalendar } from '../deadlines/working-days.js';
import { AppError } from '../errors.js';
import { enqueueMail } from '../outbox/enqueue.js';
import type { Renderer } from '../outbox/render.js';
import { threadTo } from '../verify/mail.js';
import { eq } from 'drizzle-orm';
import { ACTIVE_STATUSES, isActiveStatus } from '../domain.js';

export const EXTENDED_EVENT = 'extended';

export interface ExtendDeps {
  config: Config;
  renderer: Renderer;
  calendar: WorkingCalendar;
  now: () => Date;
}

export interface ExtendInput {
  ticketNumber?: string;
  ticketId?: number;
  /** Working days to add, 1..EXTEND_MAX_WORKING_DAYS. */
  days: number;
  reason: string;
  /** Who extended: a staff address or name, recorded as `staff:<actor>`. */
  actor: string;
  /** Set when the change came from the staff board, so the timeline can tell it from a mail command. */
  via?: 'board';
}

export interface ExtendResult {
  ticket: TicketRow;
  fromDue: Date;
  toDue: Date;
  /** Holidays and transfers passed over while adding the days. */
  holidays: { date: string; reason: string }[];
}

/** Checks the input before anything is read; every refusal says what to change. */
export function validateExtension(input: ExtendInput, maxDays: number): { days: number; reason: string } {
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > maxDays) {
    throw new AppError('PD_EXTEND_INVALID', `days "${input.days}": expected a whole number of working days from 1 to ${maxDays} (EXTEND_MAX_WORKING_DAYS)`);
  }
  const reason = input.reason.trim();
  if (reason === '') throw new AppError('PD_EXTEND_INVALID', 'a reason is required: the requester is told it');
  if (input.ticketNumber === undefined && input.ticketId === undefined) throw new AppError('PD_EXTEND_INVALID', 'name the ticket');
  return { days: input.days, reason };
}

/** Runs in the caller's transaction (`tx`), so the date, the event and the mail commit together. */
export async function extendTicket(tx: Queryable, deps: ExtendDeps, input: ExtendInput): Promise<ExtendResult> {
  const { days, reason } = validateExtension(input, deps.config.deadlines.extendMaxWorkingDays);
  const id = input.ticketId ?? (await ticketByNumber(tx, input.ticketNumber ?? ''))?.id;
  const ticket = id === undefined ? null : await lockTicket(tx, id);
  if (!ticket) throw new AppError('PD_TICKET_NOT_FOUND', input.ticketNumber ?? `id ${input.ticketId}`);
  if (!isActiveStatus(ticket.status) || !ticket.dueAt) {
    throw new AppError(
      'PD_EXTEND_INVALID',
      `${ticket.number} is ${ticket.status}: only an active ticket (${[...ACTIVE_STATUSES].join(', ')}) with a due date can be extended`,
    );
  }
  const now = deps.now();
  const timeZone = deps.config.org.timeZone;
  const fromDue = ticket.dueAt;
  const due = addWorkingDays(fromDue, days, { calendar: deps.calendar, timeZone });
  const toDue = due.dueAt;
  const extension = {
    at: now.toISOString(),
    by: input.actor,
    days,
    reason,
    fromDue: fromDue.toISOString(),
    toDue: toDue.toISOString(),
    fromDate: due.basis.startDate,
    toDate: due.basis.dueDate,
    holidays: due.basis.holidays,
  };
  const basis = ticket.dueBasis ?? {};
  const previous = Array.isArray(basis.extensions) ? (basis.extensions as unknown[]) : [];
  const [updated] = await tx
    .update(tickets)
    .set({ dueAt: toDue, dueBasis: { ...basis, dueDate: due.basis.dueDate, calendar: deps.calendar.name, extensions: [...previous, extension] }, updatedAt: now })
    .where(eq(tickets.id, ticket.id))
    .returning();
  if (!updated) throw new Error(`ticket ${ticket.id} vanished under its lock`);
  await insertEvent(tx, {
    ticketId: ticket.id,
    at: now,
    actor: `staff:${input.actor}`,
    kind: EXTENDED_EVENT,
    data: { fromDue: extension.fromDue, toDue: extension.toDue, days, reason, by: input.actor, ...(input.via ? { via: input.via } : {}) },
  });
  const threading = threadTo(await originOf(tx, ticket));
  await enqueueMail(
    tx,
    { config: deps.config, renderer: deps.renderer, now: deps.now },
    {
      template: 'due_extended',
      language: ticket.language,
      to: ticket.requesterEmail,
      ticket: { id: ticket.id, number: ticket.number },
      vars: {
        ticketNumber: ticket.number,
        requesterName: ticket.requesterName,
        previousDueAt: fromDue,
        dueAt: toDue,
        days,
        // An extension that still ends in the past (a long-overdue ticket) says 0, not a negative count.
        daysLeft: Math.max(0, workingDaysLeft(deps.calendar, now, toDue, timeZone)),
        reason,
      },
      ...(threading ? { threading } : {}),
      dedupKey: `due_extended:${ticket.id}:${extension.toDue}`,
    },
  );
  return { ticket: updated, fromDue, toDue, holidays: due.basis.holidays };
}
