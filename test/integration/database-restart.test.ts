import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectExactlyOnce, waitForEveryConfirmation } from '../helpers/exactly-once.js';
import { healthz, webPort } from '../helpers/healthz.js';
import { appendMessages, imapUrl, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { usePrivatePostgres } from '../helpers/private-pg.js';
import { runThenStop, startService, waitWithService } from '../helpers/service.js';

// The database restarts under the service while it reads an IMAP backlog: once quickly
// (pg_ctl restart) and once with a pause (stop, 3 s, start). The process must stay up, answer
// 503 naming the database meanwhile, and finish everything by itself: one ticket per request
// and one confirmation mail each. The PostgreSQL is this file's own: others use the shared one.

const REQUESTS = 30;

describe('the database restarts while the service reads a backlog', () => {
  const db = usePrivatePostgres();
  const { count } = db;

  it('stays up, says 503 with the database as the cause, and resumes with nothing lost or doubled', async () => {
    const user = newImapUser('dbrestart');
    const { pg, sql } = db;
    const raws = Array.from({ length: REQUESTS }, (_, i) =>
      buildMail({ from: `db-person${i}@example.com`, messageId: `<db-restart-${i}@example.com>` }),
    );
    await appendMessages(user, 'INBOX', raws);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-db-restart-'));
    const svc = startService({
      DATA_DIR: dataDir,
      DATABASE_URL: pg.url,
      IMAP_URL: imapUrl(user),
      IMAP_START: 'all',
      IMAP_BATCH_SIZE: '3',
      IMAP_POLL_SECONDS: '5',
      APP_SECRET: 'restart-secret-restart-secret-restart-01',
    });
    const out = await runThenStop(svc, async () => {
      await waitWithService(svc, 'the first tickets', async () => (await count('select count(*) as n from tickets')) >= 3);

      // 1. A quick restart in the middle of the backlog.
      await pg.restart();
      const afterRestart = await count('select count(*) as n from tickets');
      await waitWithService(svc, 'tickets to be opened again after the restart', async () => (await count('select count(*) as n from tickets')) > afterRestart);

      // 2. The database goes away for a while.
      await pg.stop();
      const port = webPort(svc)!;
      const down = await waitWithService(svc, '/healthz to report the database', async () => {
        const h = await healthz(port);
        return h.status === 503 && h.body.reasons.some((r) => r.startsWith('database')) ? h : false;
      });
      expect(down.body.status).toBe('failing');
      await new Promise((r) => setTimeout(r, 3000));
      expect(svc.child.exitCode).toBeNull();
      await pg.start();

      await waitForEveryConfirmation(svc, sql, { requests: REQUESTS, timeoutMs: 240_000 });
      await waitWithService(svc, '/healthz to recover', async () => (await healthz(port)).body.status !== 'failing');
    });

    // The managers' digest may go too: the service runs on the real clock, past 09:00 in Almaty.
    await expectExactlyOnce(sql, { requests: REQUESTS, confirmations: 'queued', dataDir });
    // The PD_DB_UNAVAILABLE line says where the database is, never with a password.
    expect(out).toContain('PD_DB_UNAVAILABLE');
  }, 480_000);
});
