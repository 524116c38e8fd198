import type { AppContext } from '../context.js';
import { setMark } from '../db/queries/verification.js';
import { localDateKey, localMinutesOf } from '../deadlines/working-day-count.js';
import { localDateOf } from '../deadlines/working-days.js';
import { enqueueMail } from '../outbox/enqueue.js';
import type { Renderer } from '../outbox/render.js';
import { loadDigest } from './digest-load.js';
import { digestMailVars } from './digest-mail.js';

// The managers' daily digest. A tick at or after DIGEST_TIME on a digest day claims the day with an
// insert-or-nothing schedule mark (ticket 0: the mark belongs to no ticket) in the same transaction
// as the outbox rows, so it goes once per day across restarts and instances. Only today is ever
// claimed: a service down for three days sends one digest when it is back, not three.

export const DIGEST_MARK = { ticketId: 0, kind: 'digest' } as const;

/** Pure: is `now` a moment the day's digest should go (if it has not yet)? */
export function digestDue(
  now: Date,
  o: { atMinutes: number; days: 'working' | 'all'; timeZone: string; isWorkingDay: (d: ReturnType<typeof localDateOf>) => boolean },
): boolean {
  if (o.days === 'working' && !o.isWorkingDay(localDateOf(now, o.timeZone))) return false;
  return localMinutesOf(now, o.timeZone) >= o.atMinutes;
}

export async function runDigestJob(ctx: AppContext, renderer: Renderer): Promise<{ sent: number }> {
  const now = ctx.now();
  const { config } = ctx;
  const tz = config.org.timeZone;
  const due = digestDue(now, { ...config.digest, timeZone: tz, isWorkingDay: (d) => ctx.calendar.isWorkingDay(d) });
  if (!due || config.managerAddresses.length === 0) return { sent: 0 };
  const day = localDateKey(now, tz);
  const sent = await ctx.database.db.transaction(async (tx) => {
    if (!(await setMark(tx, DIGEST_MARK.ticketId, DIGEST_MARK.kind, day, now))) return 0;
    const vars = digestMailVars(await loadDigest(tx, ctx, now));
    let n = 0;
    for (const to of config.managerAddresses) {
      const mail = await enqueueMail(
        tx,
        { config, renderer, now: () => now },
        { template: 'manager_digest', language: config.staffLanguage, to, vars, dedupKey: `manager_digest:${day}:${to}` },
      );
      if (mail) n++;
    }
    return n;
  });
  if (sent > 0) ctx.log.child({ component: 'digest' }).info({ msg: 'digest queued', day, recipients: sent });
  return { sent };
}
