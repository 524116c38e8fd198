import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExactlyOnce } from '../helpers/exactly-once.js';
import { appendMessages, imapUrl, messageFlags, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { runThenStop, startService, waitWithService } from '../helpers/service.js';
import { useThrowawayDatabase } from '../helpers/throwaway-pg.js';

// The production shape: PostgreSQL and a real IMAP server. The service is killed with SIGKILL in
// the middle of a backlog and started again: exactly one ticket per request, no message left
// unprocessed, and not one flag set on the shared mailbox.

const REQUESTS = 40;

describe('service killed with SIGKILL while reading an IMAP backlog', () => {
  const db = useThrowawayDatabase('pd_crash');

  it('resumes after a restart with one ticket per request and the mailbox untouched', async () => {
    const user = newImapUser('crash');
    const raws = Array.from({ length: REQUESTS }, (_, i) =>
      buildMail({ from: `imap-person${i}@example.com`, messageId: `<imap-crash-${i}@example.com>` }),
    );
    raws.push(buildMail({ from: 'someone@example.org', subject: 'Вопрос про оплату' }));
    await appendMessages(user, 'INBOX', raws);
    const { sql } = db;

    const env = {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-crash-imap-')),
      DATABASE_URL: db.url,
      IMAP_URL: imapUrl(user),
      IMAP_START: 'all',
      IMAP_BATCH_SIZE: '10',
      APP_SECRET: 'crash-secret-crash-secret-crash-secret-01',
    };
    const tickets = async () => Number((await sql`select count(*)::int as n from tickets`)[0]!.n);

    const first = startService(env);
    await waitWithService(first, 'the first tickets', async () => (await tickets()) >= 5);
    first.child.kill('SIGKILL');
    await first.exited;

    const second = startService(env);
    await runThenStop(second, async () => {
      await waitWithService(second, 'every message to get an outcome', async () => {
        const [r] = await sql`select count(*)::int as total, count(outcome)::int as done from messages`;
        return r!.total === REQUESTS + 1 && r!.done === REQUESTS + 1;
      });
    });

    await expectExactlyOnce(sql, { requests: REQUESTS, outcomes: { ticket: REQUESTS, ignored: 1 } });
    const [cursor] = await sql`select last_uid::int as last_uid from mailbox_cursors`;
    expect(cursor!.last_uid).toBe(REQUESTS + 1);
    for (const [uid, flags] of await messageFlags(user, 'INBOX')) {
      expect([...flags].filter((f) => f !== '\\Recent'), `flags of UID ${uid}`).toEqual([]);
    }
  }, 240_000);
});
