import { sql } from 'drizzle-orm';
import { rows, type Queryable } from '../client.js';
import { ACTIVE_STATUSES, type Right, type TicketStatus } from '../../domain.js';
import type { DigestTicketRow } from '../../sla/digest-model.js';

// The reads behind the managers' digest: a grouped count, the tickets it lists, and the problem
// counts. Only numbers, statuses, rights and dates leave the database here.

const DAY = 86_400_000;
const toDate = (v: Date | string | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

export async function ticketCountsByStatus(db: Queryable): Promise<Record<string, number>> {
  const r = await rows<{ status: string; n: number | string }>(db, sql`select status, count(*) as n from tickets group by status`);
  return Object.fromEntries(r.map((x) => [x.status, Number(x.n)]));
}

/** Active and unverified tickets, and those received or closed in the 31 days before `now`. */
export async function digestTickets(db: Queryable, now: Date): Promise<DigestTicketRow[]> {
  const since = new Date(now.getTime() - 31 * DAY);
  const active = sql.join(
    ACTIVE_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const r = await rows<{
    number: string;
    status: TicketStatus;
    rights: Right[] | string;
    received_at: Date | string;
    due_at: Date | string | null;
    closed_at: Date | string | null;
  }>(
    db,
    sql`select number, status, rights, received_at, due_at, closed_at from tickets
         where status in (${active}) or status = 'unverified'
            or (received_at >= ${ts(since)} and received_at <= ${ts(now)})
            or (closed_at >= ${ts(since)} and closed_at <= ${ts(now)})`,
  );
  return r
    .filter((x) => toDate(x.received_at)! <= now)
    .map((x) => ({
      number: x.number,
      status: x.status,
      rights: typeof x.rights === 'string' ? (JSON.parse(x.rights) as Right[]) : x.rights,
      receivedAt: toDate(x.received_at)!,
      dueAt: toDate(x.due_at),
      closedAt: toDate(x.closed_at),
    }));
}

/** Inbound mail quarantined in the 24 hours before `now`. */
export async function quarantinedSince(db: Queryable, since: Date, now: Date): Promise<number> {
  const r = await rows<{ n: number | string }>(
    db,
    sql`select count(*) as n from messages where outcome = 'quarantined'
          and coalesce(processed_at, received_at) > ${ts(since)} and coalesce(processed_at, received_at) <= ${ts(now)}`,
  );
  return Number(r[0]?.n ?? 0);
}

/** Outbound mail given up on: a person must resend or correct it. */
export async function failedOutboundCount(db: Queryable): Promise<number> {
  const r = await rows<{ n: number | string }>(db, sql`select count(*) as n from outbox where status = 'failed'`);
  return Number(r[0]?.n ?? 0);
}

/** Mailboxes whose last successful poll is older than `before` (or that never had one). */
export async function mailboxesNotPolledSince(db: Queryable, before: Date): Promise<string[]> {
  const r = await rows<{ mailbox: string }>(
    db,
    sql`select mailbox from mailbox_cursors where coalesce(last_success_at, last_poll_at, updated_at) < ${ts(before)} order by mailbox`,
  );
  return r.map((x) => x.mailbox);
}
