import type { AppContext } from '../context.js';
import type { Queryable } from '../db/client.js';
import { digestTickets, failedOutboundCount, mailboxesNotPolledSince, quarantinedSince, ticketCountsByStatus } from '../db/queries/digest.js';
import { calendarProblems } from './calendar-problems.js';
import { computeDigest } from './digest.js';
import type { Digest } from './digest-model.js';

const HOUR = 3_600_000;

/** Reads what the digest needs as of `now` and computes it. */
export async function loadDigest(db: Queryable, ctx: AppContext, now: Date): Promise<Digest> {
  return computeDigest({
    now,
    cz: { calendar: ctx.calendar, timeZone: ctx.config.org.timeZone },
    statusCounts: await ticketCountsByStatus(db),
    tickets: await digestTickets(db, now),
    problems: {
      quarantinedLastDay: await quarantinedSince(db, new Date(now.getTime() - 24 * HOUR), now),
      failedOutbound: await failedOutboundCount(db),
      stalledMailboxes: await mailboxesNotPolledSince(db, new Date(now.getTime() - HOUR)),
      calendarWarnings: calendarProblems(ctx, now),
    },
  });
}
