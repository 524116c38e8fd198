import type { Digest } from './digest-model.js';

// `cli digest --print`: the digest for a terminal, in English (the mail goes in the staff language).

const BUCKET_LABELS: Record<string, string> = {
  overdue: 'overdue',
  today: 'due today',
  d1: '1 day',
  d2: '2 days',
  d3: '3 days',
  d4_5: '4-5 days',
  d6_10: '6-10 days',
  d11_plus: '11+ days',
};

const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : '-');
const num = (v: number | null) => (v === null ? '-' : String(v));

export function digestText(d: Digest): string {
  const maxBar = Math.max(1, ...d.bars.map((b) => b.count));
  const lines = [
    `SLA digest for ${d.date} (as of ${d.at.toISOString()})`,
    '',
    `by status:   ${Object.entries(d.byStatus).map(([s, n]) => `${s} ${n}`).join(', ')}`,
    `by right:    ${Object.entries(d.byRight).map(([r, n]) => `${r} ${n}`).join(', ')}`,
    `yesterday:   opened ${d.openedYesterday.length} (${list(d.openedYesterday)}), closed ${d.closedYesterday.length} (${list(d.closedYesterday)})`,
    `due today:   ${list(d.dueToday)}`,
    `due soon:    ${list(d.dueSoon.map((t) => `${t.number} (${t.workingDaysLeft} wd)`))}`,
    `overdue:     ${list(d.overdue.map((t) => `${t.number} (${t.workingDaysOverdue} wd)`))}`,
    `last 30 days: closed ${d.closedLast30Days}, median ${num(d.medianWorkingDaysToClose)} wd, p90 ${num(d.p90WorkingDaysToClose)} wd, on time ${d.onTimeShare === null ? '-' : `${Math.round(d.onTimeShare * 100)}%`}`,
    `waiting for confirmation: ${list(d.waitingConfirmation)}`,
    '',
    'open tickets by working days left:',
    ...d.bars.map((b) => `  ${BUCKET_LABELS[b.bucket]!.padEnd(10)} ${'#'.repeat(Math.round((b.count / maxBar) * 30)).padEnd(30)} ${b.count}`),
    '',
    'needs a person:',
    `  quarantined in the last day: ${d.problems.quarantinedLastDay}`,
    `  failed outbound mail:        ${d.problems.failedOutbound}`,
    `  mailboxes not polled for over an hour: ${list(d.problems.stalledMailboxes)}`,
    ...d.problems.calendarWarnings.map((w) => `  calendar: ${w}`),
  ];
  return lines.join('\n');
}
