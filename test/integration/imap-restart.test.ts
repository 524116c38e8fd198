import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEnv } from '../helpers/env.js';
import { healthz, webPort } from '../helpers/healthz.js';
import { appendMessages, imapUrl, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { TEMPLATE_DB, databaseUrl } from '../helpers/pg-url.js';
import { startPrivateDovecot, type PrivateDovecot } from '../helpers/private-dovecot.js';
import { startService, waitWithService } from '../helpers/service.js';

// A real Dovecot restart under the service: stopped in the middle of a backlog, left down until
// /healthz fails on the mailbox (503), started again on the same port. The process stays up,
// reconnects by itself, reads the rest of the backlog and the mail that comes after, each message
// once. The Dovecot is this file's own: others use the shared one.

const BACKLOG = 80;
const AFTER = 3;

describe('Dovecot restarts while the service reads a backlog', () => {
  const name = `pd_imaprs_${randomBytes(5).toString('hex')}`;
  let admin: postgres.Sql;
  let sql: postgres.Sql;
  let dovecot: PrivateDovecot;

  beforeAll(async () => {
    dovecot = await startPrivateDovecot();
    admin = postgres(requireEnv('PD_TEST_PG_URL'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    sql = postgres(databaseUrl(requireEnv('PD_TEST_PG_URL'), name), { max: 2, onnotice: () => {} });
  }, 120_000);
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end({ timeout: 5 });
    await dovecot?.remove();
  });

  // Three domains: more than 50 confirmations to one domain within the hour are held as abuse.
  const DOMAINS = ['example.com', 'example.org', 'example.net'];
  const request = (i: number): Buffer =>
    buildMail({ from: `restart-person${i}@${DOMAINS[i % DOMAINS.length]}`, messageId: `<imap-restart-${i}@example.com>` });
  const processed = async (): Promise<number> => Number((await sql`select count(*)::int as n from messages where outcome is not null`)[0]!.n);

  it('fails /healthz on the mailbox while Dovecot is down, then reads everything once', async () => {
    const user = newImapUser('restart');
    const server = dovecot.server;
    await appendMessages(user, 'INBOX', Array.from({ length: BACKLOG }, (_, i) => request(i)), { server });
    const svc = startService({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-imap-restart-')),
      DATABASE_URL: databaseUrl(requireEnv('PD_TEST_PG_URL'), name),
      IMAP_URL: imapUrl(user, 'INBOX', server),
      IMAP_START: 'all',
      IMAP_BATCH_SIZE: '1',
      // The shortest allowed: the mailbox counts as failing after three intervals without a poll.
      IMAP_POLL_SECONDS: '5',
      APP_SECRET: 'imap-restart-secret-imap-restart-secret-1',
    });
    let total = BACKLOG;
    try {
      const port = await waitWithService(svc, 'the web port', () => webPort(svc));
      await waitWithService(svc, 'the first messages', async () => (await processed()) >= 2);
      await dovecot.stop();
      const stoppedAt = await processed();

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
      await waitWithService(svc, 'every confirmation to be written', async () => {
        const [r] = await sql`select count(*)::int as n from outbox where template = 'confirm_request' and status = 'sent'`;
        return r!.n === total;
      });
    } finally {
      svc.child.kill('SIGTERM');
    }
    expect(await svc.exited).toBe(0);
    expect(svc.output()).not.toMatch(/TypeError|uncaught/i);

    const [m] = await sql`select count(*)::int as n, count(distinct message_id)::int as ids from messages`;
    expect(m).toEqual({ n: total, ids: total });
    const [t] = await sql`select count(*)::int as n, count(distinct requester_email)::int as people from tickets`;
    expect(t).toEqual({ n: total, people: total });
    const mails = await sql`select template, count(*)::int as n, count(distinct ticket_id)::int as tickets from outbox
                            where template <> 'manager_digest' group by template`;
    expect(mails.map((r) => ({ ...r }))).toEqual([{ template: 'confirm_request', n: total, tickets: total }]);
  }, 180_000);
});
