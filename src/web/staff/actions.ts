import type { AppContext } from '../../context.js';
import type { Intake } from '../../intake.js';
import { applyBoardAction } from '../../tickets/board-action.js';
import { dismissQuarantinedMessage, openQuarantinedAsRequest } from '../../tickets/quarantine-request.js';
import type { VerifyDeps } from '../../verify/deps.js';
import { parseTicketForm, type TicketActionName } from './action-forms.js';
import type { FlashNote } from './flash.js';
import type { StaffSession } from './session.js';

// The board's actions: every POST under /staff/tickets/<number>/<action> and
// /staff/quarantine/<id>/(open|dismiss) ends here, after the router has checked the session, the
// origin and the CSRF token. A ticket form is parsed strictly (action-forms.ts) and applied by
// applyBoardAction, the code behind the mail commands; a quarantined message is opened through
// intake or dismissed. The actor is always the signed-in staff member. The answer says where to send
// the browser and what to tell it there; refusals come back as notes, never as faults.

export { TICKET_ACTIONS, isTicketAction, type TicketActionName } from './action-forms.js';

/** What the board's actions need beyond the context: the ticket code's deps and intake. */
export interface BoardDeps {
  verify: VerifyDeps;
  intake: Pick<Intake, 'openAsRequest'>;
}

/** What a POST acts on, read from its path. */
export type BoardTarget =
  | { kind: 'ticket'; ticketNumber: string; action: TicketActionName }
  | { kind: 'quarantine'; messageId: number; action: 'open' | 'dismiss' };

export type BoardPost = BoardTarget & { form: URLSearchParams };

export interface BoardPostAnswer {
  /** Where to send the browser (303). */
  location: string;
  /** What the page there tells the staff member. */
  flash: FlashNote;
}

const QUEUE = '/staff/tickets';
const QUARANTINE = '/staff/quarantine';
const ticketPage = (number: string) => `${QUEUE}/${encodeURIComponent(number)}`;

export async function handleBoardPost(ctx: AppContext, deps: BoardDeps, session: StaffSession, post: BoardPost): Promise<BoardPostAnswer> {
  const log = ctx.log.child({ component: 'staff-board' });
  const actor = `staff:${session.email}`;
  if (post.kind === 'quarantine') {
    const id = post.messageId;
    if (post.action === 'open') {
      const r = await openQuarantinedAsRequest(ctx.database.db, { intake: deps.intake }, id, session.email);
      log.info({ msg: 'board: open quarantined as a request', messageRowId: id, actor, ok: r.ok, ...(r.ok ? { ticket: r.value.number } : { code: r.code }) });
      if (!r.ok) return { location: QUARANTINE, flash: { kind: 'refused', code: r.code, message: r.message } };
      return { location: ticketPage(r.value.number), flash: { kind: 'done', action: 'open', ticket: r.value.number, id } };
    }
    const r = await dismissQuarantinedMessage(ctx.database.db, { now: ctx.now }, id, session.email);
    log.info({ msg: 'board: dismiss quarantined', messageRowId: id, actor, ok: r.ok, ...(r.ok ? {} : { code: r.code }) });
    if (!r.ok) return { location: QUARANTINE, flash: { kind: 'refused', code: r.code, message: r.message } };
    return { location: QUARANTINE, flash: { kind: 'done', action: 'dismiss', id } };
  }

  const back = ticketPage(post.ticketNumber);
  const parsed = parseTicketForm(post.action, post.form);
  if (!parsed.ok) {
    log.info({ msg: 'board form not right', code: 'PD_STAFF_ACTION_INVALID', ticket: post.ticketNumber.slice(0, 40), action: post.action, field: parsed.problem.field, problem: parsed.problem.problem });
    return { location: back, flash: { kind: 'form', ...parsed.problem } };
  }
  const r = await applyBoardAction(ctx.database.db, deps.verify, {
    ticketNumber: post.ticketNumber,
    staff: session.email,
    expectedUpdatedAt: parsed.expectedUpdatedAt,
    action: parsed.action,
  });
  if (!r.ok) {
    // A ticket that does not exist has no page to go back to.
    return { location: r.code === 'PD_TICKET_NOT_FOUND' ? QUEUE : back, flash: { kind: 'refused', code: r.code, message: r.message } };
  }
  return { location: ticketPage(r.ticket.number), flash: { kind: 'done', action: post.action, ticket: r.ticket.number } };
}
