import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExactlyOnce, waitForEveryConfirmation } from '../helpers/exactly-once.js';
import { healthz, webPort } from '../helpers/healthz.js';
import { appendMessages, imapUrl, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { startPrivateDovecot, type PrivateDovecot } from '../helpers/private-dovecot.js';
import { runThenStop, startService, waitWithService } from '../helpers/service.js';
import { useThrowawayDatabase } from '../helpers/throwaway-pg.js';

// A real Dovecot restart under the service: stopped in the middle of a backlog, left down until
// /healthz fails on the mailbox (503), started again on the same port. The process stays up,
// reconnects by itself, reads the rest of the backlog and the mail that comes after, each message
// once. The Dovecot is this file's own: others use the shared one.

// Large enough that the mailbox is still being read when Dovecot stops: intake stores each
// fetched message at once and processes it beside the next fetch, so a small backlog is read in a blink.
const BACKLOG = 200;
const AFTER = 3;

describe('Dovecot restarts while the service reads a backlog', () => {
  let dovecot: PrivateDovecot;
  beforeAll(async () => {
    dovecot = await startPrivateDovecot();
  }, 120_000);
  afterAll(async () => {
    await dovecot?.remove();
  });
  const db = useThrowawayDatabase('pd_imaprs');

  // Three domains: more than 50 confirmations to one domain within the hour are held as abuse.
  const DOMAINS = ['example.com', 'example.org', 'example.net'];
  const request = (i: number): Buffer =>
    buildMail({ from: `restart-person${i}@${DOMAINS[i % DOMAINS.length]}`, messageId: `<imap-restart-${i}@example.com>` });
  const processed = async (): Promise<number> => Number((await db.sql`select count(*)::int as n from messages where outcome is not null`)[0]!.n);
  const stored = async (): Promise<number> => Number((await db.sql`select count(*)::int as n from messages`)[0]!.n);

  it('fails /healthz on the mailbox while Dovecot is down, then reads everything once', async () => {
    const user = newImapUser('restart');
    const server = dovecot.server;
    await appendMessages(user, 'INBOX', Array.from({ length: BACKLOG }, (_, i) => request(i)), { server });
    const svc = startService({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-imap-restart-')),
      DATABASE_URL: db.url,
      IMAP_URL: imapUrl(user, 'INBOX', server),
      IMAP_START: 'all',
      IMAP_BATCH_SIZE: '1',
      // The shortest allowed: the mailbox counts as failing after three intervals without a poll.
      IMAP_POLL_SECONDS: '5',
      APP_SECRET: 'imap-restart-secret-imap-restart-secret-1',
      // 200 confirmations to three domains within the hour are a test's backlog, not abuse.
      CONFIRM_MAX_PER_DOMAIN_PER_HOUR: '1000',
      CONFIRM_MAX_PER_HOUR: '1000',
    });
    let total = BACKLOG;
    await runThenStop(svc, async () => {
      const port = await waitWithService(svc, 'the web port', () => webPort(svc));
      await waitWithService(svc, 'the first messages', async () => (await stored()) >= 2);
      await dovecot.stop();
      const stoppedAt = await stored();

      const degraded = await waitWithService(svc, '/healthz to name the failed poll', async () => {
        const h = await healthz(port);
        return h.body.mailbox.lastError ? h : false;
      });
      expect(degraded.body.reasons.some((r) => r.startsWith('mailbox:'))).toBe(true);
      const failing = await waitWithService(svc, '/healthz to fail on the mailbox', async () => {
        const h = await healthz(port);
        return h.status === 503 ? h : false;
      });
      expect(failing.body.status).toBe('failing');
      expect(failing.body.mailbox.ok).toBe(false);
      expect(failing.body.reasons.some((r) => r.startsWith('mailbox: last successful poll')), JSON.stringify(failing.body)).toBe(true);
      expect(svc.child.exitCode).toBeNull();

      await dovecot.start();
      await waitWithService(svc, 'the backlog to be done', async () => (await processed()) === BACKLOG, 120_000);
      for (let k = 0; k < AFTER; k++) {
        await appendMessages(user, 'INBOX', [request(total++)], { server });
        await waitWithService(svc, `message ${total}`, async () => (await processed()) === total);
      }
      await waitWithService(svc, '/healthz to recover', async () => {
        const h = await healthz(port);
        return h.status === 200 && h.body.mailbox.ok && !h.body.reasons.some((r) => r.startsWith('mailbox')) ? h : false;
      });
      expect(stoppedAt).toBeLessThan(BACKLOG);
      await waitForEveryConfirmation(svc, db.sql, { requests: total });
    });

    await expectExactlyOnce(db.sql, { requests: total, messages: total, confirmations: 'queued' });
  }, 180_000);
});
