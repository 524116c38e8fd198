import { compareLocalDate, previousLocalDate, workingDaysBetween, workingDaysLeft, type CalendarZone } from '../deadlines/working-day-count.js';
import { formatLocalDate, localDateOf } from '../deadlines/working-days.js';
import { isActiveStatus, RIGHTS, TICKET_STATUSES, type Right } from '../domain.js';
import { BAR_BUCKETS, type BarBucket, type Digest, type DigestProblems, type DigestTicketRow } from './digest-model.js';

// Pure: the digest from the rows the database gave. Every number that speaks of days is in working
// days of the calendar in the organisation's time zone.

const DAY = 86_400_000;
export const STATS_WINDOW_DAYS = 30;
export const DUE_SOON_WORKING_DAYS = 3;

export interface DigestInput {
  now: Date;
  cz: CalendarZone;
  /** All tickets by status (a grouped count); statuses missing here count 0. */
  statusCounts: Record<string, number>;
  /** Active and unverified tickets, and those received or closed in the last 31 days. */
  tickets: DigestTicketRow[];
  problems: DigestProblems;
}

export function computeDigest(input: DigestInput): Digest {
  const { now, cz } = input;
  const today = localDateOf(now, cz.timeZone);
  const yesterday = formatLocalDate(previousLocalDate(today));
  const dayOf = (d: Date) => formatLocalDate(localDateOf(d, cz.timeZone));
  const active = input.tickets.filter((t) => isActiveStatus(t.status));

  const byStatus: Record<string, number> = {};
  for (const s of TICKET_STATUSES) byStatus[s] = input.statusCounts[s] ?? 0;
  for (const [s, n] of Object.entries(input.statusCounts)) byStatus[s] ??= n;
  const byRight = Object.fromEntries(RIGHTS.map((r) => [r, 0])) as Record<Right, number>;
  for (const t of active) for (const r of t.rights) byRight[r]++;

  const dueToday: string[] = [];
  const dueSoon: Digest['dueSoon'] = [];
  const overdue: Digest['overdue'] = [];
  const barCounts = new Map<BarBucket, number>(BAR_BUCKETS.map((b) => [b, 0]));
  for (const t of byDue(active)) {
    if (!t.dueAt) continue;
    const left = workingDaysLeft(now, t.dueAt, cz);
    const bucket = bucketOf(left);
    barCounts.set(bucket, (barCounts.get(bucket) ?? 0) + 1);
    if (left < 0) overdue.push({ number: t.number, dueAt: t.dueAt, workingDaysOverdue: -left });
    else if (compareLocalDate(localDateOf(t.dueAt, cz.timeZone), today) === 0) dueToday.push(t.number);
    else if (left <= DUE_SOON_WORKING_DAYS) dueSoon.push({ number: t.number, workingDaysLeft: left });
  }

  const since = now.getTime() - STATS_WINDOW_DAYS * DAY;
  const closed = input.tickets.filter((t) => t.status === 'closed' && t.closedAt && t.closedAt.getTime() >= since && t.closedAt <= now);
  const durations = closed.map((t) => workingDaysBetween(t.receivedAt, t.closedAt!, cz)).sort((a, b) => a - b);
  const onTime = closed.filter((t) => t.dueAt && t.closedAt!.getTime() <= t.dueAt.getTime()).length;

  return {
    at: now,
    date: formatLocalDate(today),
    byStatus,
    byRight,
    openedYesterday: input.tickets.filter((t) => dayOf(t.receivedAt) === yesterday).map((t) => t.number).sort(),
    closedYesterday: input.tickets
      .filter((t) => t.status === 'closed' && t.closedAt && dayOf(t.closedAt) === yesterday)
      .map((t) => t.number)
      .sort(),
    dueToday,
    dueSoon,
    overdue,
    closedLast30Days: closed.length,
    medianWorkingDaysToClose: percentile(durations, 0.5),
    p90WorkingDaysToClose: percentile(durations, 0.9),
    onTimeShare: closed.length > 0 ? onTime / closed.length : null,
    waitingConfirmation: input.tickets.filter((t) => t.status === 'unverified').map((t) => t.number).sort(),
    bars: BAR_BUCKETS.map((bucket) => ({ bucket, count: barCounts.get(bucket) ?? 0 })),
    problems: input.problems,
  };
}

function byDue(list: DigestTicketRow[]): DigestTicketRow[] {
  return [...list].sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.number.localeCompare(b.number));
}

export function bucketOf(workingDaysLeft: number): BarBucket {
  if (workingDaysLeft < 0) return 'overdue';
  if (workingDaysLeft === 0) return 'today';
  if (workingDaysLeft <= 3) return `d${workingDaysLeft}` as BarBucket;
  if (workingDaysLeft <= 5) return 'd4_5';
  if (workingDaysLeft <= 10) return 'd6_10';
  return 'd11_plus';
}

/** Linear interpolation between closest ranks (the spreadsheet PERCENTILE), one decimal; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  return Math.round(v * 10) / 10;
}
