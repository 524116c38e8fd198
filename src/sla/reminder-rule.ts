// When staff are reminded of a due date, as a pure rule over working days left. A mark key names
// the threshold, so each fires once per ticket: `due_soon:3`, `due_soon:1`, `overdue:<local date>`.
// A service that was down on the day a threshold passed still sends the nearest one that applies
// (2 days left gets the 3-day reminder if it never went), never a stale one.

export const STAFF_REMINDER_KIND = 'staff_reminder';

export type Reminder =
  | { template: 'staff_due_soon'; key: string; daysLeft: number }
  | { template: 'staff_overdue'; key: string; daysOverdue: number; copyManagers: true };

/** `daysLeft` from workingDaysLeft; `today` the local date (YYYY-MM-DD), a working day. */
export function reminderFor(daysLeft: number, today: string): Reminder | null {
  if (daysLeft < 0) return { template: 'staff_overdue', key: `overdue:${today}`, daysOverdue: -daysLeft, copyManagers: true };
  if (daysLeft <= 1) return { template: 'staff_due_soon', key: 'due_soon:1', daysLeft };
  if (daysLeft <= 3) return { template: 'staff_due_soon', key: 'due_soon:3', daysLeft };
  return null;
}
