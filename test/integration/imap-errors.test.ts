import { createServer } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { gatherHealth } from '../../src/web/health.js';
import { createMailbox, imapServer, newImapUser } from '../helpers/imap.js';
import { sourceTestSetup, type SourceRun } from '../helpers/imap-source.js';
import { waitFor } from '../helpers/wait.js';

// Failures an operator causes with IMAP_URL, against the real Dovecot: each ends in one coded
// line at error whose words /healthz repeats, and the ones only a person can fix wait minutes.

interface ErrorLine {
  msg: string;
  code: string;
  retryInMs: number;
}

async function firstError(run: SourceRun): Promise<ErrorLine> {
  const line = await waitFor('an error line', () => run.logs.lines.find((l) => l.level === 'error'));
  return line as unknown as ErrorLine;
}

/** The health reason about the mailbox says the same words as the log line. */
async function expectHealthSays(run: SourceRun, text: string): Promise<void> {
  const report = await gatherHealth(run.app.ctx, new Date());
  expect(report.status).toBe('degraded');
  expect(report.reasons).toContain(`mailbox: last poll failed (${text})`);
}

/** A loopback port that answers every connection with a line of HTTP and hangs up. */
async function notImapServer(): Promise<number> {
  const server = createServer((socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

/** A loopback port with nothing listening: taken, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

const url = (scheme: string, user: string, password: string, port: number, mailbox = 'INBOX') =>
  `${scheme}://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${mailbox}`;

describe('IMAP errors that name the fix', () => {
  it('a wrong password is PD_IMAP_AUTH, naming user and server, and is retried minutes later', async () => {
    const env = await sourceTestSetup();
    const user = newImapUser('auth');
    const { port } = imapServer();
    const run = await env.start({ user, env: { IMAP_URL: url('imap', user, 'not-the-password', port) } });
    const line = await firstError(run);
    expect(line.code).toBe('PD_IMAP_AUTH');
    expect(line.msg).toBe(`IMAP login refused: ${user} at 127.0.0.1:${port}; check the user and password in IMAP_URL [PD_IMAP_AUTH]`);
    expect(line.retryInMs).toBeGreaterThanOrEqual(3 * 60_000);
    expect(run.logs.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(JSON.stringify(run.logs.lines)).not.toContain('not-the-password');
    await expectHealthSays(run, line.msg);
  });

  it('a missing mailbox is PD_IMAP_MAILBOX, listing the mailboxes that exist', async () => {
    const env = await sourceTestSetup();
    const user = newImapUser('box');
    await createMailbox(user, 'Support');
    await createMailbox(user, 'Archive');
    const run = await env.start({ user, mailbox: 'Suport' });
    const line = await firstError(run);
    expect(line.code).toBe('PD_IMAP_MAILBOX');
    expect(line.msg).toContain('"Suport"');
    expect(line.msg).toContain(`mailboxes of ${user}: "INBOX", "Archive", "Support"`);
    expect(line.retryInMs).toBeGreaterThanOrEqual(3 * 60_000);
    await expectHealthSays(run, line.msg);
  });

  it('imaps:// to the plain-text port is PD_IMAP_PROTOCOL, pointing to imap://', async () => {
    const env = await sourceTestSetup();
    const user = newImapUser('tls');
    const { port, password } = imapServer();
    const run = await env.start({ user, env: { IMAP_URL: url('imaps', user, password, port) } });
    const line = await firstError(run);
    expect(line.code).toBe('PD_IMAP_PROTOCOL');
    expect(line.msg).toContain(`127.0.0.1:${port} does not speak TLS (imaps://): use imap://`);
    await expectHealthSays(run, line.msg);
  });

  it('imap:// to a port that does not speak IMAP is PD_IMAP_PROTOCOL', async () => {
    const env = await sourceTestSetup();
    const user = newImapUser('proto');
    const port = await notImapServer();
    const run = await env.start({ user, env: { IMAP_URL: url('imap', user, 'pw', port) } });
    const line = await firstError(run);
    expect(line.code).toBe('PD_IMAP_PROTOCOL');
    expect(line.msg).toContain(`127.0.0.1:${port} gave no IMAP greeting (imap://)`);
    await expectHealthSays(run, line.msg);
  });

  it('a server that is not there stays a PD_IMAP_CONNECT warning, retried at the usual pace', async () => {
    const env = await sourceTestSetup();
    const user = newImapUser('down');
    const free = await closedPort();
    const run = await env.start({ user, env: { IMAP_URL: url('imap', user, 'pw', free) } });
    const line = await waitFor('a failed session', () => run.logs.find('IMAP session failed; reconnecting')[0]);
    expect(line.retryInMs as number).toBeLessThan(60_000);
    expect(JSON.stringify(line.err)).toContain('PD_IMAP_CONNECT');
    expect(run.logs.lines.filter((l) => l.level === 'error')).toHaveLength(0);
  });
});
