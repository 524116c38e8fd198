import { newText } from '../classify/index.js';
import type { Tx } from '../db/client.js';
import { insertEvent } from '../db/queries/tickets.js';
import { lockTicket } from '../db/queries/verification.js';
import type { TicketRow } from '../db/schema.js';
import { isAppError } from '../errors.js';
import type { ParsedMail } from '../mail/parse.js';
import type { VerifyDeps } from '../verify/deps.js';
import { applyReplyPlan, STAFF_EVENTS } from './apply-plan.js';
import { parseStaffReply } from './commands.js';
import { planReply } from './reply-plan.js';
import { sendCommandError } from './staff-mail.js';

export { STAFF_EVENTS };

// A staff member's mail in a ticket's thread: commands first, then the text, relayed to the
// requester From the support address. Everything happens in one savepoint: if one command fails,
// none applies, nothing is relayed, and the staff member gets one mail saying what was wrong.
// The plan is applied by src/tickets/apply-plan.ts, the same code the staff board calls.

// Long pasted mail is cut before quote stripping: nobody answers a requester in 64 KB of text.
const MAX_REPLY_CHARS = 64 * 1024;

export interface StaffMessage {
  messageRowId: number;
  parsed: ParsedMail;
  /** The staff address the mail came from (checked against STAFF_ADDRESSES and, when set, AUTHSERV_ID). */
  staff: string;
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
      await applyReplyPlan(sp, deps, before, planned.plan, { via: 'mail', staff: message.staff, messageRowId: message.messageRowId, parsed: message.parsed, direct });
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
