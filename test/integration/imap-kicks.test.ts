import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExactlyOnce, waitForEveryConfirmation } from '../helpers/exactly-once.js';
import { healthz, webPort } from '../helpers/healthz.js';
import { appendMessages, imapUrl, kickUser, newImapUser, sessionCount } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { runThenStop, startService, waitWithService, type ServiceProcess } from '../helpers/service.js';
import { useThrowawayDatabase } from '../helpers/throwaway-pg.js';

// Dovecot drops the service's IMAP session again and again (doveadm kick: what a server restart
// looks like from the client; the test Dovecot is shared by every file, so it is not restarted).
// Kicks fall while a backlog is read and while the service idles. Every request still yields one
// ticket and one confirmation, mail appended after each kick is processed once, /healthz names
// the mailbox while the session is down, and the process never exits.

const BACKLOG = 60;
// The reconnect backoff grows with each drop (2 s, x1.5) and resets only after five stable
// minutes, so every extra kick costs more wait than the one before: four keep the file near 30 s.
const BACKLOG_KICKS = 2;
const IDLE_KICKS = 2;
const DOMAINS = ['example.com', 'example.org', 'example.net'];

describe('IMAP sessions dropped while reading a backlog and while idling', () => {
  const db = useThrowawayDatabase('pd_kick');

  const request = (i: number): Buffer =>
    buildMail({ from: `kick-person${i}@${DOMAINS[i % DOMAINS.length]}`, messageId: `<imap-kick-${i}@example.com>` });
  const processed = async (): Promise<number> => Number((await db.sql`select count(*)::int as n from messages where outcome is not null`)[0]!.n);

  /** Kicks, then waits until /healthz names the mailbox's failed session. */
  async function kickAndSeeIt(svc: ServiceProcess, user: string, port: number): Promise<void> {
    // doveadm kick fails when the user has no session: the previous drop may not be mended yet.
    await waitWithService(svc, 'an IMAP session to kick', async () => (await sessionCount(user)) >= 1);
    await kickUser(user);
    const h = await waitWithService(svc, '/healthz to name the dropped session', async () => {
      const r = await healthz(port);
      return r.body.mailbox.lastError ? r : false;
    });
    expect(h.body.reasons.some((r) => r.startsWith('mailbox: last poll failed'))).toBe(true);
  }

  /** Waits until the session is back and /healthz has nothing to say about the mailbox. */
  async function recovered(svc: ServiceProcess, user: string, port: number): Promise<void> {
    await waitWithService(svc, 'the mailbox to recover in /healthz', async () => {
      const r = await healthz(port);
      return r.body.mailbox.ok && !r.body.mailbox.lastError && !r.body.reasons.some((x) => x.startsWith('mailbox')) && (await sessionCount(user)) >= 1;
    });
  }

  it('processes every message once, before and after each drop, and /healthz follows', async () => {
    const user = newImapUser('kick');
    await appendMessages(user, 'INBOX', Array.from({ length: BACKLOG }, (_, i) => request(i)));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-imap-kicks-'));
    const svc = startService({
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      IMAP_URL: imapUrl(user),
      IMAP_START: 'all',
      // Small batches and a short safety poll: many rounds in the backlog for the kicks to hit.
      IMAP_BATCH_SIZE: '1',
      IMAP_POLL_SECONDS: '5',
      APP_SECRET: 'imap-kicks-secret-imap-kicks-secret-0001',
    });
    let total = BACKLOG;
    const kickedAt: number[] = [];
    await runThenStop(svc, async () => {
      const port = await waitWithService(svc, 'the web port', () => webPort(svc));

      // 1. Drops in the middle of the backlog: each after some progress since the last.
      let last = 0;
      for (let k = 0; k < BACKLOG_KICKS; k++) {
        const seen = last;
        last = await waitWithService(svc, 'progress on the backlog', async () => {
          const n = await processed();
          return n > seen ? n : false;
        });
        kickedAt.push(last);
        await kickAndSeeIt(svc, user, port);
      }
      await waitWithService(svc, 'the backlog to be done', async () => (await processed()) === BACKLOG, 120_000);
      await recovered(svc, user, port);

      // 2. Drops while the service idles. Mail appended while the session is down is found at the
      //    reconnect; mail appended after it comes through IDLE (or the safety poll).
      for (let k = 0; k < IDLE_KICKS; k++) {
        await kickAndSeeIt(svc, user, port);
        await appendMessages(user, 'INBOX', [request(total++)]);
        await waitWithService(svc, `message ${total} (appended after kick ${k + 1})`, async () => (await processed()) === total);
        await recovered(svc, user, port);
        await appendMessages(user, 'INBOX', [request(total++)]);
        await waitWithService(svc, `message ${total} (appended after the reconnect)`, async () => (await processed()) === total);
      }
      expect(svc.child.exitCode).toBeNull();
      await waitForEveryConfirmation(svc, db.sql, { requests: total });
    });
    // The backlog kicks fell while there was backlog left (else this test proves less than it says).
    expect(Math.max(...kickedAt)).toBeLessThan(BACKLOG);

    await expectExactlyOnce(db.sql, { requests: total, messages: total, confirmations: 'queued', dataDir });
    const [cursor] = await db.sql`select last_uid::int as last_uid from mailbox_cursors`;
    expect(cursor!.last_uid).toBe(total);
  }, 180_000);
});
