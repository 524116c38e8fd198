// Times in the CLI's tables are the organisation's wall-clock time, with the offset so that they
// are never mistaken for UTC: `2026-03-18 10:00 +05:00`. JSON output keeps ISO UTC.

export function localTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // longOffset reads `GMT+05:00`, or plain `GMT` for UTC itself.
  const offset = get('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${offset}`;
}

/** The calendar date in the zone: due dates are days. */
export function localDate(at: Date, timeZone: string): string {
  return localTime(at, timeZone).slice(0, 10);
}
