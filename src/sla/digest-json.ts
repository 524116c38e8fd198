import type { Digest } from './digest-model.js';

/** `cli digest --json`: one object; dates as ISO strings, days in working days. */
export function digestJson(d: Digest): Record<string, unknown> {
  return {
    at: d.at.toISOString(),
    date: d.date,
    byStatus: d.byStatus,
    byRight: d.byRight,
    openedYesterday: d.openedYesterday.length,
    closedYesterday: d.closedYesterday.length,
    openedYesterdayTickets: d.openedYesterday,
    closedYesterdayTickets: d.closedYesterday,
    dueToday: d.dueToday,
    dueSoon: d.dueSoon,
    overdue: d.overdue.map((o) => ({ number: o.number, dueAt: o.dueAt.toISOString(), workingDaysOverdue: o.workingDaysOverdue })),
    closedLast30Days: d.closedLast30Days,
    medianWorkingDaysToClose: d.medianWorkingDaysToClose,
    p90WorkingDaysToClose: d.p90WorkingDaysToClose,
    onTimeShare: d.onTimeShare,
    waitingConfirmation: d.waitingConfirmation,
    openByWorkingDaysLeft: Object.fromEntries(d.bars.map((b) => [b.bucket, b.count])),
    quarantinedLastDay: d.problems.quarantinedLastDay,
    failedOutbound: d.problems.failedOutbound,
    stalledMailboxes: d.problems.stalledMailboxes,
    calendarWarnings: d.problems.calendarWarnings,
  };
}
