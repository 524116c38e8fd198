import type { TemplateVars } from '../outbox/templates.js';
import type { Digest } from './digest-model.js';

// The digest as the manager_digest template's variables. The bar chart is widths in pixels for
// table cells: images and CSS widths are not shown by every mail client, table cells are.

export const BAR_MAX_PX = 320;

export function digestMailVars(d: Digest): TemplateVars['manager_digest'] {
  const max = Math.max(1, ...d.bars.map((b) => b.count));
  const p = d.problems;
  return {
    date: d.at,
    counts: { overdue: d.overdue.length, dueToday: d.dueToday.length, dueSoon: d.dueSoon.length, waiting: d.waitingConfirmation.length },
    byStatus: Object.entries(d.byStatus).map(([status, count]) => ({ status, count })),
    byRight: Object.entries(d.byRight).map(([name, count]) => ({ name: name as keyof Digest['byRight'], count })),
    openedYesterday: d.openedYesterday.length,
    closedYesterday: d.closedYesterday.length,
    dueToday: d.dueToday,
    dueSoon: d.dueSoon.map((t) => ({ ticketNumber: t.number, daysLeft: t.workingDaysLeft })),
    overdue: d.overdue.map((t) => ({ ticketNumber: t.number, dueAt: t.dueAt, daysOverdue: t.workingDaysOverdue })),
    closedLast30Days: d.closedLast30Days,
    medianDaysToClose: d.medianWorkingDaysToClose,
    p90DaysToClose: d.p90WorkingDaysToClose,
    onTimePercent: d.onTimeShare === null ? null : Math.round(d.onTimeShare * 100),
    waiting: d.waitingConfirmation,
    bars: d.bars.map((b) => ({
      bucket: b.bucket,
      count: b.count,
      width: b.count > 0 ? Math.max(4, Math.round((b.count / max) * BAR_MAX_PX)) : 0,
      hasBar: b.count > 0,
      color: b.bucket === 'overdue' ? '#b42318' : b.bucket === 'today' ? '#b54708' : '#1a56db',
    })),
    problems: { ...p },
    hasProblems: p.quarantinedLastDay > 0 || p.failedOutbound > 0 || p.stalledMailboxes.length > 0 || p.calendarWarnings.length > 0,
  };
}
