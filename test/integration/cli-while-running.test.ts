import { execFile, execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMail } from '../helpers/mail.js';
import { cliArgs, repoRoot, startService, waitWithService, type ServiceProcess } from '../helpers/service.js';

// The README's first steps: the service runs in local mode and holds the embedded database, and
// the command line, in another terminal, still answers every command (the service runs them for it
// over the admin socket in DATA_DIR) while the service goes on taking mail in.

const run = promisify(execFile);

describe('the command line while the local service runs', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-cli-live-'));
  const inbox = path.join(dataDir, 'mail', 'inbox');
  const processed = path.join(dataDir, 'mail', 'processed');
  let svc: ServiceProcess;

  async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
    try {
      const r = await run(process.execPath, cliArgs(...args), {
        cwd: repoRoot,
        // Only DATA_DIR: what the service runs with is what counts (ORG_TIMEZONE among it).
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir },
      });
      return { ...r, code: 0 };
    } catch (err) {
      const e = err as { stdout: string; stderr: string; code: number };
      return { stdout: e.stdout, stderr: e.stderr, code: e.code };
    }
  }
  const jsonLines = (stdout: string) => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    mkdirSync(inbox, { recursive: true });
    writeFileSync(path.join(inbox, 'a-request.eml'), buildMail({ from: 'Dana Example <dana@example.com>', date: new Date('2026-11-20T09:00:00Z') }));
    // No sender: quarantined. Its subject carries a bidi override, its text a terminal escape.
    writeFileSync(
      path.join(inbox, 'b-nofrom.eml'),
      buildMail({ from: null, subject: 'invoice\u202Etxt.exe', body: 'Прошу удалить мои данные.\u001b[2J\nСпасибо' }),
    );
    svc = startService({ DATA_DIR: dataDir, ORG_TIMEZONE: 'Asia/Almaty' });
    await waitWithService(svc, 'the inbox to be ingested', () => readdirSync(processed).length === 2, 240_000);
  }, 300_000);

  afterAll(async () => {
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toBe(0);
  }, 60_000);

  it('serves the admin socket only to its own user, in a private directory', () => {
    const socket = path.join(dataDir, 'run', 'admin.sock');
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(socket)).mode & 0o777).toBe(0o700);
  });

  it('lists tickets: --json in ISO UTC, the table in ORG_TIMEZONE with its offset', async () => {
    const json = await cli('tickets', '--json');
    expect(json.code, json.stderr).toBe(0);
    const [ticket] = jsonLines(json.stdout);
    expect(ticket).toMatchObject({ requester: 'dana@example.com', status: 'unverified' });
    expect(String(ticket!.receivedAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const table = await cli('tickets');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(String(ticket!.number));
    expect(table.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d \+05:00/);

    const shown = await cli('ticket', 'show', String(ticket!.number), '--json');
    expect(shown.code, shown.stderr).toBe(0);
    const [detail] = jsonLines(shown.stdout);
    expect(detail).toMatchObject({ number: ticket!.number });
    expect((detail!.events as unknown[]).length).toBeGreaterThan(0);
  }, 180_000);

  it('shows, dismisses and retries a quarantined message, each recorded with who did it', async () => {
    const listed = await cli('quarantine', 'list', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const [q] = jsonLines(listed.stdout);
    expect(q).toMatchObject({ reason: 'PD_MSG_NO_SENDER', dismissedAt: null });
    const id = String(q!.id);

    const show = await cli('quarantine', 'show', id);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('PD_MSG_NO_SENDER (Message has no usable From address)');
    expect(show.stdout).toContain('invoice\\u202Etxt.exe');
    expect(show.stdout).toContain('Прошу удалить мои данные.\\u001B[2J');
    // eslint-disable-next-line no-control-regex
    expect(show.stdout).not.toMatch(/[\u001b\u202e]/);

    const dismissed = await cli('quarantine', 'dismiss', id, '--by', 'alice');
    expect(dismissed.code, dismissed.stderr).toBe(0);
    expect(jsonLines((await cli('quarantine', 'list', '--json')).stdout)).toEqual([]);
    expect(jsonLines((await cli('quarantine', 'list', '--all', '--json')).stdout)).toHaveLength(1);

    const retried = await cli('quarantine', 'retry', id, '--by', 'bob');
    expect(retried.code, retried.stderr).toBe(0);
    // Still no sender: intake quarantines it again, and it is back on the list.
    expect(jsonLines(retried.stdout)).toEqual([{ id: Number(id), previousReason: 'PD_MSG_NO_SENDER', outcome: 'quarantined', ticket: null, reason: 'PD_MSG_NO_SENDER' }]);
    expect(jsonLines((await cli('quarantine', 'list', '--json')).stdout)).toHaveLength(1);

    const [after] = jsonLines((await cli('quarantine', 'show', id, '--json')).stdout);
    expect((after!.events as Array<{ actor: string; kind: string }>).map((e) => [e.actor, e.kind])).toEqual([
      ['staff:alice', 'quarantine_dismissed'],
      ['staff:bob', 'quarantine_retried'],
    ]);

    const missing = await cli('quarantine', 'show', '999999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('PD_MSG_NOT_QUARANTINED');
  }, 240_000);

  it('keeps taking mail in while a command is in the middle of its work', async () => {
    // `ingest` of a FIFO waits inside the service until something is written to it: a command held
    // open for as long as the test wants.
    const fifo = path.join(dataDir, 'slow.eml');
    execFileSync('mkfifo', [fifo]);
    const held = cli('ingest', fifo);
    // Opening the write end without blocking succeeds only once the service is reading the FIFO.
    const writer = await waitWithService(svc, 'the ingest command to be reading in the service', () => {
      try {
        return openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch {
        return null;
      }
    });
    writeFileSync(path.join(inbox, 'c-during.eml'), buildMail({ from: 'Erlan Example <erlan@example.com>' }));
    await waitWithService(svc, 'the new mail to be ingested while the command waits', () => readdirSync(processed).length === 3, 120_000);
    const during = jsonLines((await cli('tickets', '--json')).stdout).map((t) => t.requester);
    expect(during).toContain('erlan@example.com');

    writeSync(writer, buildMail({ from: 'Farida Example <farida@example.com>' }));
    closeSync(writer);
    const r = await held;
    expect(r.code, r.stderr).toBe(0);
    expect(jsonLines(r.stdout)).toMatchObject([{ file: fifo, outcome: 'ticket' }]);
  }, 300_000);

  it('migrate is a no-op that says the running service applied the migrations', async () => {
    const r = await cli('migrate');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('running service');
  }, 120_000);
});
