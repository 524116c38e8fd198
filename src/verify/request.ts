import type { Queryable } from '../db/client.js';
import { describeError } from '../errors.js';
import type { TicketRow } from '../db/schema.js';
import type { VerifyDeps } from './deps.js';
import { queueMail, threadTo } from './mail.js';
import { checkRateOrHold, type RateDecision, type RateSubject } from './rate-limit.js';
import { mailBudgetFor, type MailBudget } from '../db/queries/mail-budget.js';
import { insertEvent } from '../db/queries/tickets.js';
import { VERIFY_EVENTS, deleteToken, insertToken } from '../db/queries/verification.js';
import { newSecretLink } from '../outbox/secret-link.js';
import { hashToken, tokenRef } from './token.js';

export type { VerifyDeps } from './deps.js';

const HOUR = 3_600_000;

/** `PUBLIC_BASE_URL/confirm/<token>`. */
export function confirmUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/(?<!\/)\/+$/, '')}/confirm/${token}`;
}

/** What intake knows about the letter that opened the ticket. */
export interface RequestOrigin {
  messageId: string | null;
  references: string[];
  /** Our receiving server passed the sender's DMARC or SPF (auth-results.ts): the request spends the authenticated budget. */
  authenticated?: boolean;
}

/**
 * Asks the requester to confirm the mailbox: a fresh link token (only its hash stored), the
 * confirm_request mail threaded under their letter, and an event. Runs in intake's transaction
 * with the new ticket, so the ticket and its mail commit together. Over the rate limits no mail
 * goes out: the ticket stays unverified with a `confirmation_held` event staff can see.
 */
export async function requestConfirmation(
  tx: Queryable,
  deps: VerifyDeps,
  ticket: TicketRow,
  origin: RequestOrigin,
): Promise<void> {
  const log = deps.log.child({ component: 'verify', ticketId: ticket.id });
  if (ticket.status !== 'unverified') {
    // Only a request waiting for its sender has anything to confirm; a link for any other would be a bug.
    log.warn({ msg: 'confirmation not requested: ticket is not unverified', status: ticket.status });
    return;
  }
  const now = deps.now();
  const sent = await sendLink(tx, deps, ticket, 'confirm_request', now, threadTo(origin), origin.authenticated === true);
  if (sent.outcome === 'held') {
    log.warn({ msg: 'confirmation mail held by rate limit', reason: sent.decision.reason, count: sent.decision.count, limit: sent.decision.limit });
  } else if (sent.outcome === 'sent') {
    log.info({ msg: 'confirmation requested', outboxId: sent.outboxId, tokenRef: sent.tokenRef });
  }
}

export type SendLinkResult =
  | { outcome: 'sent'; outboxId: number; tokenRef: string }
  | { outcome: 'held'; decision: Extract<RateDecision, { send: false }> }
  | { outcome: 'duplicate' };

/**
 * Makes a link and mails it (confirm_request or confirm_reminder), unless the budget says no.
 * Shared by the first request and the reminder: the reminder needs a new link because the first
 * one was never stored in a readable form.
 */
export async function sendLink(
  tx: Queryable,
  deps: VerifyDeps,
  ticket: TicketRow,
  template: 'confirm_request' | 'confirm_reminder',
  now: Date,
  threading: ReturnType<typeof threadTo>,
  authenticated: boolean,
): Promise<SendLinkResult> {
  const budget = mailBudgetFor(tx, deps.budgetDb);
  const { decision, subject } = await checkRateOrHold(tx, budget, deps.config.verification, ticket, template, now, authenticated);
  if (!decision.send) return { outcome: 'held', decision };
  try {
    return await queueLink(tx, deps, { ticket, template, now, threading, subject, budget });
  } catch (err) {
    // Spent in a transaction of its own, the mail would stay counted though it never goes.
    if (deps.budgetDb) {
      await budget.refund(subject, now).catch((e: unknown) => deps.log.warn({ msg: 'mail budget not refunded after a failed send; it errs toward holding', ticketId: ticket.id, err: describeError(e) }));
    }
    throw err;
  }
}

/** The link, its mail and the event, once the budget allowed it. */
async function queueLink(
  tx: Queryable,
  deps: VerifyDeps,
  a: { ticket: TicketRow; template: 'confirm_request' | 'confirm_reminder'; now: Date; threading: ReturnType<typeof threadTo>; subject: RateSubject; budget: MailBudget },
): Promise<SendLinkResult> {
  const { ticket, template, now, threading, subject } = a;

  // The token exists in memory here and in the mail on the wire; the outbox row gets a placeholder.
  const link = newSecretLink(deps.config.secret, 'confirm');
  const token = link.token;
  const expiresAt = new Date(now.getTime() + deps.config.verification.tokenTtlHours * HOUR);
  const tokenId = await insertToken(tx, { ticketId: ticket.id, tokenHash: hashToken(token), createdAt: now, expiresAt });
  const vars = {
    ticketNumber: ticket.number,
    // Nobody has confirmed this address yet: the greeting names no one (sender-text.ts).
    requesterName: null,
    rights: ticket.rights,
    triage: ticket.triage,
    confirmUrl: confirmUrl(deps.config.http.publicBaseUrl, link.placeholder),
    expiresAt,
  };
  const mail = await queueMail(tx, deps, {
    template,
    language: ticket.language,
    to: ticket.requesterEmail,
    ticket,
    vars,
    ...(threading ? { threading } : {}),
    dedupKey: `${template}:${ticket.id}`,
    secretLinks: [link.ref],
  });
  if (!mail) {
    // This mail went out before (a repeated call): its link stands, this one is never sent.
    await deleteToken(tx, tokenId);
    await a.budget.refund(subject, now);
    return { outcome: 'duplicate' };
  }
  const ref = tokenRef(token);
  await insertEvent(tx, {
    ticketId: ticket.id,
    at: now,
    actor: 'system',
    kind: template === 'confirm_request' ? VERIFY_EVENTS.sent : VERIFY_EVENTS.reminderSent,
    data: { to: ticket.requesterEmail, outboxId: mail.id, expiresAt: expiresAt.toISOString(), tokenRef: ref, ...subject },
  });
  return { outcome: 'sent', outboxId: mail.id, tokenRef: ref };
}
