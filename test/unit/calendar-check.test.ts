import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { Database } from '../../src/db/client.js';
import { checkCalendar } from '../../src/deadlines/calendar-check.js';
import { DEFAULT_CALENDAR_FILE, loadCalendarFile } from '../../src/deadlines/calendar-data.js';
import { createNationalCalendar } from '../../src/deadlines/national-calendar.js';
import { StatusBoard } from '../../src/lifecycle/status.js';
import { evaluateHealth } from '../../src/web/health.js';

// The calendar running out shows in the log (once a day) and in /healthz (degraded).

function context(nowIso: string, years: number[]) {
  const data = loadCalendarFile(DEFAULT_CALENDAR_FILE);
  for (const y of [...data.years.keys()]) if (!years.includes(y)) data.years.delete(y);
  const lines: { msg: string; warning?: string }[] = [];
  const log = pino({ level: 'debug' }, { write: (t: string) => void lines.push(JSON.parse(t) as { msg: string }) });
  let now = new Date(nowIso);
  const ctx: AppContext = {
    config: loadConfig({ APP_SECRET: 'x'.repeat(40), DATA_DIR: '/nonexistent/pd-test' }),
    database: {} as Database,
    log,
    status: new StatusBoard(),
    now: () => now,
    calendar: createNationalCalendar(data),
  };
  return { ctx, lines, setNow: (iso: string) => (now = new Date(iso)) };
}

const health = (ctx: AppContext) =>
  evaluateHealth({
    now: ctx.now(),
    startedAt: ctx.now(),
    database: { ok: true },
    mailboxLastSuccessAt: ctx.now(),
    pollIntervalSeconds: 120,
    outboxBacklog: { pending: 0, sending: 0, failed: 0, oldestPendingSeconds: 0 },
    calendarComponent: ctx.status.get('calendar')!,
  });

describe('checkCalendar', () => {
  it('is quiet and healthy while the file covers this year and it is before November', () => {
    const { ctx, lines } = context('2026-10-20T06:00:00Z', [2026]);
    expect(checkCalendar(ctx)).toEqual([]);
    expect(lines).toEqual([]);
    expect(health(ctx)).toMatchObject({ status: 'ok', calendar: { ok: true, warnings: [] } });
  });

  it('from 1 November warns about the missing next year: once a day in the log, degraded in /healthz', () => {
    const { ctx, lines, setNow } = context('2026-11-01T06:00:00Z', [2026]);
    checkCalendar(ctx);
    checkCalendar(ctx);
    expect(lines.filter((l) => l.msg === 'calendar needs data')).toHaveLength(1);
    expect(lines[0]!.warning).toMatch(/no data for 2027/);
    const r = health(ctx);
    expect(r.status).toBe('degraded');
    expect(r.calendar).toMatchObject({ ok: false, warnings: [expect.stringMatching(/no data for 2027/)] });
    expect(r.reasons.join()).toMatch(/calendar: .*2027/);
    setNow('2026-11-02T06:00:00Z');
    checkCalendar(ctx);
    expect(lines.filter((l) => l.msg === 'calendar needs data')).toHaveLength(2);
  });

  it('an estimate is reported but does not degrade health', () => {
    const { ctx } = context('2026-12-02T06:00:00Z', [2026, 2027]);
    expect(checkCalendar(ctx)).toEqual([expect.stringMatching(/Kurban Ait 2027-05-16 is an estimate/)]);
    expect(health(ctx)).toMatchObject({ status: 'ok', calendar: { ok: true } });
  });
});
