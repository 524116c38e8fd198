import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../src/domain.js';
import { ERROR_CODES } from '../../src/errors.js';
import { cliArgs, repoRoot } from '../helpers/service.js';

// The command line as a person uses it: `npm run --silent cli -- …` on its own DATA_DIR, with the
// embedded database. stdout carries one JSON line per file; errors go to stderr with a non-zero exit.

const run = promisify(execFile);
const fixtures = path.join(repoRoot, 'test/fixtures/mail');

interface Expected {
  expectedOutcome: string;
  subjectMatches: boolean;
  auto: string;
}
const expected = JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as Record<string, Expected>;

async function cli(dataDir: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, cliArgs(...args), {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { ...r, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const lines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('cli', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-cli-'));
  const files = readdirSync(fixtures).filter((f) => f.endsWith('.eml')).sort();
  let ingested: Array<Record<string, unknown>>;

  beforeAll(async () => {
    const r = await cli(dataDir, 'ingest', ...files.map((f) => path.join(fixtures, f)));
    expect(r.code, r.stderr).toBe(0);
    ingested = lines(r.stdout);
  });

  it('ingest prints one outcome line per file, as the fixture corpus expects', () => {
    expect(ingested).toHaveLength(files.length);
    for (const line of ingested) {
      const name = path.basename(String(line.file));
      const { expectedOutcome: want, subjectMatches } = expected[name]!;
      // Replies name DSR-2026-000042, which this fresh database does not have: they are left alone,
      // or, under the request subject, taken as a new request rather than dropped.
      const wanted = want === 'thread' ? ['ignored', 'auto', ...(subjectMatches ? ['ticket'] : [])] : [want, 'duplicate'];
      expect(wanted, `${name}: ${JSON.stringify(line)}`).toContain(line.outcome);
    }
  });

  it('ingest of the same files again says duplicate for each', async () => {
    const some = files.filter((f) => f.startsWith('req-')).slice(0, 3).map((f) => path.join(fixtures, f));
    const r = await cli(dataDir, 'ingest', ...some);
    expect(lines(r.stdout).map((l) => l.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('tickets --json lists every opened ticket with its fields', async () => {
    const r = await cli(dataDir, 'tickets', '--json');
    const tickets = lines(r.stdout);
    const opened = ingested.filter((l) => l.outcome === 'ticket').map((l) => l.ticket);
    expect(tickets.map((t) => t.number).sort()).toEqual([...opened].sort());
    for (const t of tickets) {
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['number', 'status', 'rights', 'requester', 'language', 'receivedAt', 'dueAt']));
      expect(t.status).toBe('unverified');
    }
    const filtered = await cli(dataDir, 'tickets', '--status', 'open', '--json');
    expect(filtered.stdout.trim()).toBe('');
  });

  it('ticket show prints the thread and the audit log', async () => {
    const number = String(ingested.find((l) => l.outcome === 'ticket')!.ticket);
    const r = await cli(dataDir, 'ticket', 'show', number);
    expect(r.stdout).toContain(number);
    expect(r.stdout).toMatch(/thread:[\s\S]*<- [\s\S]*-> /);
    expect(r.stdout).toMatch(/events:[\s\S]*created[\s\S]*confirmation_sent/);
  });

  it('ticket show, tickets and quarantine list show bidi overrides and C1 controls from mail escaped', async () => {
    // A display name that would read reversed on a terminal, and a C1 control (NEL) in the subject.
    const name = Buffer.from('Ann \u202Eevil.example\u202C Lee\u0085', 'utf8').toString('base64');
    const subject = Buffer.from('Data management request\u009B2J', 'utf8').toString('base64');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'pd-cli-bidi-')), 'bidi.eml');
    writeFileSync(
      file,
      [
        `From: =?utf-8?B?${name}?= <ann.lee@example.org>`,
        'To: help@mexrontal.com',
        `Subject: =?utf-8?B?${subject}?=`,
        'Message-ID: <bidi-1@example.org>',
        'Date: Tue, 11 Jan 2026 10:11:00 +0500',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Please delete all my personal data.',
        '',
      ].join('\r\n'),
    );
    const [ingestedLine] = lines((await cli(dataDir, 'ingest', file)).stdout);
    expect(ingestedLine?.outcome).toBe('ticket');
    const number = String(ingestedLine!.ticket);
    const raw = /[\u0080-\u009F\u202A-\u202E\u2066-\u2069]/;

    const shown = await cli(dataDir, 'ticket', 'show', number);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).not.toMatch(raw);
    // The C1 control in the name is dropped at parsing; the bidi override is kept and shown escaped.
    expect(shown.stdout).toContain('Ann \\u202Eevil.example\\u202C Lee');
    // The C1 control in the subject became a space at parsing: a subject stays one plain line.
    expect(shown.stdout).toContain('Data management request 2J');

    const json = await cli(dataDir, 'ticket', 'show', number, '--json');
    expect(json.stdout).not.toMatch(raw);
    expect(JSON.stringify(lines(json.stdout)[0])).toMatch(raw);

    const list = await cli(dataDir, 'tickets');
    expect(list.stdout).toContain(number);
    expect(list.stdout).not.toMatch(raw);
    const quarantine = await cli(dataDir, 'quarantine', 'list');
    expect(quarantine.stdout).not.toMatch(raw);
  });

  it('ticket rights sets the rights staff decided, takes the ticket out of triage and records who', async () => {
    const number = String(ingested.find((l) => l.outcome === 'ticket')!.ticket);
    const r = await cli(dataDir, 'ticket', 'rights', number, 'erasure, access', '--by', 'dpo@example.com');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('-> access, erasure');
    const [shown] = lines((await cli(dataDir, 'ticket', 'show', number, '--json')).stdout);
    expect(shown).toMatchObject({ rights: ['access', 'erasure'], triage: false });
    const events = shown!.events as Array<{ kind: string; actor: string; data: { to: string[] } }>;
    expect(events.at(-1)).toMatchObject({ kind: 'rights_set', actor: 'staff:dpo@example.com', data: { to: ['access', 'erasure'] } });
    const bad = await cli(dataDir, 'ticket', 'rights', number, 'access,forget-me');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a comma-separated list of access, rectification');
  });

  it('quarantine list names each quarantined message with its reason code', async () => {
    const r = await cli(dataDir, 'quarantine', 'list', '--json');
    const q = lines(r.stdout);
    expect(q.length).toBe(ingested.filter((l) => l.outcome === 'quarantined').length);
    for (const m of q) expect(String(m.reason)).toMatch(/^PD_/);
  });

  it('quarantine show explains the codes of several senders and of a display name posing as ours', async () => {
    const byFile = (name: string) => ingested.find((l) => path.basename(String(l.file)) === name);
    expect(byFile('bad-two-from.eml')).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_AMBIGUOUS_SENDER' });
    expect(byFile('bad-spoofed-name.eml')).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_SPOOFED_NAME' });
    const q = lines((await cli(dataDir, 'quarantine', 'list', '--json')).stdout);
    for (const code of ['PD_MSG_AMBIGUOUS_SENDER', 'PD_MSG_SPOOFED_NAME'] as const) {
      const row = q.find((m) => m.reason === code);
      const show = await cli(dataDir, 'quarantine', 'show', String(row!.id));
      expect(show.stdout).toContain(`${code} (${ERROR_CODES[code].message})`);
    }
  });

  it('classify needs no database and prints the fields the issue names', async () => {
    const r = await cli(mkdtempSync(path.join(tmpdir(), 'pd-cli-empty-')), 'classify', path.join(fixtures, 'req-ru-multiple-rights.eml'));
    const [c] = lines(r.stdout);
    expect(Object.keys(c!).sort()).toEqual(['auto', 'confidence', 'file', 'isRequest', 'language', 'rights', 'subjectMatches']);
    expect(c).toMatchObject({ subjectMatches: true, auto: 'none', isRequest: true, language: 'ru' });
  });

  it('reports errors on stderr with a non-zero exit', async () => {
    const missing = await cli(dataDir, 'ingest', '/nonexistent/mail.eml');
    expect(missing.code).toBe(1);
    expect(lines(missing.stdout)).toEqual([{ file: '/nonexistent/mail.eml', error: 'PD_FILE_NOT_FOUND' }]);
    const usage = await cli(dataDir, 'tickets', '--status', 'bogus');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--status "bogus": expected one of');
    const unknown = await cli(dataDir, 'frobnicate');
    expect(unknown.code).toBe(2);
    const notFound = await cli(dataDir, 'ticket', 'show', 'DSR-2026-999999');
    expect(notFound.code).toBe(1);
    expect(notFound.stderr).toContain('PD_TICKET_NOT_FOUND');
  });

  it('answers --help for every command', async () => {
    for (const command of ['start', 'migrate', 'ingest', 'classify', 'tickets', 'ticket', 'quarantine', 'digest', 'retention']) {
      const r = await cli(dataDir, command, '--help');
      expect(r.code, command).toBe(0);
      expect(r.stdout).toContain(`usage: npm run --silent cli -- ${command}`);
    }
  });

  it('digest --json gives every status and the ticket numbers awaiting confirmation; --html writes the mail', async () => {
    const html = path.join(dataDir, 'digest.html');
    const r = await cli(dataDir, 'digest', '--json', '--html', html, '--at', new Date(Date.now() + 60_000).toISOString());
    expect(r.code, r.stderr).toBe(0);
    const [d] = lines(r.stdout);
    expect(Object.keys(d!.byStatus as object).sort()).toEqual([...TICKET_STATUSES].sort());
    for (const key of ['byRight', 'dueToday', 'dueSoon', 'overdue', 'openedYesterday', 'closedYesterday', 'medianWorkingDaysToClose', 'onTimeShare', 'quarantinedLastDay']) {
      expect(d, key).toHaveProperty(key);
    }
    const opened = ingested.filter((l) => l.outcome === 'ticket').map((l) => l.ticket);
    expect(d!.waitingConfirmation).toEqual(expect.arrayContaining(opened));
    expect(readFileSync(html, 'utf8')).toContain('<html');
  });

  it('retention --dry-run --json lists nothing on a young database and changes nothing', async () => {
    const r = await cli(dataDir, 'retention', '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(lines(r.stdout)[0]).toMatchObject({ dryRun: true, tickets: [], messages: 0 });
  });
});
