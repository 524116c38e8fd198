import type { AppContext } from './context.js';
import type { Tx } from './db/client.js';
import { setOutcome, type ParsedFields } from './db/queries/messages.js';
import { insertEvent, ticketById } from './db/queries/tickets.js';
import type { MessageRow, TicketRow } from './db/schema.js';
import type { Language, Right } from './domain.js';
import { isAuthenticated, readAuthResults } from './mail/auth-results.js';
import type { IngestResult } from './mail/incoming.js';
import type { ParsedMail } from './mail/parse.js';
import type { Route, ThreadActor } from './mail/route.js';
import { openTicket } from './tickets/open.js';
import { threadDecision } from './tickets/thread-policy.js';

// What each route does, inside the message's transaction: write the outcome, open the ticket or
// append to its thread, and let the hooks queue mail in the same transaction.

export interface RightsClassification {
  rights: Right[];
  confidence: Partial<Record<Right, number>>;
  language: Language;
  isRequest: boolean;
}

export interface RightsClassifier {
  classify(input: { subject: string; text: string }): RightsClassification;
}

export type { ThreadActor };

export interface IntakeHooks {
  /** A ticket was opened: ask the sender to confirm (same transaction). */
  ticketOpened(
    tx: Tx,
    ticket: TicketRow,
    origin: { messageId: string | null; references: string[]; authenticated: boolean; follows?: TicketRow },
  ): Promise<void>;
  /** A message joined a ticket's thread (same transaction): e.g. tell staff the requester wrote. */
  threadMessage?(tx: Tx, ticket: TicketRow, message: { messageRowId: number; actor: ThreadActor; parsed: ParsedMail }): Promise<void>;
  /** A message was quarantined as too large; `parsed` holds its headers only (e.g. tell the sender). */
  tooLarge?(message: { messageRowId: number; parsed: ParsedMail; size: number }): Promise<void>;
}

export interface ActionInput {
  ctx: AppContext;
  deps: { hooks: IntakeHooks };
  messageRowId: number;
  row: MessageRow;
  parsed: ParsedMail;
  /** What the classifier made of the text (read with the message, off the main thread). */
  classification: RightsClassification;
  fields: ParsedFields;
  route: Route;
}

const TRIAGE_NO_RIGHTS = 'no right recognised with enough confidence';
const TRIAGE_NOT_REQUEST = 'the letter does not read as a privacy request';

export async function applyRoute(tx: Tx, a: ActionInput): Promise<IngestResult> {
  const { route, messageRowId: id, fields, parsed } = a;
  switch (route.kind) {
    case 'quarantine':
      await setOutcome(tx, id, { ...fields, outcome: 'quarantined', reason: route.code, reasonDetail: route.detail });
      return { messageRowId: id, outcome: 'quarantined', reason: route.code };

    case 'auto': {
      const reason = `${route.auto.kind}:${route.auto.signal ?? ''}`;
      await setOutcome(tx, id, { ...fields, outcome: 'auto', reason, ticketId: route.ticket?.id ?? null });
      if (route.ticket) {
        await insertEvent(tx, {
          ticketId: route.ticket.id,
          actor: 'system',
          kind: route.auto.kind === 'bounce' ? 'bounce_received' : 'auto_reply_received',
          messageRowId: id,
          data: { signal: route.auto.signal },
        });
      }
      return { messageRowId: id, outcome: 'auto', reason, ...(route.ticket ? { ticket: route.ticket.number } : {}) };
    }

    case 'ignore':
      await setOutcome(tx, id, { ...fields, outcome: 'ignored', reason: route.reason });
      return { messageRowId: id, outcome: 'ignored', reason: route.reason };

    case 'thread': {
      const ticket = await ticketById(tx, route.ticket.id);
      if (!ticket) throw new Error(`ticket ${route.ticket.id} vanished`);
      const decision = threadDecision(ticket, route.actor, a.ctx.now(), a.ctx.config.staffThread.reopenWithinDays);
      if (decision === 'ignore') {
        // A stranger cannot add to a request whose owner has not even confirmed it.
        await setOutcome(tx, id, { ...fields, outcome: 'ignored', reason: 'stranger-on-unverified-ticket' });
        return { messageRowId: id, outcome: 'ignored', reason: 'stranger-on-unverified-ticket' };
      }
      if (decision === 'new_ticket') return openRequest(tx, a, ticket);
      await setOutcome(tx, id, { ...fields, outcome: 'thread', reason: route.via, ticketId: route.ticket.id });
      const actor =
        route.actor === 'staff' ? `staff:${parsed.from!.address}` : route.actor === 'requester' ? 'requester' : `other:${parsed.from!.address}`;
      await insertEvent(tx, { ticketId: route.ticket.id, actor, kind: 'message_received', messageRowId: id, data: { via: route.via, ...(route.actor === 'forged_staff' ? { forgedStaff: true } : {}) } });
      if (a.deps.hooks.threadMessage) {
        await a.deps.hooks.threadMessage(tx, ticket, { messageRowId: id, actor: route.actor, parsed });
      }
      return { messageRowId: id, outcome: 'thread', ticket: route.ticket.number, reason: route.via };
    }

    case 'new_request':
      return openRequest(tx, a, null);
  }
}

/** Classifies the letter and opens its ticket; `follows` names an old closed ticket it continues. */
async function openRequest(tx: Tx, a: ActionInput, follows: TicketRow | null): Promise<IngestResult> {
  const { messageRowId: id, fields, parsed } = a;
  const c = a.classification;
  const triage = !c.isRequest || c.rights.length === 0;
  const ticket = await openTicket(tx, a.ctx.config.org.timeZone, {
    messageRowId: id,
    requesterEmail: parsed.from!.address,
    requesterName: parsed.from!.name,
    subject: parsed.subject,
    language: c.language,
    rights: c.rights,
    confidence: c.confidence,
    triage,
    triageReason: triage ? (c.isRequest ? TRIAGE_NO_RIGHTS : TRIAGE_NOT_REQUEST) : null,
    receivedAt: a.row.internalDate ?? a.row.receivedAt,
  });
  await setOutcome(tx, id, { ...fields, language: c.language, outcome: 'ticket', ticketId: ticket.id });
  if (follows) {
    await insertEvent(tx, { ticketId: ticket.id, actor: 'requester', kind: 'follows_ticket', messageRowId: id, data: { previous: follows.number } });
    await insertEvent(tx, { ticketId: follows.id, actor: 'requester', kind: 'followed_by_ticket', messageRowId: id, data: { next: ticket.number } });
  }
  // Our server's verdict on the sender decides which confirmation budget the request spends.
  const authenticated = isAuthenticated(readAuthResults(parsed.headers, a.ctx.config.authservId));
  await a.deps.hooks.ticketOpened(tx, ticket, { messageId: parsed.messageId, references: parsed.references, authenticated, ...(follows ? { follows } : {}) });
  a.ctx.status.count('tickets_opened_total');
  return { messageRowId: id, outcome: 'ticket', ticket: ticket.number, ...(triage ? { reason: 'triage' } : {}) };
}
