import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExactlyOnce, waitForEveryConfirmation } from '../helpers/exactly-once.js';
import { healthz, webPort } from '../helpers/healthz.js';
import { appendMessages, imapUrl, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { usePrivatePostgres } from '../helpers/private-pg.js';
import { runThenStop, startService, waitWithService } from '../helpers/service.js';
import { startCountingListener, type CountingListener } from '../helpers/smtp-listener.js';

// Issue 13, faults: PostgreSQL goes away (stopped, a few seconds down, started again) while the
// real service works through a backlog of 500 requests in its own IMAP mailbox and sends the
// confirmations over SMTP. The process stays up, /healthz answers 503 naming the database while it
// is down, and afterwards the service finishes by itself: 500 tickets, 500 confirmation mails,
// each accepted once by the SMTP listener (no crash here, so not even the one duplicate the
// kill -9 window allows). The PostgreSQL is this file's own: others use the shared one.

const REQUESTS = 500;
const DOWN_MS = 4000;
const DOMAINS = ['example.com', 'example.org', 'example.net'];

describe('PostgreSQL stopped and started again while a backlog of 500 is processed', () => {
  const db = usePrivatePostgres();
  const { count } = db;
  let listener: CountingListener;

  beforeAll(async () => {
    listener = await startCountingListener();
  });
  afterAll(async () => {
    await listener?.close();
  });

  const tickets = () => count('select count(*) as n from tickets');

  it('answers 503 naming the database while it is down, then finishes: 500 tickets, 500 mails, each once', async () => {
    const user = newImapUser('dbbacklog');
    const { pg, sql } = db;
    await appendMessages(
      user,
      'INBOX',
      Array.from({ length: REQUESTS }, (_, i) =>
        buildMail({ from: `backlog-person${i}@${DOMAINS[i % DOMAINS.length]}`, messageId: `<db-backlog-${i}@example.com>` }),
      ),
    );
    const svc = startService({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-db-backlog-')),
      DATABASE_URL: pg.url,
      IMAP_URL: imapUrl(user),
      IMAP_START: 'all',
      IMAP_BATCH_SIZE: '20',
      IMAP_POLL_SECONDS: '5',
      SMTP_URL: `smtp://127.0.0.1:${listener.port}`,
      // 500 requests within the hour are the test's backlog, not the abuse these limits are for.
      CONFIRM_MAX_PER_HOUR: '100000',
      CONFIRM_MAX_PER_DOMAIN_PER_HOUR: '100000',
      // No digest: it would go whenever the test runs past 09:00 in Almaty.
      MANAGER_ADDRESSES: 'none',
      APP_SECRET: 'db-backlog-secret-db-backlog-secret-0001',
    });
    let atStop = 0;
    const out = await runThenStop(svc, async () => {
      const port = await waitWithService(svc, 'the web port', () => webPort(svc));
      await waitWithService(svc, 'the first tickets', async () => (await tickets()) >= 20, 120_000);

      atStop = await tickets();
      await pg.stop();
      const down = await waitWithService(svc, '/healthz to report the database', async () => {
        const h = await healthz(port);
        return h.status === 503 && h.body.reasons.some((r) => r.startsWith('database: not reachable')) ? h : false;
      });
      expect(down.body.status).toBe('failing');
      await new Promise((r) => setTimeout(r, DOWN_MS));
      // Still down, still saying so, still running: no crash loop.
      const stillDown = await healthz(port);
      expect(stillDown.status).toBe(503);
      expect(stillDown.body.reasons.some((r) => r.startsWith('database: not reachable'))).toBe(true);
      expect(svc.child.exitCode).toBeNull();
      await pg.start();

      await waitForEveryConfirmation(svc, sql, { requests: REQUESTS, listener, timeoutMs: 240_000 });
      await waitWithService(svc, '/healthz to recover', async () => {
        const h = await healthz(port);
        return h.status === 200 && h.body.database.ok && !h.body.reasons.some((r) => r.startsWith('database')) ? h : false;
      });
      expect(svc.child.exitCode).toBeNull();
    });
    expect(out.match(/"msg":"service started"/g)).toHaveLength(1);
    expect(out).toContain('PD_DB_UNAVAILABLE');
    expect(out).toContain('"msg":"database reachable again"');
    // The outage fell in the middle of the backlog: it had work to resume.
    expect(atStop).toBeLessThan(REQUESTS);

    // At the listener: exactly our outbox's Message-IDs, each once.
    await expectExactlyOnce(sql, { requests: REQUESTS, outcomes: { ticket: REQUESTS }, confirmations: 'sent', listener });
  }, 420_000);
});
