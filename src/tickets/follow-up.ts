import { newText } from '../classify/index.js';
import type { Tx } from '../db/client.js';
import { insertEvent } from '../db/queries/tickets.js';
import { patchTicket } from '../db/queries/thread.js';
import { lockTicket } from '../db/queries/verification.js';
import type { TicketRow } from '../db/schema.js';
import type { ParsedMail } from '../mail/parse.js';
import { queueMail } from '../verify/mail.js';
import type { VerifyDeps } from '../verify/deps.js';
import { staffThreading } from './staff-mail.js';
import { bumpedAt, transition } from './ticket.js';

// Letters that join a ticket's thread from anyone but staff. Staff hear about every one of them
// (platforms that stay silent when the user answers leave people waiting): the assignee if there
// is one, else the staff notice address. A requester's answer wakes a waiting ticket and reopens a
// recently closed one; a letter from any other address is said to be from someone else.

export type FollowUpSender = 'requester' | 'other' | 'forged_staff';

export const FOLLOW_UP_EVENTS = {
  answered: 'requester_answered',
  reopened: 'reopened',
  thirdParty: 'third_party_mail',
} as const;

const MAX_QUOTE = 4000;
// The quote in the staff notice is cut anyway: quote stripping never reads more than this.
const MAX_TEXT = 64 * 1024;

/** What a follow-up does to the ticket's status: pure, so the policy is tested on its own. */
export function followUpEffect(ticket: Pick<TicketRow, 'status'>, sender: FollowUpSender): 'resume' | 'reopen' | null {
  if (sender !== 'requester') return null;
  if (ticket.status === 'waiting') return 'resume';
  if (ticket.status === 'closed') return 'reopen';
  return null;
}

export async function handleFollowUp(
  tx: Tx,
  deps: VerifyDeps,
  ticketId: number,
  message: { messageRowId: number; parsed: ParsedMail; sender: FollowUpSender },
): Promise<void> {
  let ticket = await lockTicket(tx, ticketId);
  if (!ticket) return;
  const now = deps.now();
  const address = message.parsed.from?.address ?? null;
  const event = (kind: string, data: Record<string, unknown>) =>
    insertEvent(tx, { ticketId, at: now, actor: message.sender === 'requester' ? 'requester' : `other:${address}`, kind, messageRowId: message.messageRowId, data });

  const effect = followUpEffect(ticket, message.sender);
  // A new letter in the thread changes the ticket even when its status stays: a board page drawn
  // before it is stale (an answer written without having read it is refused, see board-action.ts).
  const updatedAt = bumpedAt(ticket.updatedAt, now);
  if (effect) {
    ticket = await patchTicket(tx, ticketId, { status: transition(ticket.status, effect), updatedAt, ...(effect === 'reopen' ? { closedAt: null } : {}) });
    await event(effect === 'reopen' ? FOLLOW_UP_EVENTS.reopened : FOLLOW_UP_EVENTS.answered, {});
  } else {
    ticket = await patchTicket(tx, ticketId, { updatedAt });
  }
  if (message.sender !== 'requester') await event(FOLLOW_UP_EVENTS.thirdParty, { forgedStaff: message.sender === 'forged_staff' });

  const raw = message.parsed.text.slice(0, MAX_TEXT);
  const text = newText(raw).trim() || raw.trim();
  const threading = staffThreading(message.parsed);
  await queueMail(tx, deps, {
    template: 'staff_requester_reply',
    language: deps.config.staffLanguage,
    to: ticket.assignee ?? deps.config.staffNotifyAddress,
    ticket,
    vars: {
      ticketNumber: ticket.number,
      requesterName: ticket.requesterName,
      requesterEmail: ticket.requesterEmail,
      replyText: text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text,
      dueAt: ticket.dueAt,
      otherSender: message.sender === 'requester' ? null : address,
      reopened: effect === 'reopen',
    },
    ...(threading ? { threading } : {}),
    dedupKey: `staff_requester_reply:${message.messageRowId}`,
  });
}
