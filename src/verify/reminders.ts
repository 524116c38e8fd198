import type { Db, Queryable } from '../db/client.js';
import type { TicketRow } from '../db/schema.js';
import { insertEvent } from '../db/queries/tickets.js';
import { describeError } from '../errors.js';
import { bumpedAt, transition } from '../tickets/ticket.js';
import type { VerifyDeps } from './deps.js';
import { queueMail, threadTo } from './mail.js';
import { mailBudgetFor } from '../db/queries/mail-budget.js';
import { checkRateOrHold } from './rate-limit.js';
import { sendLink } from './request.js';
import {
  VERIFY_EVENTS,
  hasEvent,
  lockTicketSkipLocked,
  originOf,
  senderAuthenticated,
  setMark,
  unremindedBefore,
  unverifiedReceivedBefore,
  updateTicket,
} from '../db/queries/verification.js';

// The scheduler's verification job: one reminder per unconfirmed request after
// reminderAfterHours, and after expireAfterDays the request expires with a mail saying how to start
// again. Each ticket is handled in its own transaction under its row lock (SKIP LOCKED: another
// instance is on it), and the reminder is claimed by an insert-or-nothing schedule mark, so a
// second tick or a second instance never sends it again.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const REMINDER_MARK = { kind: 'verify_reminder', key: 'once' } as const;

export interface SweepResult {
  reminded: number;
  expired: number;
  /** Mails the rate limit held back (reminders or expiry notices). */
  held: number;
}

/** Pure: what is due for an unverified ticket received at `receivedAt`. */
export function verificationDue(
  receivedAt: Date,
  now: Date,
  v: { reminderAfterHours: number; expireAfterDays: number },
): 'expire' | 'remind' | 'wait' {
  const age = now.getTime() - receivedAt.getTime();
  if (age >= v.expireAfterDays * DAY) return 'expire';
  if (age >= v.reminderAfterHours * HOUR) return 'remind';
  return 'wait';
}

export async function runVerificationSweep(
  db: Db,
  deps: VerifyDeps,
  opts: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<SweepResult> {
  const now = deps.now();
  const v = deps.config.verification;
  const batch = opts.batchSize ?? 100;
  const result: SweepResult = { reminded: 0, expired: 0, held: 0 };
  const log = deps.log.child({ component: 'verify-sweep' });

  // Expiry first: a ticket old enough to expire gets no reminder on the way out.
  await eachPage(
    (after) => unverifiedReceivedBefore(db, new Date(now.getTime() - v.expireAfterDays * DAY), batch, after),
    batch,
    opts.signal,
    async (id) => {
      const r = await db.transaction((tx) => expireOne(tx, deps, id, now));
      if (r === 'skip') return;
      result.expired++;
      if (r === 'held') result.held++;
      log.info({ msg: 'unconfirmed request expired', ticketId: id, notice: r });
    },
    log,
  );

  await eachPage(
    (after) => unremindedBefore(db, new Date(now.getTime() - v.reminderAfterHours * HOUR), REMINDER_MARK.kind, batch, after),
    batch,
    opts.signal,
    async (id) => {
      const r = await db.transaction((tx) => remindOne(tx, deps, id, now));
      if (r === 'sent') result.reminded++;
      if (r === 'held') result.held++;
      if (r === 'sent' || r === 'held') log.info({ msg: 'confirmation reminder', ticketId: id, outcome: r });
      if (r === 'held') log.warn({ msg: 'confirmation reminder held by rate limit', ticketId: id });
    },
    log,
  );
  return result;
}

/** Walks ids page by page (by id, so a ticket skipped under another instance's lock is not fetched again in this sweep). */
async function eachPage(
  page: (afterId: number) => Promise<number[]>,
  size: number,
  signal: AbortSignal | undefined,
  handle: (id: number) => Promise<void>,
  log: VerifyDeps['log'],
): Promise<void> {
  let after = 0;
  for (;;) {
    const ids = await page(after);
    for (const id of ids) {
      if (signal?.aborted) return;
      try {
        await handle(id);
      } catch (err) {
        // One ticket that fails must not stop the others; the next sweep tries it again.
        log.error({ msg: 'verification sweep failed for a ticket', ticketId: id, err: describeError(err) });
      }
      after = id;
    }
    if (ids.length < size) return;
  }
}

async function expireOne(tx: Queryable, deps: VerifyDeps, ticketId: number, now: Date): Promise<'skip' | 'notified' | 'silent' | 'held'> {
  const ticket = await lockTicketSkipLocked(tx, ticketId);
  if (!ticket || ticket.status !== 'unverified') return 'skip';
  await updateTicket(tx, ticket.id, 'unverified', { status: transition(ticket.status, 'expire'), closedAt: now, updatedAt: bumpedAt(ticket.updatedAt, now) });
  const notice = await expiryNotice(tx, deps, ticket, now);
  await insertEvent(tx, { ticketId: ticket.id, at: now, actor: 'system', kind: VERIFY_EVENTS.expired, data: { notice } });
  return notice;
}

/**
 * Tells the requester the request lapsed and how to start again, but only if we ever reached
 * them: a requester whose link was held by the rate limit (maybe a forgery's victim) gets nothing.
 */
async function expiryNotice(tx: Queryable, deps: VerifyDeps, ticket: TicketRow, now: Date): Promise<'notified' | 'silent' | 'held'> {
  if (!(await hasEvent(tx, ticket.id, VERIFY_EVENTS.sent))) return 'silent';
  const budget = mailBudgetFor(tx, deps.budgetDb);
  const { decision, subject } = await checkRateOrHold(tx, budget, deps.config.verification, ticket, 'confirm_expired', now, await senderAuthenticated(tx, ticket.id));
  if (!decision.send) return 'held';
  const threading = threadTo(await originOf(tx, ticket));
  const mail = await queueMail(tx, deps, {
    template: 'confirm_expired',
    language: ticket.language,
    to: ticket.requesterEmail,
    ticket,
    // The address was never confirmed: no name in the greeting (sender-text.ts).
    vars: { ticketNumber: ticket.number, requesterName: null, receivedAt: ticket.receivedAt },
    ...(threading ? { threading } : {}),
    dedupKey: `confirm_expired:${ticket.id}`,
  });
  if (mail) {
    await insertEvent(tx, { ticketId: ticket.id, at: now, actor: 'system', kind: VERIFY_EVENTS.expiryNoticeSent, data: { to: ticket.requesterEmail, outboxId: mail.id, ...subject } });
  } else {
    await budget.refund(subject, now);
  }
  return 'notified';
}

async function remindOne(tx: Queryable, deps: VerifyDeps, ticketId: number, now: Date): Promise<'skip' | 'sent' | 'held'> {
  const ticket = await lockTicketSkipLocked(tx, ticketId);
  if (!ticket || ticket.status !== 'unverified') return 'skip';
  if (!(await setMark(tx, ticket.id, REMINDER_MARK.kind, REMINDER_MARK.key, now))) return 'skip';
  // A request whose first link was held never reached the requester: this is its second chance
  // at a first link, under the same budget, rather than a reminder of a mail they never got.
  const template = (await hasEvent(tx, ticket.id, VERIFY_EVENTS.sent)) ? 'confirm_reminder' : 'confirm_request';
  const r = await sendLink(tx, deps, ticket, template, now, threadTo(await originOf(tx, ticket)), await senderAuthenticated(tx, ticket.id));
  return r.outcome === 'sent' ? 'sent' : r.outcome === 'held' ? 'held' : 'skip';
}
