import { describe, expect, it } from 'vitest';
import { dbKinds } from '../helpers/db.js';
import { appendMessage, appendMessages, makeMail, messageFlags, newImapUser } from '../helpers/imap.js';
import { cursorOf, sourceTestSetup, storedMessages, type SourceRun } from '../helpers/imap-source.js';
import { waitFor } from '../helpers/wait.js';

// The IMAP source against a real Dovecot, with the real intake. Every test has its own IMAP user
// and its own database, so tests share nothing. Safety polls are an hour: mail that arrives
// during a test arrives through IDLE.

const REQUEST = 'Запрос на управление данными';

function request(n: number): Buffer {
  return makeMail({ subject: REQUEST, from: `Person ${n} <person${n}@example.org>`, body: 'Прошу удалить все мои персональные данные.' });
}

function newsletter(n: number): Buffer {
  return makeMail({ subject: `Newsletter ${n}`, from: 'news@example.net', body: `Issue ${n}.` });
}

const setup = sourceTestSetup;

/** The first poll is done: the cursor is set and the source is waiting for mail. */
async function polled(run: SourceRun): Promise<void> {
  await waitFor(`first poll of ${run.key}`, () => run.logs.find('IMAP connected').length > 0 && run.app.ctx.status.get('mailbox')?.ok);
}

async function expectNoFlags(user: string, mailbox: string): Promise<void> {
  const flags = await messageFlags(user, mailbox);
  for (const [uid, set] of flags) {
    // \Recent belongs to the server, not to a client; anything else would be ours.
    expect({ uid, flags: [...set].filter((f) => f !== '\\Recent') }).toEqual({ uid, flags: [] });
  }
}

for (const kind of dbKinds()) {
  describe(`IMAP source [${kind}]`, () => {
    it('receives a message APPENDed while it idles, opens a ticket, sets no flag', async () => {
      const env = await setup(kind);
      const user = newImapUser('idle');
      const run = await env.start({ user });
      await polled(run);
      expect(run.logs.find('IMAP connected')[0]).toMatchObject({ idle: true, component: 'imap' });

      const { uid } = await appendMessage(user, 'INBOX', request(1));
      await waitFor('the delivery', () => run.deliveries.length === 1);
      expect(run.deliveries[0]).toMatchObject({ uid, outcome: 'ticket' });
      expect(run.deliveries[0]?.ticket).toMatch(/^DSR-\d{4}-\d{6}$/);
      await waitFor('status after the poll', () => run.app.ctx.status.get('mailbox')?.detail?.lastUid === uid);
      await expectNoFlags(user, 'INBOX');
    });

    it('resumes after a restart without re-reading or duplicating', async () => {
      const env = await setup(kind);
      const user = newImapUser('restart');
      const first = await env.start({ user });
      await polled(first);
      await appendMessage(user, 'INBOX', request(1));
      await waitFor('first delivery', () => first.deliveries.length === 1);
      await first.stop();

      // Mail that arrives while nobody listens.
      await appendMessages(user, 'INBOX', [request(2), newsletter(3)]);
      const second = await env.start({ user });
      await waitFor('the two new messages', () => second.deliveries.length === 2);
      expect(second.deliveries.map((d) => d.uid)).toEqual([2, 3]);
      expect(second.deliveries.map((d) => d.outcome)).toEqual(['ticket', 'ignored']);
      expect(second.logs.find('first connection to this mailbox: starting point chosen')).toHaveLength(0);

      const stored = await storedMessages(env.database, second.key);
      expect(stored.map((m) => m.uid)).toEqual([1, 2, 3]);
      expect(new Set(stored.map((m) => m.sourceKey)).size).toBe(3);
      expect((await cursorOf(env.database, second.key))?.lastUid).toBe(3);
    });
  });
}

describe('IMAP source: where it begins', () => {
  it("start 'now' leaves the mail already there alone", async () => {
    const env = await setup();
    const user = newImapUser('now');
    await appendMessages(user, 'INBOX', [request(1), request(2), newsletter(3)]);
    const run = await env.start({ user, start: 'now' });
    await polled(run);
    const cursor = await cursorOf(env.database, run.key);
    expect(cursor).toMatchObject({ lastUid: 3 });
    expect(cursor?.startFrom).toBeInstanceOf(Date);
    expect(run.logs.find('first connection to this mailbox: starting point chosen')[0]).toMatchObject({ start: 'now', lastUid: 3 });

    await appendMessage(user, 'INBOX', request(4));
    await waitFor('the new message', () => run.deliveries.length === 1);
    expect(run.deliveries.map((d) => d.uid)).toEqual([4]);
    expect(await storedMessages(env.database, run.key)).toHaveLength(1);
  });

  it('start from a date takes mail since then and passes older mail moved in later', async () => {
    const env = await setup();
    const user = newImapUser('since');
    const day = 24 * 3600_000;
    const old = new Date(Date.now() - 30 * day);
    await appendMessage(user, 'INBOX', newsletter(1), { internalDate: old });
    await appendMessage(user, 'INBOX', request(2), { internalDate: new Date(Date.now() - day) });
    // Old mail that a person moved into the mailbox later: a higher UID, an old date.
    await appendMessage(user, 'INBOX', request(3), { internalDate: old });
    const since = new Date(Date.now() - 10 * day).toISOString().slice(0, 10);

    const run = await env.start({ user, start: since });
    await polled(run);
    await waitFor('the recent message', () => run.deliveries.length === 1);
    expect(run.deliveries.map((d) => d.uid)).toEqual([2]);
    expect(run.logs.find('message out of scope: before the start').map((l) => l.uid)).toEqual([3]);
    expect((await cursorOf(env.database, run.key))?.lastUid).toBe(3);
  });

  it("start 'all' reads a backlog of 120 in batches of 50, in UID order, setting no flag", async () => {
    const env = await setup();
    const user = newImapUser('backlog');
    await appendMessages(user, 'INBOX', Array.from({ length: 120 }, (_, i) => newsletter(i + 1)));
    const run = await env.start({ user, start: 'all', batchSize: 50 });
    await waitFor('120 deliveries', () => run.deliveries.length === 120, { timeoutMs: 120_000 });
    expect(run.deliveries.map((d) => d.uid)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(run.logs.find('fetching batch').map((l) => l.count)).toEqual([50, 50, 20]);
    expect(await storedMessages(env.database, run.key)).toHaveLength(120);
    await expectNoFlags(user, 'INBOX');
  });
});
