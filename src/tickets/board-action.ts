import { randomUUID } from 'node:crypto';
import { isEmail } from '../config.js';
import type { Db } from '../db/client.js';
import { latestEvents } from '../db/queries/thread.js';
import { ticketByNumber } from '../db/queries/tickets.js';
import { lockTicket } from '../db/queries/verification.js';
import type { TicketRow } from '../db/schema.js';
import { RIGHTS, type Right } from '../domain.js';
import { AppError, isAppError, type ErrorCode } from '../errors.js';
import type { VerifyDeps } from '../verify/deps.js';
import { applyReplyPlan } from './apply-plan.js';
import type { StaffCommand } from './commands.js';
import { planReply } from './reply-plan.js';

// The staff board's actions. Each is the mail command of the same name, turned into the same
// commands and text a staff reply would carry and applied by the same code (apply-plan.ts): what a
// form does and what a mail does cannot drift apart. On top, the board refuses a change made from a
// stale page: the form carries the ticket's updated_at as drawn, and if the ticket moved since
// (a mail, a command, a colleague's click), nothing is applied and the staff member is told to reload.

export type BoardAction =
  | { kind: 'rights'; rights: Right[] }
  | { kind: 'assign'; address: string }
  | { kind: 'note'; text: string }
  | { kind: 'extend'; days: number; reason: string }
  | { kind: 'reply'; text: string }
  | { kind: 'wait'; text: string }
  | { kind: 'close'; text: string | null }
  | { kind: 'reject'; reason: string };

export interface BoardActionInput {
  ticketNumber: string;
  /** The signed-in staff address; recorded as `staff:<address>`. */
  staff: string;
  /** The ticket's updated_at (ISO 8601) when the page was drawn. */
  expectedUpdatedAt: string;
  action: BoardAction;
}

export type BoardActionResult = { ok: true; ticket: TicketRow } | { ok: false; code: ErrorCode; message: string };

/** Refusals a staff member can act on; any other error is a fault and is thrown. */
const REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PD_TICKET_NOT_FOUND',
  'PD_TICKET_BAD_TRANSITION',
  'PD_TICKET_CHANGED',
  'PD_EXTEND_INVALID',
  'PD_RATE_LIMITED',
  'PD_STAFF_ACTION_INVALID',
]);

/** Events the outbox worker adds after a mail leaves or fails; they do not change the ticket. */
const OUTBOX_EVENTS: ReadonlySet<string> = new Set(['mail_sent', 'mail_failed']);

// The mail path cuts a reply at 64 KB; a form says so instead of cutting.
const MAX_TEXT_CHARS = 64 * 1024;

function invalid(detail: string): AppError {
  return new AppError('PD_STAFF_ACTION_INVALID', detail);
}

function required(value: string, what: string): string {
  const text = value.trim();
  if (text === '') throw invalid(`${what} is empty: write it and send again`);
  if (text.length > MAX_TEXT_CHARS) throw invalid(`${what} is longer than ${MAX_TEXT_CHARS} characters: shorten it, or attach the rest by mail`);
  return text;
}

/** Pure: the commands and text a staff reply doing the same would carry; refuses what a form left empty. */
export function boardCommands(action: BoardAction): { commands: StaffCommand[]; text: string } {
  switch (action.kind) {
    case 'rights': {
      const unknown = action.rights.filter((r) => !(RIGHTS as readonly string[]).includes(r));
      if (action.rights.length === 0 || unknown.length > 0) {
        throw invalid(`${unknown.length ? `unknown right ${unknown.map((u) => `"${u}"`).join(', ')}; ` : ''}choose at least one of ${RIGHTS.join(', ')}`);
      }
      return { commands: [{ kind: 'rights', rights: RIGHTS.filter((r) => action.rights.includes(r)) }], text: '' };
    }
    case 'assign': {
      const address = action.address.replace(/^\s*<|>\s*$/g, '').trim().toLowerCase();
      if (!isEmail(address)) throw invalid(`"${action.address.slice(0, 100)}" is not one email address: write the assignee's address, e.g. olga@mexrontal.com`);
      return { commands: [{ kind: 'assign', address }], text: '' };
    }
    case 'note':
      return { commands: [{ kind: 'note', text: required(action.text, 'the note') }], text: '' };
    case 'extend':
      // Days and reason are checked by extendTicket itself (PD_EXTEND_INVALID), as for `#extend`.
      return { commands: [{ kind: 'extend', days: action.days, reason: action.reason.trim() }], text: '' };
    case 'reply':
      return { commands: [], text: required(action.text, 'the answer to the requester') };
    case 'wait':
      return { commands: [{ kind: 'wait', text: required(action.text, 'the question for the requester') }], text: '' };
    case 'close': {
      const text = action.text === null || action.text.trim() === '' ? null : required(action.text, 'the closing answer');
      return { commands: [{ kind: 'close', text }], text: '' };
    }
    case 'reject':
      return { commands: [{ kind: 'reject', reason: required(action.reason, 'the reason the requester will read') }], text: '' };
  }
}

/** Parses the page's updated_at; the comparison is in whole milliseconds, what a Date and an ISO string both carry. */
function expectedMillis(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw invalid(`updated_at "${iso.slice(0, 40)}" is not a date: reload the page and try again`);
  return ms;
}

/**
 * Applies one board action to a ticket, all or nothing, under the ticket's row lock. Refusals come
 * back as `{ ok: false }` with a code and a message saying what to do; faults are thrown.
 */
export async function applyBoardAction(db: Db, deps: VerifyDeps, input: BoardActionInput): Promise<BoardActionResult> {
  try {
    const ticket = await db.transaction(async (tx) => {
      const staff = input.staff.trim().toLowerCase();
      if (!isEmail(staff)) throw invalid(`"${input.staff.slice(0, 100)}" is not a staff address`);
      const expected = expectedMillis(input.expectedUpdatedAt);
      const { commands, text } = boardCommands(input.action);
      const planned = planReply(commands, text);
      if (!planned.ok) throw invalid(planned.problem);
      const found = await ticketByNumber(tx, input.ticketNumber.trim());
      const locked = found ? await lockTicket(tx, found.id) : null;
      if (!locked) throw new AppError('PD_TICKET_NOT_FOUND', `${input.ticketNumber.slice(0, 40)}: check the number, or go back to the queue`);
      if (Math.floor(locked.updatedAt.getTime()) !== expected) {
        // The outbox records its deliveries as events without touching the ticket: the change is the newest other one.
        const last = (await latestEvents(tx, locked.id, 10)).reverse().find((e) => !OUTBOX_EVENTS.has(e.kind));
        const by = last ? `by ${last.actor}, ${last.kind}` : 'by someone else';
        throw new AppError('PD_TICKET_CHANGED', `${locked.number} changed since you opened it (${by}): reload the page and try again`);
      }
      return applyReplyPlan(tx, deps, locked, planned.plan, { via: 'board', staff, actionId: randomUUID() });
    });
    deps.log.info({ msg: 'board action applied', component: 'staff', ticketId: ticket.id, action: input.action.kind });
    return { ok: true, ticket };
  } catch (err) {
    if (!isAppError(err) || !REFUSALS.has(err.code)) throw err;
    deps.log.info({ msg: 'board action refused', component: 'staff', ticket: input.ticketNumber.slice(0, 40), action: input.action.kind, code: err.code });
    const message = err.detail ?? err.message;
    // transition() names the move only; the page that offered it is out of date or the move is not for this status.
    const hint = err.code === 'PD_TICKET_BAD_TRANSITION' && message.startsWith('cannot ') ? `${input.ticketNumber.slice(0, 40)}: ${message}; reload the page to see its status` : message;
    return { ok: false, code: err.code, message: hint };
  }
}
