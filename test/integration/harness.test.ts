import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { describeEachDb } from '../helpers/db.js';
import { appendMessage, kickUser, makeMail, mailboxState, messageFlags, newImapUser, sessionCount, withImap } from '../helpers/imap.js';
import { waitFor } from '../helpers/wait.js';

// The harness itself: each database kind answers and is migrated; Dovecot takes and serves mail.

describeEachDb('test database', (db, kind) => {
  it('is migrated and answers', async () => {
    const [r] = await rows<{ n: number | string }>(db().db, sql`select count(*) as n from mailbox_cursors`);
    expect(Number(r?.n)).toBe(0);
    expect(db().kind).toBe(kind);
  });
});

describe('Dovecot', () => {
  it('logs a fresh user in, APPENDs and reads back without setting flags', async () => {
    const user = newImapUser('harness');
    const appended = await appendMessage(user, 'INBOX', makeMail({ subject: 'harness' }));
    expect(appended.uid).toBe(1);
    const state = await mailboxState(user, 'INBOX');
    expect(state).toMatchObject({ uidValidity: appended.uidValidity, uidNext: 2, messages: 1 });
    const flags = await messageFlags(user, 'INBOX');
    expect(flags.get(1)?.has('\\Seen')).toBe(false);
    await withImap(user, async (client) => {
      expect(client.capabilities.has('IDLE')).toBe(true);
      expect(client.capabilities.has('UIDPLUS')).toBe(true);
    });
  });

  it('counts and kicks sessions with doveadm', async () => {
    const user = newImapUser('kick');
    await withImap(user, async (client) => {
      let closed = false;
      client.on('close', () => (closed = true));
      expect(await sessionCount(user)).toBe(1);
      await kickUser(user);
      await waitFor('the kicked client to notice', () => closed);
    });
    await waitFor('no session left', async () => (await sessionCount(user)) === 0);
  });
});
