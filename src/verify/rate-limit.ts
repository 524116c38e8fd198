import type { Config } from '../config.js';
import type { Queryable } from '../db/client.js';
import { insertEvent } from '../db/queries/tickets.js';
import { VERIFY_EVENTS, countMailAll, countMailTo, lockRateBudget } from '../db/queries/verification.js';
import type { TicketRow } from '../db/schema.js';

// Anyone can write to us with a forged From, and each such letter would make us mail the victim.
// So verification mail has a budget per recipient per day and overall per hour; past it, the mail
// is held (the ticket stays, staff see why) instead of sent.

export type HoldReason = 'recipient_limit' | 'hourly_limit';

export interface RateCounts {
  toRecipientLastDay: number;
  allLastHour: number;
}

export type RateDecision = { send: true } | { send: false; reason: HoldReason; count: number; limit: number };

/** Pure: may one more verification mail go out, given what went out already? */
export function decideRate(counts: RateCounts, limits: Config['verification']): RateDecision {
  if (counts.toRecipientLastDay >= limits.maxPerRecipientPerDay) {
    return { send: false, reason: 'recipient_limit', count: counts.toRecipientLastDay, limit: limits.maxPerRecipientPerDay };
  }
  if (counts.allLastHour >= limits.maxPerHour) {
    return { send: false, reason: 'hourly_limit', count: counts.allLastHour, limit: limits.maxPerHour };
  }
  return { send: true };
}

const HOUR = 3_600_000;

/**
 * Counts and decides inside the caller's transaction, holding the budget lock until it commits,
 * so the mail that is then recorded is counted by whoever checks next.
 */
export async function checkRate(tx: Queryable, limits: Config['verification'], to: string, now: Date): Promise<RateDecision> {
  await lockRateBudget(tx);
  const counts: RateCounts = {
    toRecipientLastDay: await countMailTo(tx, to, new Date(now.getTime() - 24 * HOUR)),
    allLastHour: await countMailAll(tx, new Date(now.getTime() - HOUR)),
  };
  return decideRate(counts, limits);
}

/** checkRate for one ticket's mail; over the budget it records `confirmation_held` with the reason. */
export async function checkRateOrHold(
  tx: Queryable,
  limits: Config['verification'],
  ticket: TicketRow,
  template: string,
  now: Date,
): Promise<RateDecision> {
  const decision = await checkRate(tx, limits, ticket.requesterEmail, now);
  if (!decision.send) {
    await insertEvent(tx, {
      ticketId: ticket.id,
      at: now,
      actor: 'system',
      kind: VERIFY_EVENTS.held,
      data: { template, reason: decision.reason, count: decision.count, limit: decision.limit },
    });
  }
  return decision;
}
