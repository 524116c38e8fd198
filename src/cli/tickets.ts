import { RIGHTS, TICKET_STATUSES, type TicketStatus } from '../domain.js';
import { parseRights, setTicketRights } from '../tickets/set-rights.js';
import { AppError } from '../errors.js';
import { listTickets, threadOf, ticketByNumber, ticketEventsOf } from '../db/queries/tickets.js';
import type { TicketRow } from '../db/schema.js';
import { withApp } from './runtime.js';
import { extendFromCli, extendUsage } from './ticket-extend.js';
import { osUser } from './session.js';
import { localDate, localTime } from './local-time.js';
import { jsonLine, out, parse, table, type Command } from './io.js';
import { safeJson, safeLine } from './safe-text.js';

const listUsage = 'cli tickets [--status unverified|open|closed|rejected|expired] [--json]';

function ticketJson(t: TicketRow) {
  return {
    number: t.number,
    status: t.status,
    rights: t.rights,
    triage: t.triage,
    requester: t.requesterEmail,
    requesterName: t.requesterName,
    language: t.language,
    receivedAt: t.receivedAt.toISOString(),
    verifiedAt: t.verifiedAt?.toISOString() ?? null,
    dueAt: t.dueAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
  };
}

export const ticketsCommand: Command = {
  name: 'tickets',
  summary: 'list tickets, newest first',
  usage: `${listUsage}\n\nTimes in the table are in ORG_TIMEZONE, with the offset. With --json, one JSON object per\nline (times ISO 8601 UTC): number, status, rights, triage, requester, requesterName, language, receivedAt, verifiedAt, dueAt, closedAt.`,
  async run(argv) {
    const { values } = parse(argv, { status: { type: 'string' }, json: { type: 'boolean' } }, listUsage);
    const status = values.status;
    if (status !== undefined && !(TICKET_STATUSES as readonly string[]).includes(status)) {
      throw new AppError('PD_CLI_USAGE', `--status "${status}": expected one of ${TICKET_STATUSES.join(', ')}`);
    }
    await withApp(async (app) => {
      const list = await listTickets(app.ctx.database.db, status as TicketStatus | undefined);
      if (values.json) {
        for (const t of list) jsonLine(ticketJson(t));
        return;
      }
      if (list.length === 0) {
        out(status ? `No ${status} tickets.` : 'No tickets yet.');
        return;
      }
      const tz = app.ctx.config.org.timeZone;
      out(
        table(
          ['NUMBER', 'STATUS', 'RIGHTS', 'REQUESTER', 'LANG', 'RECEIVED', 'DUE'],
          list.map((t) => [
            t.number,
            t.status,
            t.triage && t.rights.length === 0 ? '(triage)' : t.rights.join(',') + (t.triage ? ' (triage)' : ''),
            t.requesterEmail,
            t.language,
            localTime(t.receivedAt, tz),
            t.dueAt ? localDate(t.dueAt, tz) : '-',
          ]),
        ),
      );
    });
    return 0;
  },
};

const showUsage = 'cli ticket show NUMBER [--json]';
const rightsUsage = `cli ticket rights NUMBER RIGHTS [--by WHO]   RIGHTS: comma-separated, of ${RIGHTS.join(', ')}`;
const ticketUsage = `${showUsage}\n       ${rightsUsage}\n       ${extendUsage}`;

export const ticketCommand: Command = {
  name: 'ticket',
  summary: 'show one ticket (its fields, thread and events), set its rights, or extend its due date',
  usage: `${ticketUsage}\n\nrights: staff set the rights (after triage, or to correct the classifier); the ticket leaves\ntriage, and an open ticket's due date follows the new rights but never moves later. --by\nnames who decided (default: the OS user), recorded on the ticket's rights_set event.\nextend: moves an active ticket's due date by DAYS working days (at most EXTEND_MAX_WORKING_DAYS),\nrecords an extended event with the reason, and mails the requester the new date and the reason.`,
  async run(argv) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, by: { type: 'string' }, reason: { type: 'string' } }, ticketUsage);
    const [sub, number, rightsText] = positionals;
    if (sub === 'rights') return setRights(number, rightsText, values.by);
    if (sub === 'extend') return extendFromCli(number, rightsText, values.reason, values.by);
    if (sub !== 'show' || !number) throw new AppError('PD_CLI_USAGE', `usage: ${ticketUsage}`);
    await withApp(async (app) => {
      const db = app.ctx.database.db;
      const t = await ticketByNumber(db, number);
      if (!t) throw new AppError('PD_TICKET_NOT_FOUND', `${number}; list them with: npm run --silent cli -- tickets`);
      const [thread, events] = [await threadOf(db, t.id), await ticketEventsOf(db, t.id)];
      if (values.json) {
        jsonLine({ ...ticketJson(t), thread, events });
        return;
      }
      const j = ticketJson(t);
      out(`${t.number}  ${t.status}${t.triage ? '  (triage: staff to set the rights)' : ''}`);
      // Names, addresses and subjects come from mail: shown escaped, never as raw control characters.
      out(`requester: ${t.requesterName ? `${safeLine(t.requesterName)} ` : ''}<${safeLine(t.requesterEmail)}>  language: ${t.language}`);
      out(`rights:    ${t.rights.join(', ') || '-'}`);
      out(`received:  ${j.receivedAt}   verified: ${j.verifiedAt ?? '-'}   due: ${j.dueAt ?? '-'}   closed: ${j.closedAt ?? '-'}`);
      out('\nthread:');
      for (const m of thread) {
        const who = m.direction === 'in' ? `<- ${safeLine(m.from ?? '?')}` : `-> ${safeLine(m.to ?? '?')}`;
        out(`  ${m.at.toISOString()}  ${who}  ${safeLine(m.subject ?? '')}  [${safeLine(m.status)}]`);
      }
      out('\nevents:');
      for (const e of events) out(`  ${e.at.toISOString()}  ${safeLine(e.actor).padEnd(10)}  ${e.kind}  ${safeJson(e.data)}`);
    });
    return 0;
  },
};

async function setRights(number: string | undefined, rightsText: string | undefined, by: string | undefined): Promise<number> {
  if (!number || !rightsText) throw new AppError('PD_CLI_USAGE', `usage: ${rightsUsage}`);
  const rights = parseRights(rightsText);
  await withApp(async (app) => {
    const db = app.ctx.database.db;
    const t = await ticketByNumber(db, number);
    if (!t) throw new AppError('PD_TICKET_NOT_FOUND', `${number}; list them with: npm run --silent cli -- tickets`);
    const result = await setTicketRights(db, { config: app.ctx.config, calendar: app.ctx.calendar }, {
      ticketId: t.id,
      rights,
      by: by ?? osUser(),
      now: new Date(),
    });
    out(`${result.ticket.number}  rights: ${result.previous.join(', ') || '-'} -> ${result.ticket.rights.join(', ')}`);
    if (result.due) out(`due date moved up: ${result.due.from.toISOString()} -> ${result.due.to.toISOString()}`);
  });
  return 0;
}
