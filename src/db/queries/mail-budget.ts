import { sql } from 'drizzle-orm';
import { rows, type Db, type Queryable } from '../client.js';

// The confirmation mail budgets as per-minute counts (schema.ts mailBudget). The budget lock makes
// deciding and spending one step for every instance: whoever locks next sees the mail just counted.
// A minute is counted while it starts inside the window, so a mail stops counting up to a minute
// before its hour (or day) is over: the limit holds to within one minute's mail.

// Any fixed number: transactions that check and then spend the mail budget queue on it, so two
// instances cannot both see "one left" and both send.
const BUDGET_LOCK = 7_215_330_205;

export interface BudgetSubject {
  toKey: string;
  toDomain: string;
  authenticated: boolean;
}

export interface BudgetLimits {
  recipientPerDay: number;
  domainPerHour: number;
  /** The overall hourly limit of the subject's class (authenticated or not). */
  perHour: number;
}

export interface BudgetCounts {
  toRecipient: number;
  toDomain: number;
  all: number;
}

const HOUR = 3_600_000;

/** The minute a mail sent at `now` is counted in. */
function minuteOf(now: Date): string {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
}

/**
 * Takes the budget lock (until the transaction ends: in autocommit, the statement), counts what
 * the subject's budgets hold, and spends one mail when every count is under its limit: the caller
 * sends exactly when `spent` is true. The counts are those before this mail.
 */
export async function spendMailBudget(
  tx: Queryable,
  subject: BudgetSubject,
  limits: BudgetLimits,
  now: Date,
): Promise<BudgetCounts & { spent: boolean }> {
  const dayAgo = new Date(now.getTime() - 24 * HOUR).toISOString();
  const hourAgo = new Date(now.getTime() - HOUR).toISOString();
  // One round trip: the function (migration 0012) takes the lock, then counts and spends.
  const r = await rows<{ recipient: number; domain: number; everyone: number; spent: boolean }>(
    tx,
    sql`select * from mail_budget_spend(${BUDGET_LOCK}::bigint, ${subject.authenticated}, ${subject.toKey}, ${subject.toDomain},
          ${dayAgo}::timestamptz, ${hourAgo}::timestamptz, ${minuteOf(now)}::timestamptz,
          ${limits.recipientPerDay}::integer, ${limits.domainPerHour}::integer, ${limits.perHour}::integer)`,
  );
  const row = r[0]!;
  return { toRecipient: Number(row.recipient), toDomain: Number(row.domain), all: Number(row.everyone), spent: row.spent === true };
}

/** Gives back a mail spent at `now` that was not sent after all (it had been sent before). */
export async function refundMailBudget(tx: Queryable, subject: BudgetSubject, now: Date): Promise<void> {
  await tx.execute(
    sql`update mail_budget set n = n - 1
        where authenticated = ${subject.authenticated} and minute = ${minuteOf(now)}::timestamptz and n > 0
          and ((scope = 'all' and key = '') or (scope = 'domain' and key = ${subject.toDomain}) or (scope = 'recipient' and key = ${subject.toKey}))`,
  );
}

/** Drops minutes no budget looks at any more (older than a day, with an hour to spare). */
export async function pruneMailBudget(db: Queryable, now: Date): Promise<number> {
  const r = await rows<{ n: number }>(
    db,
    sql`with gone as (delete from mail_budget where minute < ${new Date(now.getTime() - 25 * HOUR).toISOString()}::timestamptz returning 1)
        select count(*)::int as n from gone`,
  );
  return Number(r[0]?.n ?? 0);
}

/** Where budget decisions are made and given back. */
export interface MailBudget {
  spend(subject: BudgetSubject, limits: BudgetLimits, now: Date): Promise<BudgetCounts & { spent: boolean }>;
  refund(subject: BudgetSubject, now: Date): Promise<void>;
}

/**
 * In the caller's transaction `tx`, or, given the pool, in a statement that is its own
 * transaction: the budget lock is then held while the function runs, not to the end of the
 * caller's transaction (where every new ticket queued on it). Spent on its own, a mail stays
 * counted if the caller's transaction fails later and the refund cannot be made: the budgets can
 * only err toward holding mail, never toward sending more.
 */
export function mailBudgetFor(tx: Queryable, pool: Db | undefined): MailBudget {
  const where = pool ?? tx;
  return { spend: (s, l, now) => spendMailBudget(where, s, l, now), refund: (s, now) => refundMailBudget(where, s, now) };
}
