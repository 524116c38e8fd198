import { AppError, ERROR_CODES } from '../errors.js';
import { getMessage, quarantined } from '../db/queries/messages.js';
import { dismissQuarantined, messageEventsOf, reopenQuarantined } from '../db/queries/quarantine-actions.js';
import { parseMail } from '../mail/parse.js';
import type { MessageRow } from '../db/schema.js';
import type { App } from '../app.js';
import { withApp } from './runtime.js';
import { osUser } from './session.js';
import { safeLine, safeText } from './safe-text.js';
import { jsonLine, out, parse, table, type Command } from './io.js';

const listUsage = 'cli quarantine list [--all] [--json]';
const showUsage = 'cli quarantine show ID [--json]';
const actUsage = 'cli quarantine retry|dismiss ID [--by WHO]';
const usage = `${listUsage}\n       ${showUsage}\n       ${actUsage}`;

const TEXT_LINES = 20;
const HEADERS = ['from', 'to', 'subject', 'date', 'message-id'] as const;

export const quarantineCommand: Command = {
  name: 'quarantine',
  summary: 'list, show, retry or dismiss quarantined messages (the raw bytes stay stored)',
  usage: `${usage}

list:    quarantined messages that are not dismissed (--all: those too), oldest first.
show:    headers, reason, size and the first ${TEXT_LINES} lines of text; control and bidi characters
         shown as \\uXXXX escapes.
retry:   puts the message through intake again (attempts reset) and prints its new outcome.
dismiss: leaves it stored but off the list. Both are recorded as events with --by (default: the
         OS user).`,
  async run(argv) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' }, all: { type: 'boolean' }, by: { type: 'string' } }, usage);
    const [sub, idText] = positionals;
    if (sub === 'list') {
      await withApp((app) => list(app, values.all === true, values.json === true));
      return 0;
    }
    if (sub !== 'show' && sub !== 'retry' && sub !== 'dismiss') throw new AppError('PD_CLI_USAGE', `usage: ${usage}`);
    const id = Number(idText);
    if (!idText || !Number.isSafeInteger(id) || id <= 0) throw new AppError('PD_CLI_USAGE', `a message ID from \`quarantine list\` is needed\nusage: ${usage}`);
    const actor = `staff:${values.by ?? osUser()}`;
    await withApp(async (app) => {
      if (sub === 'show') return show(app, id, values.json === true);
      if (sub === 'retry') return retry(app, id, actor);
      return dismiss(app, id, actor);
    });
    return 0;
  },
};

async function list(app: App, all: boolean, json: boolean): Promise<void> {
  const rows = await quarantined(app.ctx.database.db, { includeDismissed: all });
  if (json) {
    for (const m of rows) jsonLine(m);
    return;
  }
  if (rows.length === 0) return out('Quarantine is empty.');
  out(table(['ID', 'RECEIVED', 'FROM', 'SIZE', 'REASON', 'DETAIL'], rows.map((m) => [
    String(m.id),
    m.receivedAt.toISOString().slice(0, 19),
    safeLine(m.sender ?? '-'),
    String(m.size),
    (m.reason ?? '-') + (m.dismissedAt ? ' (dismissed)' : ''),
    safeLine((m.reasonDetail ?? '').slice(0, 60)),
  ])));
}

async function quarantinedRow(app: App, id: number): Promise<MessageRow> {
  const row = await getMessage(app.ctx.database.db, id);
  if (!row || row.outcome !== 'quarantined') {
    throw new AppError('PD_MSG_NOT_QUARANTINED', `${id}; list them with: npm run --silent cli -- quarantine list`);
  }
  return row;
}

/** Headers and text as mailparser reads them; the raw header block when it cannot. */
async function readable(app: App, row: MessageRow): Promise<{ headers: Record<string, string>; lines: string[] }> {
  try {
    const parsed = await parseMail(row.raw, app.ctx.config.limits.processingTimeoutMs);
    const headers: Record<string, string> = {};
    for (const name of HEADERS) {
      const v = parsed.headers.get(name);
      if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(', ') : v;
    }
    if (parsed.subject !== null) headers.subject = parsed.subject;
    return { headers, lines: parsed.text.split(/\r?\n/).slice(0, TEXT_LINES) };
  } catch {
    // Unparseable mail is one of the reasons for quarantine: show the bytes as text instead.
    const text = row.raw.subarray(0, 64 * 1024).toString('utf8');
    const split = text.search(/\r?\n\r?\n/);
    const headers: Record<string, string> = {};
    const block = split === -1 ? text : text.slice(0, split);
    for (const m of block.replace(/\r?\n[ \t]+/g, ' ').matchAll(/^([\w-]+):[ \t]*(.*)$/gm)) {
      const name = m[1]!.toLowerCase();
      if ((HEADERS as readonly string[]).includes(name) && !(name in headers)) headers[name] = m[2]!;
    }
    const body = split === -1 ? '' : text.slice(split).replace(/^\r?\n\r?\n/, '');
    return { headers, lines: body.split(/\r?\n/).slice(0, TEXT_LINES) };
  }
}

async function show(app: App, id: number, json: boolean): Promise<void> {
  const row = await quarantinedRow(app, id);
  const { headers, lines } = await readable(app, row);
  const events = await messageEventsOf(app.ctx.database.db, id);
  const meaning = row.reason && row.reason in ERROR_CODES ? ERROR_CODES[row.reason as keyof typeof ERROR_CODES].message : null;
  if (json) {
    jsonLine({
      id: row.id,
      receivedAt: row.receivedAt.toISOString(),
      size: row.size,
      reason: row.reason,
      meaning,
      detail: row.reasonDetail,
      dismissedAt: row.dismissedAt?.toISOString() ?? null,
      headers,
      text: lines,
      events: events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, kind: e.kind, data: e.data })),
    });
    return;
  }
  out(`message ${row.id}  quarantined${row.dismissedAt ? ` (dismissed ${row.dismissedAt.toISOString()})` : ''}`);
  out(`reason:   ${row.reason ?? '-'}${meaning ? ` (${meaning})` : ''}`);
  if (row.reasonDetail) out(`detail:   ${safeLine(row.reasonDetail)}`);
  out(`received: ${row.receivedAt.toISOString()}   size: ${row.size} bytes   mailbox: ${safeLine(row.mailbox)}`);
  out('');
  for (const name of HEADERS) out(`${(name === 'message-id' ? 'Message-ID' : name[0]!.toUpperCase() + name.slice(1)).padEnd(11)} ${safeLine(headers[name] ?? '-')}`);
  out(`\nfirst ${TEXT_LINES} lines of text:`);
  for (const line of lines) out(`  | ${safeText(line)}`);
  if (events.length > 0) {
    out('\nevents:');
    for (const e of events) out(`  ${e.at.toISOString()}  ${safeLine(e.actor)}  ${e.kind}`);
  }
}

async function retry(app: App, id: number, actor: string): Promise<void> {
  await quarantinedRow(app, id);
  const before = await reopenQuarantined(app.ctx.database.db, id, actor);
  if (!before) throw new AppError('PD_MSG_NOT_QUARANTINED', `${id} left quarantine meanwhile`);
  const r = await app.intake.process(id);
  jsonLine({ id, previousReason: before.reason, outcome: r.outcome, ticket: r.ticket ?? null, reason: r.reason ?? null });
}

async function dismiss(app: App, id: number, actor: string): Promise<void> {
  const row = await quarantinedRow(app, id);
  if (row.dismissedAt) return out(`message ${id} was already dismissed (${row.dismissedAt.toISOString()}).`);
  await dismissQuarantined(app.ctx.database.db, id, actor, new Date());
  out(`message ${id} dismissed; it stays stored (quarantine list --all shows it).`);
}
