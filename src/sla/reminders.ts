import type { AppContext } from '../context.js';
import type { Queryable } from '../db/client.js';
import { activeTicketsWithDue } from '../db/queries/sla.js';
import { insertEvent } from '../db/queries/tickets.js';
import { lockTicketSkipLocked, setMark } from '../db/queries/verification.js';
import { workingDaysLeft, localDateKey } from '../deadlines/working-day-count.js';
import { localDateOf } from '../deadlines/working-days.js';
import { isActiveStatus } from '../domain.js';
import { describeError } from '../errors.js';
import { enqueueMail } from '../outbox/enqueue.js';
import type { Renderer } from '../outbox/render.js';
import { reminderFor, STAFF_REMINDER_KIND, type Reminder } from './reminder-rule.js';

// The scheduler's staff reminders: 3 and 1 working days before the due date, and every working
// day once overdue with the managers copied (a separate mail to each, as the outbox sends to one
// address). Each ticket is handled in its own transaction under its row lock (SKIP LOCKED: another
// instance is on it), and the threshold is claimed by an insert-or-nothing schedule mark in the
// same transaction as the mail, so restarts and a second instance never send it twice.

export interface ReminderResult {
  dueSoon: number;
  overdue: number;
}

export async function runStaffReminders(
  ctx: AppContext,
  renderer: Renderer,
  opts: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<ReminderResult> {
  const now = ctx.now();
  const result: ReminderResult = { dueSoon: 0, overdue: 0 };
  const tz = ctx.config.org.timeZone;
  // Staff are reminded on working days only; a weekend's reminders wait for Monday.
  if (!ctx.calendar.isWorkingDay(localDateOf(now, tz))) return result;
  const log = ctx.log.child({ component: 'staff-reminders' });
  const db = ctx.database.db;
  const batch = opts.batchSize ?? 100;
  let after = 0;
  for (;;) {
    const ids = await activeTicketsWithDue(db, batch, after);
    for (const id of ids) {
      if (opts.signal?.aborted) return result;
      after = id;
      try {
        const sent = await db.transaction((tx) => remindOne(tx, ctx, renderer, id, now));
        if (sent) {
          if (sent.template === 'staff_overdue') result.overdue++;
          else result.dueSoon++;
          log.info({ msg: 'staff reminder queued', ticketId: id, key: sent.key });
        }
      } catch (err) {
        // One ticket that fails must not stop the others; the next tick tries it again.
        log.error({ msg: 'staff reminder failed for a ticket', ticketId: id, err: describeError(err) });
      }
    }
    if (ids.length < batch) return result;
  }
}

async function remindOne(tx: Queryable, ctx: AppContext, renderer: Renderer, ticketId: number, now: Date): Promise<Reminder | null> {
  const ticket = await lockTicketSkipLocked(tx, ticketId);
  if (!ticket || !isActiveStatus(ticket.status) || !ticket.dueAt) return null;
  const cz = { calendar: ctx.calendar, timeZone: ctx.config.org.timeZone };
  const today = localDateKey(now, cz.timeZone);
  const r = reminderFor(workingDaysLeft(now, ticket.dueAt, cz), today);
  if (!r) return null;
  if (!(await setMark(tx, ticket.id, STAFF_REMINDER_KIND, r.key, now))) return null;

  const config = ctx.config;
  const deps = { config, renderer, now: () => now };
  const base = { ticketNumber: ticket.number, rights: ticket.rights, triage: ticket.triage, requesterEmail: ticket.requesterEmail, dueAt: ticket.dueAt };
  const recipients = r.template === 'staff_overdue' ? [config.staffNotifyAddress, ...config.managerAddresses] : [config.staffNotifyAddress];
  const outboxIds: number[] = [];
  for (const to of [...new Set(recipients)]) {
    const common = { language: config.staffLanguage, to, ticket: { id: ticket.id, number: ticket.number }, dedupKey: `${r.template}:${ticket.id}:${r.key}:${to}` };
    const mail =
      r.template === 'staff_overdue'
        ? await enqueueMail(tx, deps, { ...common, template: 'staff_overdue', vars: { ...base, daysOverdue: r.daysOverdue } })
        : await enqueueMail(tx, deps, { ...common, template: 'staff_due_soon', vars: { ...base, daysLeft: r.daysLeft } });
    if (mail) outboxIds.push(mail.id);
  }
  await insertEvent(tx, {
    ticketId: ticket.id,
    at: now,
    actor: 'system',
    kind: r.template === 'staff_overdue' ? 'overdue_reminder_sent' : 'due_soon_reminder_sent',
    data: { key: r.key, outboxIds },
  });
  return r;
}
