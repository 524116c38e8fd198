import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMessages, imapUrl, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-pg.js';
import { startService, waitWithService, type ServiceProcess } from '../helpers/service.js';

// The database restarts under the service while it reads an IMAP backlog: once quickly
// (pg_ctl restart) and once with a pause (stop, 3 s, start). The process must stay up, answer
// 503 naming the database meanwhile, and finish everything by itself: one ticket per request
// and one confirmation mail each. The PostgreSQL is this file's own: others use the shared one.

const REQUESTS = 30;

function webPort(svc: ServiceProcess): number | undefined {
  const line = svc.output().split('\n').find((l) => l.includes('"web server listening"'));
  return line ? (JSON.parse(line) as { port: number }).port : undefined;
}

async function healthz(port: number): Promise<{ status: number; body: { status: string; reasons: string[] } }> {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: res.status, body: (await res.json()) as { status: string; reasons: string[] } };
}

describe('the database restarts while the service reads a backlog', () => {
  let pg: PrivatePostgres;
  let sql: postgres.Sql;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    sql = postgres(pg.url, { max: 1, onnotice: () => {} });
  }, 180_000);
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await pg?.remove();
  });

  /** A count, or -1 while the database is away (the test's own client meets the restarts too). */
  const count = async (query: string): Promise<number> => {
    try {
      return Number((await sql.unsafe(query))[0]!.n);
    } catch {
      return -1;
    }
  };

  it('stays up, says 503 with the database as the cause, and resumes with nothing lost or doubled', async () => {
    const user = newImapUser('dbrestart');
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
    try {
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

      await waitWithService(
        svc,
        'every message to get an outcome and every mail to be sent',
        async () =>
          (await count('select count(*) as n from messages where outcome is not null')) === REQUESTS &&
          (await count(`select count(*) as n from outbox where status = 'sent' and template = 'confirm_request'`)) === REQUESTS,
        240_000,
      );
      await waitWithService(svc, '/healthz to recover', async () => (await healthz(port)).body.status !== 'failing');
    } finally {
      svc.child.kill('SIGTERM');
    }
    expect(await svc.exited).toBe(0);
    expect(svc.output()).not.toMatch(/TypeError|uncaught/i);

    const [t] = await sql`select count(*)::int as n, count(distinct requester_email)::int as people from tickets`;
    expect(t).toEqual({ n: REQUESTS, people: REQUESTS });
    // The managers' digest may go too: the service runs on the real clock, past 09:00 in Almaty.
    const mails = await sql`select template, count(*)::int as n, count(distinct ticket_id)::int as tickets from outbox
                            where template <> 'manager_digest' group by template`;
    expect(mails.map((m) => ({ ...m }))).toEqual([{ template: 'confirm_request', n: REQUESTS, tickets: REQUESTS }]);
    const [sent] = await sql`select count(*)::int as n from outbox where status = 'sent'`;
    expect(readdirSync(path.join(dataDir, 'mail', 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(sent!.n as number);
    // The PD_DB_UNAVAILABLE line says where the database is, never with a password.
    expect(svc.output()).toContain('PD_DB_UNAVAILABLE');
  }, 480_000);
});
