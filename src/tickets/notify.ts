import { MAX_CLASSIFIED_CHARS, newText } from '../classify/index.js';
import type { Queryable } from '../db/client.js';
import type { TicketRow } from '../db/schema.js';
import type { ThreadActor } from '../intake-actions.js';
import type { ParsedMail } from '../mail/parse.js';
import { enqueueMail } from '../outbox/enqueue.js';
import type { VerifyDeps } from '../verify/deps.js';

// Staff hear about every letter a requester adds to a ticket: platforms that stay silent when the
// user answers (Osano) leave people waiting. Staff's own mail in the thread needs no notice.

const MAX_QUOTE = 4000;

export async function notifyStaffOfReply(
  tx: Queryable,
  deps: VerifyDeps,
  ticket: TicketRow,
  message: { messageRowId: number; actor: ThreadActor; parsed: ParsedMail },
): Promise<void> {
  if (message.actor === 'staff') return;
  // Only the head is quoted: reading a 500 KB thread history for it held the event loop.
  const head = message.parsed.text.slice(0, MAX_CLASSIFIED_CHARS);
  const text = newText(head).trim() || head.trim();
  await enqueueMail(tx, deps, {
    template: 'staff_requester_reply',
    language: deps.config.staffLanguage,
    to: deps.config.staffNotifyAddress,
    ticket: { id: ticket.id, number: ticket.number },
    vars: {
      ticketNumber: ticket.number,
      requesterName: ticket.requesterName,
      requesterEmail: message.parsed.from?.address ?? ticket.requesterEmail,
      replyText: text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text,
      dueAt: ticket.dueAt,
    },
    threading: { inReplyTo: message.parsed.messageId, references: [...message.parsed.references, message.parsed.messageId] },
    dedupKey: `staff_requester_reply:${message.messageRowId}`,
  });
}
