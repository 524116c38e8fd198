import type { AppContext } from '../../context.js';
import type { StaffSession } from './session.js';

// The board's actions: every POST under /staff/tickets/<number>/<action> and
// /staff/quarantine/<id>/(open|dismiss) ends here, after the router has checked the session, the
// origin and the CSRF token. For now each answers 303 back to its page with a flash saying the
// action is not available yet; the next step calls applyBoardAction (src/tickets/board-action.ts),
// openQuarantinedAsRequest and dismissQuarantined here, with the signed-in staff member as actor.

export const TICKET_ACTIONS = ['rights', 'assign', 'note', 'extend', 'reply', 'wait', 'close', 'reject'] as const;
export type TicketActionName = (typeof TICKET_ACTIONS)[number];

export function isTicketAction(value: string): value is TicketActionName {
  return (TICKET_ACTIONS as readonly string[]).includes(value);
}

/** What a POST acts on, read from its path. */
export type BoardTarget =
  | { kind: 'ticket'; ticketNumber: string; action: TicketActionName }
  | { kind: 'quarantine'; messageId: number; action: 'open' | 'dismiss' };

export type BoardPost = BoardTarget & { form: URLSearchParams };

export interface BoardPostAnswer {
  /** Where to send the browser (303). */
  location: string;
}

export async function handleBoardPost(ctx: AppContext, session: StaffSession, post: BoardPost): Promise<BoardPostAnswer> {
  const back = post.kind === 'ticket' ? `/staff/tickets/${encodeURIComponent(post.ticketNumber)}` : '/staff/quarantine';
  ctx.log.child({ component: 'staff-board' }).info({
    msg: 'board action not available yet',
    kind: post.kind,
    action: post.action,
    actor: `staff:${session.email}`,
    ...(post.kind === 'ticket' ? { ticket: post.ticketNumber } : { messageRowId: post.messageId }),
  });
  return { location: `${back}?flash=not_available` };
}
