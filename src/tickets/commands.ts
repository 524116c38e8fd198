import { isEmail } from '../config.js';
import { RIGHTS, type Right } from '../domain.js';

// Staff steer a ticket from their mail client: commands stand one per line at the start of a
// reply, before any text; the first line that is not a command starts the text. Pure: this file
// only reads the reply; src/tickets/staff-reply.ts applies what it found, all or nothing.

export type StaffCommand =
  | { kind: 'note'; text: string | null }
  | { kind: 'close'; text: string | null }
  | { kind: 'reject'; reason: string }
  | { kind: 'extend'; days: number; reason: string }
  | { kind: 'rights'; rights: Right[] }
  | { kind: 'assign'; address: string }
  | { kind: 'wait'; text: string | null }
  | { kind: 'status' };

export type CommandKind = StaffCommand['kind'];

export interface CommandProblem {
  /** 1-based line of the reply's new text. */
  line: number;
  /** The line as written, cut to a sane length for the error reply. */
  source: string;
  problem: string;
}

export type ParsedReply =
  | { ok: true; commands: StaffCommand[]; text: string }
  | { ok: false; problems: CommandProblem[] };

/** English names and the aliases staff may type; Russian ones as the issue asks, lower-cased. */
const NAMES: Readonly<Record<string, CommandKind>> = {
  note: 'note',
  close: 'close',
  reject: 'reject',
  extend: 'extend',
  rights: 'rights',
  assign: 'assign',
  wait: 'wait',
  status: 'status',
  заметка: 'note',
  закрыть: 'close',
  отклонить: 'reject',
  продлить: 'extend',
  права: 'rights',
  назначить: 'assign',
  ждать: 'wait',
  статус: 'status',
};

export const COMMAND_USAGE: Readonly<Record<CommandKind, string>> = {
  note: '#note TEXT',
  close: '#close [TEXT]',
  reject: '#reject REASON',
  extend: '#extend N REASON',
  rights: '#rights access,erasure',
  assign: '#assign ADDRESS',
  wait: '#wait [TEXT]',
  status: '#status',
};

const MAX_SOURCE = 120;
// `#word` at the very start of a line; the word is letters only (Latin or Cyrillic).
// One separator, the rest of the line as it is (trimmed later): `[ \t]+(.*)` would try every split
// of a run of blanks before failing, quadratic in a line of blanks.
const COMMAND_LINE = /^#([a-zа-яё]+)(?:[ \t]([^\n]*))?$/iu;

function parseOne(name: string, arg: string): StaffCommand | string {
  const kind = NAMES[name.toLowerCase()];
  if (!kind) return `unknown command #${name}; known: ${Object.values(COMMAND_USAGE).join(', ')}`;
  const usage = `usage: ${COMMAND_USAGE[kind]}`;
  switch (kind) {
    case 'note':
    case 'close':
    case 'wait':
      return { kind, text: arg === '' ? null : arg };
    case 'status':
      return arg === '' ? { kind } : `#status takes nothing after it; ${usage}`;
    case 'reject':
      return arg === '' ? `#reject needs the reason the requester will read; ${usage}` : { kind, reason: arg };
    case 'extend': {
      const m = /^(\d{1,3})(?:\s+(.+))?$/s.exec(arg);
      if (!m?.[1]) return `#extend needs a number of working days; ${usage}`;
      const days = Number(m[1]);
      if (days < 1) return `#extend needs at least 1 working day; ${usage}`;
      if (!m[2]?.trim()) return `#extend needs the reason the requester will read; ${usage}`;
      return { kind, days, reason: m[2].trim() };
    }
    case 'rights': {
      const names = arg.split(/[,\s]+/).map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
      const unknown = names.filter((n) => !(RIGHTS as readonly string[]).includes(n));
      if (names.length === 0 || unknown.length > 0) {
        return `#rights: ${unknown.length ? `unknown ${unknown.map((u) => `"${u}"`).join(', ')}; ` : ''}expected a comma-separated list of ${RIGHTS.join(', ')}`;
      }
      return { kind, rights: RIGHTS.filter((r) => names.includes(r)) };
    }
    case 'assign': {
      const address = arg.replace(/^<|>$/g, '').trim().toLowerCase();
      return isEmail(address) ? { kind, address } : `#assign needs one email address; ${usage}`;
    }
  }
}

/**
 * Reads the commands at the start of a staff reply's new text (quotes and signature already cut).
 * Blank lines between commands are fine; the first other line starts the text. One bad command
 * makes the whole reply a failure: staff get every problem at once and nothing is applied.
 */
export function parseStaffReply(newText: string): ParsedReply {
  const lines = newText.replace(/\r\n?/g, '\n').split('\n');
  const commands: StaffCommand[] = [];
  const problems: CommandProblem[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (!line.startsWith('#')) break;
    const m = COMMAND_LINE.exec(line);
    const parsed = m?.[1] ? parseOne(m[1], (m[2] ?? '').trim()) : `not a command: a command is # and a word, e.g. ${COMMAND_USAGE.note}`;
    if (typeof parsed === 'string') problems.push({ line: i + 1, source: line.slice(0, MAX_SOURCE), problem: parsed });
    else commands.push(parsed);
  }
  if (problems.length > 0) return { ok: false, problems };
  const text = lines.slice(i).join('\n').trim();
  return { ok: true, commands, text };
}
