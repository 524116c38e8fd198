import { sql, type SQL } from 'drizzle-orm';
import { ACTIVE_STATUSES, FINAL_STATUSES, type Language, type Right, type TicketStatus } from '../../domain.js';
import { rows, type Queryable } from '../client.js';
import { TICKET_URGENCY_SQL } from '../schema.js';

// The staff board's queue: one statement, filters and paging included (the total is counted in
// the same statement, so no second round trip). Indexes of migration 0009: (status, due_at, id), (due_at, id),
// (assignee), GIN on rights. Most urgent first: tickets being worked on by due date, then those
// waiting for confirmation, then finished ones; oldest first within the same due date.

export interface QueueFilter {
  /** `current`: not finished (the default); `all`; or one status. */
  status: 'current' | 'all' | TicketStatus;
  right: Right | null;
  /** An address, `none` for unassigned, or null for anyone. */
  assignee: string | null;
  overdue: boolean;
  dueSoon: boolean;
  triage: boolean;
  /** Part of a ticket number or of the requester's address. */
  search: string | null;
}

export interface QueueRow {
  id: number;
  number: string;
  status: TicketStatus;
  rights: Right[];
  triage: boolean;
  requesterEmail: string;
  language: Language;
  receivedAt: Date;
  dueAt: Date | null;
  assignee: string | null;
}

export interface QueuePage {
  rows: QueueRow[];
  total: number;
}

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** `%`, `_` and `\` in a search are literal. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The statement of queuePage, exported so the benchmark can EXPLAIN the very same SQL. */
export function queueQuery(f: QueueFilter, opts: { now: Date; dueSoonUntil: Date; limit: number; offset: number }): SQL {
  const where: SQL[] = [];
  if (f.status === 'current') where.push(sql`t.status not in (${list(FINAL_STATUSES)})`);
  else if (f.status !== 'all') where.push(sql`t.status = ${f.status}`);
  if (f.right) where.push(sql`t.rights @> ${JSON.stringify([f.right])}::jsonb`);
  if (f.assignee === 'none') where.push(sql`t.assignee is null`);
  // #assign stores addresses in lower case (tickets/commands.ts): the plain index serves.
  else if (f.assignee) where.push(sql`t.assignee = ${f.assignee.toLowerCase()}`);
  if (f.overdue) where.push(sql`t.status in (${list(ACTIVE_STATUSES)}) and t.due_at < ${opts.now.toISOString()}::timestamptz`);
  if (f.dueSoon) {
    where.push(
      sql`t.status in (${list(ACTIVE_STATUSES)}) and t.due_at >= ${opts.now.toISOString()}::timestamptz and t.due_at <= ${opts.dueSoonUntil.toISOString()}::timestamptz`,
    );
  }
  if (f.triage) where.push(sql`t.triage`);
  if (f.search) {
    const p = likePattern(f.search);
    where.push(sql`(t.number ilike ${p} or t.requester_email ilike ${p})`);
  }
  const whereSql = where.length > 0 ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  // The page walks tickets_queue_order_idx (same expression, literal, as in the index); the count
  // is a second scan of the same filter in the same statement; the left join keeps the total on an
  // empty page.
  const urgency = sql.raw(TICKET_URGENCY_SQL.replace(/\bstatus\b/g, 't.status'));
  return sql`
    with page as (
      select t.id, t.number, t.status, t.rights, t.triage, t.requester_email, t.language, t.received_at, t.due_at, t.assignee
      from tickets t
      ${whereSql}
      order by ${urgency}, t.due_at asc nulls last, t.received_at asc, t.id asc
      limit ${opts.limit} offset ${opts.offset}
    ),
    total as (select count(*)::int as n from tickets t ${whereSql})
    select page.*, total.n as total from total left join page on true`;
}

/**
 * One page of the queue. `now` decides "overdue"; `dueSoonUntil` is the end of the third working
 * day ahead, counted by the caller on the service's calendar.
 */
export async function queuePage(
  db: Queryable,
  f: QueueFilter,
  opts: { now: Date; dueSoonUntil: Date; limit: number; offset: number },
): Promise<QueuePage> {
  const raw = await rows<Record<string, unknown>>(db, queueQuery(f, opts));
  const found = raw.filter((r) => r.id !== null && r.id !== undefined);
  return {
    total: raw.length > 0 ? Number(raw[0]!.total) : 0,
    rows: found.map((r) => ({
      id: Number(r.id),
      number: String(r.number),
      status: r.status as TicketStatus,
      rights: (typeof r.rights === 'string' ? JSON.parse(r.rights) : r.rights) as Right[],
      triage: r.triage === true || r.triage === 't',
      requesterEmail: String(r.requester_email),
      language: r.language as Language,
      receivedAt: toDate(r.received_at)!,
      dueAt: toDate(r.due_at),
      assignee: r.assignee === null || r.assignee === undefined ? null : String(r.assignee),
    })),
  };
}

function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(String(v));
}
