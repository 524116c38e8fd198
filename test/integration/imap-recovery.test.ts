import { createServer, type Server } from 'node:net';
import { eq } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { messages } from '../../src/db/schema.js';
import type { MailSink } from '../../src/mail/incoming.js';
import { appendMessage, appendMessages, createMailbox, kickUser, makeMail, messageFlags, newImapUser, recreateMailbox, sessionCount } from '../helpers/imap.js';
import { cursorOf, sourceTestSetup, storedMessages, type SourceRun } from '../helpers/imap-source.js';
import { waitFor } from '../helpers/wait.js';

// What goes wrong in production, against the real Dovecot: the mailbox renumbered, the connection
// dropped, the database failing mid-batch, two instances, oversized mail, shutdown mid-message.

const REQUEST = 'Запрос на управление данными';
const request = (n: number) =>
  makeMail({ subject: REQUEST, from: `Person ${n} <person${n}@example.org>`, body: 'Прошу удалить мои данные.', messageId: `<req-${n}-${Math.random()}@example.org>` });

const setup = sourceTestSetup;

/** A loopback listener that accepts connections and never says a word (a hung server). */
async function silentServer(): Promise<{ port: number; server: Server; accepted: () => number }> {
  let accepted = 0;
  const server = createServer(() => {
    accepted++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  return { port: addr.port, server, accepted: () => accepted };
}

const connected = (run: SourceRun, n = 1) =>
  waitFor(`connection #${n}`, () => run.logs.find('IMAP connected').length >= n && run.app.ctx.status.get('mailbox')?.ok);

describe('IMAP source recovery', () => {
  it('a UIDVALIDITY change re-reads the mailbox: only new mail is new, history stays out', async () => {
    const env = await setup();
    const user = newImapUser('uv');
    await createMailbox(user, 'Support');
    // History from before intake began; the newer one sets where "now" is.
    const old1 = request(1);
    await appendMessage(user, 'Support', old1, { internalDate: new Date('2026-01-01T10:00:00Z') });
    await appendMessage(user, 'Support', makeMail({ subject: 'Old newsletter' }), { internalDate: new Date('2026-01-02T10:00:00Z') });
    // Dovecot sends an idling session nothing when its mailbox is replaced: the safety poll
    // (5 s, the least allowed) is what notices.
    const run = await env.start({ user, mailbox: 'Support', start: 'now', env: { IMAP_POLL_SECONDS: '5' } });
    await connected(run);

    const a = request(2);
    const b = request(3);
    await appendMessages(user, 'Support', [a, b]);
    await waitFor('A and B', () => run.deliveries.length === 2);
    expect(run.deliveries.map((d) => d.outcome)).toEqual(['ticket', 'ticket']);
    const prev = run.deliveries[0]!.uidValidity;

    // The mailbox is rebuilt under the running source: same mail back, plus one new.
    const uidValidity = await recreateMailbox(user, 'Support');
    await appendMessages(user, 'Support', [old1], { internalDate: new Date('2026-01-01T10:00:00Z') });
    await appendMessages(user, 'Support', [a, b, request(4)]);

    await waitFor('the re-read', () => run.deliveries.filter((d) => d.uidValidity === uidValidity).length === 3);
    const again = run.deliveries.filter((d) => d.uidValidity === uidValidity);
    expect(again.map((d) => [d.uid, d.outcome])).toEqual([
      [2, 'duplicate'],
      [3, 'duplicate'],
      [4, 'ticket'],
    ]);
    expect(run.logs.find('UIDVALIDITY change')).toEqual([expect.objectContaining({ prevUidValidity: prev, uidValidity })]);
    expect(run.logs.find('message out of scope: before the start').map((l) => l.uid)).toEqual([1]);
    const stored = await storedMessages(env.database, run.key);
    expect(stored.filter((m) => m.outcome === 'ticket')).toHaveLength(3);
    expect(stored.every((m) => m.uidValidity === uidValidity)).toBe(true);
    await waitFor('cursor on the new generation', async () => (await cursorOf(env.database, run.key))?.lastUid === 4);
  });

  it('a dropped connection reconnects, says so, and later mail still arrives', async () => {
    const env = await setup();
    const user = newImapUser('drop');
    const run = await env.start({ user });
    await connected(run);
    await appendMessage(user, 'INBOX', request(1));
    await waitFor('first message', () => run.deliveries.length === 1);

    await kickUser(user);
    await waitFor('the failure is reported', () => run.logs.find('IMAP session failed; reconnecting').length >= 1);
    await connected(run, 2);
    expect(run.app.ctx.status.counter('imap_reconnects_total')).toBeGreaterThanOrEqual(1);

    await appendMessage(user, 'INBOX', request(2));
    await waitFor('second message', () => run.deliveries.length === 2);
    expect(run.deliveries.map((d) => d.uid)).toEqual([1, 2]);
    expect(run.logs.find('IMAP mailbox recovered').length).toBeGreaterThanOrEqual(1);
    expect(run.app.ctx.status.get('mailbox')).toMatchObject({ ok: true, lastError: expect.any(String) });
  });

  it('when intake fails mid-batch it retries from the cursor and skips nothing', async () => {
    const env = await setup();
    const user = newImapUser('fail');
    await appendMessages(user, 'INBOX', [request(1), request(2), request(3)]);
    let failures = 0;
    const flaky = (inner: MailSink): MailSink => ({
      async receive(mail) {
        if (mail.uid === 2 && failures < 2) {
          failures++;
          throw new Error('database unavailable (simulated)');
        }
        return inner.receive(mail);
      },
    });
    const run = await env.start({ user, start: 'all', wrapSink: flaky });
    await waitFor('all three', () => run.deliveries.length === 3);
    expect(run.deliveries.map((d) => d.uid)).toEqual([1, 2, 3]);
    expect(failures).toBe(2);
    expect(run.logs.find('IMAP session failed; reconnecting').map((l) => (l.err as { message: string }).message)).toEqual([
      'database unavailable (simulated)',
      'database unavailable (simulated)',
    ]);
    expect((await storedMessages(env.database, run.key)).map((m) => m.uid)).toEqual([1, 2, 3]);
  });

  it('one instance polls a mailbox; another stands by and takes over when it stops', async () => {
    const env = await setup();
    const user = newImapUser('lock');
    const one = await env.start({ user });
    await connected(one);
    const two = await env.start({ user, source: { standbyRetryMs: 200 } });
    await waitFor('standby', () => two.logs.find('mailbox is polled by another instance; standing by').length >= 1);

    await appendMessage(user, 'INBOX', request(1));
    await waitFor('delivery by the first', () => one.deliveries.length === 1);
    expect(two.logs.find('IMAP connected')).toHaveLength(0);

    await one.stop();
    await connected(two);
    await appendMessage(user, 'INBOX', request(2));
    await waitFor('delivery by the second', () => two.deliveries.length === 1);
    expect(two.deliveries.map((d) => d.uid)).toEqual([2]);
    expect(one.deliveries.map((d) => d.uid)).toEqual([1]);
  });

  it('hands an oversized message over alone for quarantine and goes on', async () => {
    const env = await setup();
    const user = newImapUser('big');
    const big = makeMail({ subject: REQUEST, from: 'big@example.org', body: 'x'.repeat(200) + '\n' + 'y'.repeat(20_000) });
    await appendMessages(user, 'INBOX', [request(1), big, request(3)]);
    // What the source hands over: for the oversized one, its header block and its real size only.
    const handed = new Map<number, { bytes: number; size: number | undefined }>();
    const measuring = (inner: MailSink): MailSink => ({
      receive(mail) {
        handed.set(mail.uid!, { bytes: mail.raw.length, size: mail.size });
        return inner.receive(mail);
      },
    });
    const run = await env.start({ user, start: 'all', env: { MAX_MESSAGE_BYTES: '4096' }, source: { fetchBudgetBytes: 8192 }, wrapSink: measuring });
    await waitFor('three deliveries', () => run.deliveries.length === 3);
    expect(run.deliveries.map((d) => d.outcome)).toEqual(['ticket', 'quarantined', 'ticket']);
    expect(run.logs.find('message larger than MAX_MESSAGE_BYTES; intake will quarantine it').map((l) => [l.uid, l.fetched])).toEqual([[2, 'headers']]);
    const headerBytes = big.indexOf('\r\n\r\n') + 4;
    expect(handed.get(2)).toEqual({ bytes: headerBytes, size: big.length });
    const stored = await storedMessages(env.database, run.key);
    expect(stored[1]).toMatchObject({ uid: 2, outcome: 'quarantined', reason: 'PD_MSG_TOO_LARGE' });
    const [row] = await env.database.db.select().from(messages).where(eq(messages.sourceKey, stored[1]!.sourceKey));
    expect(row).toMatchObject({ size: big.length });
    expect(row!.raw.length).toBe(headerBytes);
    // Read-only: fetching the headers set no flag.
    for (const [uid, set] of await messageFlags(user, 'INBOX')) expect({ uid, flags: [...set].filter((f) => f !== '\\Recent') }).toEqual({ uid, flags: [] });
  });

  it('stop() finishes the message in hand, logs out and releases the lock', async () => {
    const env = await setup();
    const user = newImapUser('stop');
    await appendMessages(user, 'INBOX', [request(1), request(2), request(3)]);
    let entered!: () => void;
    const inHand = new Promise<void>((r) => (entered = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = (inner: MailSink): MailSink => ({
      async receive(mail) {
        if (mail.uid === 1) {
          entered();
          await gate;
        }
        return inner.receive(mail);
      },
    });
    const run = await env.start({ user, start: 'all', wrapSink: slow });
    await inHand;
    const stopping = run.stop();
    release();
    await stopping;
    expect(run.deliveries.map((d) => d.uid)).toEqual([1]);
    expect((await cursorOf(env.database, run.key))?.lastUid).toBe(1);
    await waitFor('no IMAP session left', async () => (await sessionCount(user)) === 0);

    // The lock is free: a new instance takes the mailbox at once and resumes after UID 1.
    const next = await env.start({ user });
    await waitFor('the rest', () => next.deliveries.length === 2);
    expect(next.deliveries.map((d) => d.uid)).toEqual([2, 3]);
    expect(next.logs.find('mailbox is polled by another instance; standing by')).toHaveLength(0);
  });

  it('an unreachable server shows as failed in the status and is retried with growing delays', async () => {
    const env = await setup();
    const { port, server } = await silentServer();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const run = await env.start({ user: 'nobody', env: { IMAP_URL: `imap://nobody:pw@127.0.0.1:${port}/INBOX` } });
    await waitFor('three failures', () => run.logs.find('IMAP session failed; reconnecting').length >= 3);
    const delays = run.logs.find('IMAP session failed; reconnecting').map((l) => l.retryInMs as number);
    expect(delays[2]!).toBeGreaterThan(delays[0]!);
    expect(run.app.ctx.status.get('mailbox')).toMatchObject({ ok: false, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
    expect((await cursorOf(env.database, run.key))).toBeNull();
  });

  it('stop() does not wait for a server that accepted the connection and went silent', async () => {
    const env = await setup();
    const { port, accepted } = await silentServer();
    const run = await env.start({ user: 'nobody', env: { IMAP_URL: `imap://nobody:pw@127.0.0.1:${port}/INBOX` }, source: { stopGraceMs: 60_000 } });
    await waitFor('the connection attempt', () => accepted() === 1);
    // With a 60 s grace, only cutting the half-made connection lets this finish within the test's time.
    await run.stop();
    expect(run.logs.find('IMAP session did not finish in time; closing the connection')).toHaveLength(0);
    expect(run.logs.find('IMAP source stopped')).toHaveLength(1);
  });
});
