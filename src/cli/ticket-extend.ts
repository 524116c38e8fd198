import { userInfo } from 'node:os';
import { extendTicket } from '../tickets/extend.js';
import { AppError } from '../errors.js';
import { withApp } from './runtime.js';
import { out } from './io.js';

// `ticket extend NUMBER DAYS --reason TEXT [--by WHO]`: the same extension staff will give with
// `#extend` in the ticket's thread.

export const extendUsage = 'cli ticket extend NUMBER DAYS --reason TEXT [--by WHO]';

export async function extendFromCli(number: string | undefined, daysText: string | undefined, reason: string | undefined, by: string | undefined): Promise<number> {
  if (!number || !daysText || reason === undefined) throw new AppError('PD_CLI_USAGE', `usage: ${extendUsage}`);
  const days = Number(daysText);
  await withApp(async (app) => {
    const db = app.ctx.database.db;
    const deps = { config: app.ctx.config, renderer: app.renderer, calendar: app.ctx.calendar, now: app.ctx.now };
    const r = await db.transaction((tx) => extendTicket(tx, deps, { ticketNumber: number, days, reason, actor: by ?? userInfo().username }));
    out(`${r.ticket.number}  due ${r.fromDue.toISOString()} -> ${r.toDue.toISOString()} (+${days} working days)`);
    if (r.holidays.length > 0) out(`skipped: ${r.holidays.map((h) => `${h.date} ${h.reason}`).join('; ')}`);
    out('the requester is told the new date and the reason');
  });
  return 0;
}
