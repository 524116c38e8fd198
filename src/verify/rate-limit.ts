import type { Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { insertEvent } from '../db/queries/tickets.js';
import type { MailBudget } from '../db/queries/mail-budget.js';
import { VERIFY_EVENTS } from '../db/queries/verification.js';
import type { TicketRow } from '../db/schema.js';
import { addressDomain, addressKey } from '../mail/address-key.js';

// Anyone can write to us with a forged From, and each such letter would make us mail the victim.
// So verification mail has budgets; past one, the mail is held (the ticket stays, staff see why)
// instead of sent. What is counted:
//   - per recipient per day, on the normalised address (address-key.ts), so `bob+1@`, `bob+2@`
//     and `b.o.b@gmail.com` share one budget;
//   - per recipient domain per hour;
//   - overall per hour.
// Each budget is kept twice: once for senders our own server authenticated (DMARC or SPF pass in
// its Authentication-Results) and once for everyone else. A flood of forgeries spends only the
// second, so it can no longer hold a real requester's link for the rest of the hour.

export type HoldReason = 'recipient_limit' | 'domain_limit' | 'hourly_limit';

export interface RateCounts {
  toRecipientLastDay: number;
  toDomainLastHour: number;
  allLastHour: number;
}

/** Who the mail is for, as the budgets see it. */
export interface RateSubject {
  /** addressKey of the recipient. */
  toKey: string;
  toDomain: string;
  /** The request's sender was authenticated by our receiving server. */
  authenticated: boolean;
}

export type RateDecision = { send: true } | { send: false; reason: HoldReason; count: number; limit: number };

/** Pure: may one more verification mail go out, given what went out already in the sender's budget? */
export function decideRate(counts: RateCounts, limits: Config['verification'], authenticated: boolean): RateDecision {
  if (counts.toRecipientLastDay >= limits.maxPerRecipientPerDay) {
    return { send: false, reason: 'recipient_limit', count: counts.toRecipientLastDay, limit: limits.maxPerRecipientPerDay };
  }
  if (counts.toDomainLastHour >= limits.maxPerDomainPerHour) {
    return { send: false, reason: 'domain_limit', count: counts.toDomainLastHour, limit: limits.maxPerDomainPerHour };
  }
  const hourly = authenticated ? limits.maxPerHourAuthenticated : limits.maxPerHour;
  if (counts.allLastHour >= hourly) {
    return { send: false, reason: 'hourly_limit', count: counts.allLastHour, limit: hourly };
  }
  return { send: true };
}

/** Pure: the budget keys of a recipient address. */
export function rateSubject(address: string, authenticated: boolean): RateSubject {
  return { toKey: addressKey(address), toDomain: addressDomain(address), authenticated };
}

/**
 * Counts and decides under the budget lock (mail-budget.ts mailBudgetFor says in which
 * transaction), and spends one mail of each budget when it may go: the caller sends it, or gives
 * it back with `budget.refund` when it turns out to have gone before.
 */
export async function checkRate(budget: MailBudget, limits: Config['verification'], subject: RateSubject, now: Date): Promise<RateDecision> {
  const hourly = subject.authenticated ? limits.maxPerHourAuthenticated : limits.maxPerHour;
  const n = await budget.spend(subject, { recipientPerDay: limits.maxPerRecipientPerDay, domainPerHour: limits.maxPerDomainPerHour, perHour: hourly }, now);
  const counts: RateCounts = { toRecipientLastDay: n.toRecipient, toDomainLastHour: n.toDomain, allLastHour: n.all };
  const decision = decideRate(counts, limits, subject.authenticated);
  if (decision.send !== n.spent) {
    // The statement and decideRate apply the same limits; a difference is a bug, never a guess.
    throw new Error(`mail budget: the database ${n.spent ? 'spent' : 'held'} a mail that decideRate would ${decision.send ? 'send' : 'hold'}`);
  }
  return decision;
}

/**
 * checkRate for one ticket's mail; over the budget it records `confirmation_held` with the reason.
 * A mail allowed here is spent: give it back (budget.refund) when it is not queued after all.
 * The subject goes into every decision's event (held here, sent by the caller): the counts read it.
 */
export async function checkRateOrHold(
  tx: Queryable,
  budget: MailBudget,
  limits: Config['verification'],
  ticket: TicketRow,
  template: string,
  now: Date,
  authenticated: boolean,
): Promise<{ decision: RateDecision; subject: RateSubject }> {
  const subject = rateSubject(ticket.requesterEmail, authenticated);
  const decision = await checkRate(budget, limits, subject, now);
  if (!decision.send) {
    await insertEvent(tx, {
      ticketId: ticket.id,
      at: now,
      actor: 'system',
      kind: VERIFY_EVENTS.held,
      data: { template, reason: decision.reason, count: decision.count, limit: decision.limit, ...subject },
    });
  }
  return { decision, subject };
}
