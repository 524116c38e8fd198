import type { AppContext } from '../context.js';
import { purgeMessages, purgeTicket, ticketsToPurge, unmatchedToPurge } from '../db/queries/retention.js';
import { insertEvent } from '../db/queries/tickets.js';
import { describeError } from '../errors.js';

// Retention: the desk's own records are personal data too. RETENTION_YEARS after a ticket was
// closed, rejected or expired its names, addresses, letters and mail texts go, leaving the
// anonymised row the statistics need; quarantined and ignored mail goes after
// RETENTION_UNMATCHED_DAYS. Each ticket is purged in its own transaction with a `purged` event.

const DAY = 86_400_000;

export interface RetentionPlan {
  ticketsBefore: Date;
  messagesBefore: Date;
  tickets: Array<{ id: number; number: string }>;
  messages: number[];
}

export function retentionCutoffs(now: Date, r: { years: number; unmatchedDays: number }): { ticketsBefore: Date; messagesBefore: Date } {
  const t = new Date(now);
  t.setUTCFullYear(t.getUTCFullYear() - r.years);
  return { ticketsBefore: t, messagesBefore: new Date(now.getTime() - r.unmatchedDays * DAY) };
}

/** What a purge at `now` would remove (at most `limit` of each). */
export async function planRetention(ctx: AppContext, now: Date, limit = 1000): Promise<RetentionPlan> {
  const cut = retentionCutoffs(now, ctx.config.retention);
  const db = ctx.database.db;
  return { ...cut, tickets: await ticketsToPurge(db, cut.ticketsBefore, limit), messages: await unmatchedToPurge(db, cut.messagesBefore, limit) };
}

export async function runRetention(ctx: AppContext, opts: { signal?: AbortSignal; batchSize?: number } = {}): Promise<{ tickets: number; messages: number }> {
  const now = ctx.now();
  const log = ctx.log.child({ component: 'retention' });
  const db = ctx.database.db;
  const result = { tickets: 0, messages: 0 };
  const batch = opts.batchSize ?? 200;
  for (;;) {
    const plan = await planRetention(ctx, now, batch);
    let progressed = false;
    for (const t of plan.tickets) {
      if (opts.signal?.aborted) return result;
      try {
        const done = await db.transaction(async (tx) => {
          const r = await purgeTicket(tx, t.id, now);
          if (r) await insertEvent(tx, { ticketId: t.id, at: now, actor: 'system', kind: 'purged', data: { ...r, retentionYears: ctx.config.retention.years } });
          return r;
        });
        if (done) {
          result.tickets++;
          progressed = true;
          log.info({ msg: 'ticket purged', ticketId: t.id, ...done });
        }
      } catch (err) {
        log.error({ msg: 'retention failed for a ticket', ticketId: t.id, err: describeError(err) });
      }
    }
    if (plan.messages.length > 0) {
      const n = await db.transaction((tx) => purgeMessages(tx, plan.messages, now));
      if (n > 0) {
        result.messages += n;
        progressed = true;
        log.info({ msg: 'unmatched mail purged', messages: n, firstId: plan.messages[0], lastId: plan.messages[plan.messages.length - 1] });
      }
    }
    // A page smaller than the batch was the last one; no progress means another instance holds the rest.
    if (!progressed || (plan.tickets.length < batch && plan.messages.length < batch)) return result;
  }
}
