import type { Tx } from '../db/client.js';
import { insertEvent } from '../db/queries/tickets.js';
import { countEventsSince, latestEvents, patchTicket } from '../db/queries/thread.js';
import type { TicketRow } from '../db/schema.js';
import { weekdayCalendar } from '../deadlines/working-days.js';
import { AppError } from '../errors.js';
import type { ParsedMail } from '../mail/parse.js';
import { queueMail } from '../verify/mail.js';
import type { VerifyDeps } from '../verify/deps.js';
import type { StaffCommand } from './commands.js';
import { extendTicket } from './extend.js';
import { attachRelayFiles, describeFile, relayFiles } from './relay-files.js';
import type { ReplyPlan } from './reply-plan.js';
import { setTicketRights } from './set-rights.js';
import { requesterThreading, staffThreading } from './staff-mail.js';
import { bumpedAt, transition, type TicketAction } from './ticket.js';

// The one place a staff decision is applied to a ticket, whether it came as a reply in the
// ticket's thread or as a form on the staff board: the commands in order, the note, the mail to
// the requester (relayed answer, closing, rejection) and the events. The caller holds the ticket's
// row lock and runs this in a savepoint or transaction: an AppError thrown here means nothing applied.

export const STAFF_EVENTS = {
  note: 'note',
  assigned: 'assigned',
  relayed: 'reply_relayed',
  direct: 'staff_wrote_directly',
  asked: 'asked_requester',
  closed: 'closed',
  rejected: 'rejected_by_staff',
  status: 'status_sent',
  failed: 'staff_command_failed',
} as const;

const STATUS_EVENTS = 8;

/** Where the decision came from: a staff mail (with its files) or a board form (no message at all). */
export type ReplySource =
  | {
      via: 'mail';
      /** The staff address the mail came from (checked against STAFF_ADDRESSES and, when set, AUTHSERV_ID). */
      staff: string;
      messageRowId: number;
      parsed: ParsedMail;
      /** The requester was among the recipients: they have the text already, it is not relayed again. */
      direct: boolean;
    }
  | {
      via: 'board';
      staff: string;
      /** A fresh random id per action: the outbox dedup keys hang on it, as the mail path's hang on the message. */
      actionId: string;
    };

/** The part of the outbox dedup keys that names this decision; the mail path's keys are unchanged. */
function sourceKey(source: ReplySource): string {
  return source.via === 'mail' ? String(source.messageRowId) : `board:${source.actionId}`;
}

interface State {
  ticket: TicketRow;
  readonly actor: string;
}

interface Tools {
  event: (kind: string, data?: Record<string, unknown>) => Promise<void>;
  move: (action: TicketAction, extra?: { closedAt?: Date }) => Promise<void>;
  source: ReplySource;
  plan: ReplyPlan;
}

/** Applies `plan` to the locked `ticket`; returns the ticket as it is afterwards. */
export async function applyReplyPlan(sp: Tx, deps: VerifyDeps, ticket: TicketRow, plan: ReplyPlan, source: ReplySource): Promise<TicketRow> {
  const now = deps.now();
  const state: State = { ticket, actor: `staff:${source.staff}` };
  const board = source.via === 'board';
  const event = (kind: string, data: Record<string, unknown> = {}) =>
    insertEvent(sp, {
      ticketId: state.ticket.id,
      at: now,
      actor: state.actor,
      kind,
      messageRowId: source.via === 'mail' ? source.messageRowId : null,
      // The timeline tells a board action from a mail command by this.
      data: board ? { ...data, via: 'board' } : data,
    });
  const move = async (action: TicketAction, extra: { closedAt?: Date } = {}) => {
    state.ticket = await patchTicket(sp, state.ticket.id, { status: transition(state.ticket.status, action), updatedAt: now, ...extra });
  };
  const tools: Tools = { event, move, source, plan };

  for (const command of plan.commands) await applyCommand(sp, deps, state, command, tools);
  if (plan.note !== null) await event(STAFF_EVENTS.note, { text: plan.note });
  if (plan.relay !== null) await relayStep(sp, deps, state, plan.relay, tools);

  // Anything but `#status` changed the ticket: its updated_at must move, or the board could not tell
  // that a page drawn before this is stale. Strictly later than before, even with a coarse clock.
  const changed = plan.commands.some((c) => c.kind !== 'status') || plan.note !== null || plan.relay !== null;
  if (changed && state.ticket.updatedAt.getTime() <= ticket.updatedAt.getTime()) {
    state.ticket = await patchTicket(sp, state.ticket.id, { updatedAt: bumpedAt(ticket.updatedAt, now) });
  }
  return state.ticket;
}

async function relayStep(sp: Tx, deps: VerifyDeps, state: State, relay: NonNullable<ReplyPlan['relay']>, t: Tools): Promise<void> {
  if (state.ticket.status === 'unverified') {
    throw new AppError('PD_TICKET_BAD_TRANSITION', `${state.ticket.number} is not confirmed yet: nothing is sent to an address that has not proved it is the requester's`);
  }
  if (!relay.asks) await t.move('answer');
  if (t.source.via === 'mail' && t.source.direct) {
    await t.event(STAFF_EVENTS.direct, { note: 'the requester was among the recipients; not relayed again' });
    return;
  }
  await relayText(sp, deps, state, relay.text, t);
}

async function applyCommand(sp: Tx, deps: VerifyDeps, state: State, command: StaffCommand, t: Tools): Promise<void> {
  const now = deps.now();
  const ticket = () => state.ticket;
  const via = t.source.via === 'board' ? { via: 'board' as const } : {};
  switch (command.kind) {
    case 'note':
      return; // Collected into one note event by the plan.
    case 'rights': {
      const r = await setTicketRights(sp, deps, { ticketId: ticket().id, rights: command.rights, by: t.source.staff, now, ...via });
      state.ticket = r.ticket;
      return;
    }
    case 'assign':
      await t.event(STAFF_EVENTS.assigned, { from: ticket().assignee, to: command.address });
      state.ticket = await patchTicket(sp, ticket().id, { assignee: command.address, updatedAt: now });
      return;
    case 'extend':
      state.ticket = (
        await extendTicket(
          sp,
          { ...deps, calendar: deps.calendar ?? weekdayCalendar },
          { ticketId: ticket().id, days: command.days, reason: command.reason, actor: t.source.staff, ...via },
        )
      ).ticket;
      return;
    case 'wait':
      await t.move('ask');
      await t.event(STAFF_EVENTS.asked, {});
      return;
    case 'close': {
      await t.move('close', { closedAt: now });
      await t.event(STAFF_EVENTS.closed, { answer: t.plan.closingAnswer !== null });
      const threading = await requesterThreading(sp, ticket());
      await queueMail(sp, deps, {
        template: 'closing',
        language: ticket().language,
        to: ticket().requesterEmail,
        ticket: ticket(),
        vars: { ticketNumber: ticket().number, requesterName: ticket().requesterName, rights: ticket().rights, triage: ticket().triage, note: t.plan.closingAnswer },
        ...(threading ? { threading } : {}),
        dedupKey: `closing:${sourceKey(t.source)}`,
      });
      return;
    }
    case 'reject': {
      const wasVerified = ticket().status !== 'unverified';
      await t.move('dismiss', { closedAt: now });
      await t.event(STAFF_EVENTS.rejected, { reason: command.reason });
      // An unverified address may be a forgery's victim: it hears nothing about a request it never made.
      if (!wasVerified) return;
      const threading = await requesterThreading(sp, ticket());
      await queueMail(sp, deps, {
        template: 'rejected',
        language: ticket().language,
        to: ticket().requesterEmail,
        ticket: ticket(),
        vars: { ticketNumber: ticket().number, requesterName: ticket().requesterName, reason: command.reason },
        ...(threading ? { threading } : {}),
        dedupKey: `rejected:${sourceKey(t.source)}`,
      });
      return;
    }
    case 'status':
      return sendStatus(sp, deps, state, t);
  }
}

/** `#status`: the bot answers the staff member's mail. The board shows the page instead. */
async function sendStatus(sp: Tx, deps: VerifyDeps, state: State, t: Tools): Promise<void> {
  if (t.source.via !== 'mail') throw new Error('#status answers a mail; it is not a board action');
  const ticket = state.ticket;
  await t.event(STAFF_EVENTS.status, {});
  const events = await latestEvents(sp, ticket.id, STATUS_EVENTS);
  const threading = staffThreading(t.source.parsed);
  await queueMail(sp, deps, {
    template: 'staff_ticket_status',
    language: deps.config.staffLanguage,
    to: t.source.staff,
    ticket,
    vars: {
      ticketNumber: ticket.number,
      rights: ticket.rights,
      triage: ticket.triage,
      status: ticket.status,
      requesterEmail: ticket.requesterEmail,
      assignee: ticket.assignee,
      dueAt: ticket.dueAt,
      events: events.map((e) => ({ at: e.at, actor: e.actor, kind: e.kind })),
    },
    ...(threading ? { threading } : {}),
    dedupKey: `staff_ticket_status:${t.source.messageRowId}`,
  });
}

async function relayText(sp: Tx, deps: VerifyDeps, state: State, text: string, t: Tools): Promise<void> {
  const { relayMaxPerHour } = deps.config.staffThread;
  const now = deps.now();
  const recent = await countEventsSince(sp, state.ticket.id, STAFF_EVENTS.relayed, new Date(now.getTime() - 3_600_000));
  if (recent >= relayMaxPerHour) {
    // A loop between two auto-forwarding mailboxes looks exactly like a very busy staff member.
    // Throwing rolls the whole reply back; the refusal is recorded and told to the staff member.
    throw new AppError('PD_RATE_LIMITED', `${recent} answers were relayed in ${state.ticket.number} in the last hour (RELAY_MAX_PER_HOUR=${relayMaxPerHour}); this one was held, send it again later`);
  }
  const threading = await requesterThreading(sp, state.ticket);
  const queued = await queueMail(sp, deps, {
    template: 'staff_reply_relay',
    language: state.ticket.language,
    to: state.ticket.requesterEmail,
    ticket: state.ticket,
    vars: { ticketNumber: state.ticket.number, requesterName: state.ticket.requesterName, answerText: text },
    ...(threading ? { threading } : {}),
  });
  // A board answer has no attachments; a mail's files go with its relay up to the limit.
  const files = t.source.via === 'mail' ? relayFiles(t.source.parsed.files) : null;
  if (queued && files && t.source.via === 'mail') {
    await attachRelayFiles(sp, deps, state.ticket, queued.id, files, { messageRowId: t.source.messageRowId, parsed: t.source.parsed, staff: t.source.staff });
  }
  await t.event(STAFF_EVENTS.relayed, {
    outboxId: queued?.id ?? null,
    held: queued === null,
    ...(files && files.sent.length > 0 ? { files: files.sent.map(describeFile) } : {}),
    ...(files && files.leftOut.length > 0 ? { filesLeftOut: files.leftOut.map(describeFile) } : {}),
  });
}
