import { newText } from '../classify/index.js';
import type { Tx } from '../db/client.js';
import { insertEvent } from '../db/queries/tickets.js';
import { countEventsSince, latestEvents, patchTicket } from '../db/queries/thread.js';
import { lockTicket } from '../db/queries/verification.js';
import type { TicketRow } from '../db/schema.js';
import { weekdayCalendar } from '../deadlines/working-days.js';
import { AppError, isAppError } from '../errors.js';
import type { ParsedMail } from '../mail/parse.js';
import { queueMail } from '../verify/mail.js';
import type { VerifyDeps } from '../verify/deps.js';
import { parseStaffReply, type StaffCommand } from './commands.js';
import { attachRelayFiles, describeFile, relayFiles } from './relay-files.js';
import { planReply, type ReplyPlan } from './reply-plan.js';
import { extendTicket } from './extend.js';
import { setTicketRights } from './set-rights.js';
import { requesterThreading, sendCommandError, staffThreading } from './staff-mail.js';
import { transition, type TicketAction } from './ticket.js';

// A staff member's mail in a ticket's thread: commands first, then the text, relayed to the
// requester From the support address. Everything happens in one savepoint: if one command fails,
// none applies, nothing is relayed, and the staff member gets one mail saying what was wrong.

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

// Long pasted mail is cut before quote stripping: nobody answers a requester in 64 KB of text.
const MAX_REPLY_CHARS = 64 * 1024;
const STATUS_EVENTS = 8;

export interface StaffMessage {
  messageRowId: number;
  parsed: ParsedMail;
  /** The staff address the mail came from (checked against STAFF_ADDRESSES and, when set, AUTHSERV_ID). */
  staff: string;
}

interface Applied {
  ticket: TicketRow;
  actor: string;
}

export async function handleStaffReply(tx: Tx, deps: VerifyDeps, ticketId: number, message: StaffMessage): Promise<void> {
  const before = await lockTicket(tx, ticketId);
  if (!before) return;
  const text = newText(message.parsed.text.slice(0, MAX_REPLY_CHARS));
  const read = parseStaffReply(text);
  if (!read.ok) {
    return fail(tx, deps, before, message, read.problems.map((p) => `line ${p.line} "${p.source}": ${p.problem}`));
  }
  const planned = planReply(read.commands, read.text);
  if (!planned.ok) return fail(tx, deps, before, message, [planned.problem]);
  // Written to the requester directly (reply-all, or the support address in Cc): they have it.
  const direct = message.parsed.to.includes(before.requesterEmail);
  try {
    await tx.transaction(async (sp) => {
      await apply(sp, deps, { ticket: before, actor: `staff:${message.staff}` }, planned.plan, message, direct);
    });
  } catch (err) {
    if (!isAppError(err)) throw err;
    await fail(tx, deps, before, message, [err.detail ?? err.message]);
  }
}

async function fail(tx: Tx, deps: VerifyDeps, ticket: TicketRow, message: StaffMessage, problems: string[]): Promise<void> {
  await insertEvent(tx, {
    ticketId: ticket.id,
    at: deps.now(),
    actor: `staff:${message.staff}`,
    kind: STAFF_EVENTS.failed,
    messageRowId: message.messageRowId,
    data: { problems },
  });
  await sendCommandError(tx, deps, ticket, message.staff, message, problems);
  deps.log.info({ msg: 'staff reply refused', component: 'staff', ticketId: ticket.id, messageRowId: message.messageRowId, problems: problems.length });
}

async function apply(sp: Tx, deps: VerifyDeps, state: Applied, plan: ReplyPlan, message: StaffMessage, direct: boolean): Promise<void> {
  const now = deps.now();
  const event = (kind: string, data: Record<string, unknown> = {}) =>
    insertEvent(sp, { ticketId: state.ticket.id, at: now, actor: state.actor, kind, messageRowId: message.messageRowId, data });
  const move = async (action: TicketAction, extra: { closedAt?: Date } = {}) => {
    state.ticket = await patchTicket(sp, state.ticket.id, { status: transition(state.ticket.status, action), updatedAt: now, ...extra });
  };

  for (const command of plan.commands) {
    await applyCommand(sp, deps, state, command, { event, move, message, plan });
  }
  if (plan.note !== null) await event(STAFF_EVENTS.note, { text: plan.note });
  if (plan.relay === null) return;
  if (state.ticket.status === 'unverified') {
    throw new AppError('PD_TICKET_BAD_TRANSITION', `${state.ticket.number} is not confirmed yet: nothing is sent to an address that has not proved it is the requester's`);
  }
  if (!plan.relay.asks) await move('answer');
  if (direct) {
    await event(STAFF_EVENTS.direct, { note: 'the requester was among the recipients; not relayed again' });
    return;
  }
  await relay(sp, deps, state, plan.relay.text, event, message);
}

interface Tools {
  event: (kind: string, data?: Record<string, unknown>) => Promise<void>;
  move: (action: TicketAction, extra?: { closedAt?: Date }) => Promise<void>;
  message: StaffMessage;
  plan: ReplyPlan;
}

async function applyCommand(sp: Tx, deps: VerifyDeps, state: Applied, command: StaffCommand, t: Tools): Promise<void> {
  const now = deps.now();
  const ticket = () => state.ticket;
  switch (command.kind) {
    case 'note':
      return; // Collected into one note event by the plan.
    case 'rights': {
      const r = await setTicketRights(sp, deps, { ticketId: ticket().id, rights: command.rights, by: t.message.staff, now });
      state.ticket = r.ticket;
      return;
    }
    case 'assign':
      await t.event(STAFF_EVENTS.assigned, { from: ticket().assignee, to: command.address });
      state.ticket = await patchTicket(sp, ticket().id, { assignee: command.address, updatedAt: now });
      return;
    case 'extend':
      state.ticket = (
        await extendTicket(sp, { ...deps, calendar: deps.calendar ?? weekdayCalendar }, { ticketId: ticket().id, days: command.days, reason: command.reason, actor: t.message.staff })
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
        dedupKey: `closing:${t.message.messageRowId}`,
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
        dedupKey: `rejected:${t.message.messageRowId}`,
      });
      return;
    }
    case 'status': {
      await t.event(STAFF_EVENTS.status, {});
      const events = await latestEvents(sp, ticket().id, STATUS_EVENTS);
      const threading = staffThreading(t.message.parsed);
      await queueMail(sp, deps, {
        template: 'staff_ticket_status',
        language: deps.config.staffLanguage,
        to: t.message.staff,
        ticket: ticket(),
        vars: {
          ticketNumber: ticket().number,
          rights: ticket().rights,
          triage: ticket().triage,
          status: ticket().status,
          requesterEmail: ticket().requesterEmail,
          assignee: ticket().assignee,
          dueAt: ticket().dueAt,
          events: events.map((e) => ({ at: e.at, actor: e.actor, kind: e.kind })),
        },
        ...(threading ? { threading } : {}),
        dedupKey: `staff_ticket_status:${t.message.messageRowId}`,
      });
      return;
    }
  }
}

async function relay(sp: Tx, deps: VerifyDeps, state: Applied, text: string, event: Tools['event'], message: StaffMessage): Promise<void> {
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
  const files = relayFiles(message.parsed.files);
  if (queued) await attachRelayFiles(sp, deps, state.ticket, queued.id, files, message);
  await event(STAFF_EVENTS.relayed, {
    outboxId: queued?.id ?? null,
    held: queued === null,
    ...(files.sent.length > 0 ? { files: files.sent.map(describeFile) } : {}),
    ...(files.leftOut.length > 0 ? { filesLeftOut: files.leftOut.map(describeFile) } : {}),
  });
}
