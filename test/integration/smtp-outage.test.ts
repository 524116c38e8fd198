import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExactlyOnce } from '../helpers/exactly-once.js';
import { healthz, webPort } from '../helpers/healthz.js';
import { appendMessages, imapUrl, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { runThenStop, startService, waitWithService } from '../helpers/service.js';
import { useThrowawayDatabase } from '../helpers/throwaway-pg.js';

// The SMTP server goes away while the real service works through 100 requests, and comes back on
// the same port. Every confirmation is queued meanwhile, /healthz says the outbox cannot send while
// it cannot, and once the server is back each mail arrives exactly once (by Message-ID at the
// listener: no crash here, so not even the one allowed duplicate).

const REQUESTS = 100;

interface Caught {
  messageId: string;
  to: string[];
}

/** An SMTP listener on 127.0.0.1 that can be closed and opened again on the same port. */
class Listener {
  readonly mails: Caught[] = [];
  private server: SMTPServer | null = null;
  port = 0;

  async open(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      // Closing drops the service's pooled connection at once, as a server going down would.
      closeTimeout: 100,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((m) => {
            this.mails.push({ messageId: m.messageId ?? '', to: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the SMTP server is down while the service queues 100 confirmations', () => {
  const db = useThrowawayDatabase('pd_smtp');
  const listener = new Listener();

  beforeAll(async () => {
    await listener.open();
  });
  afterAll(async () => {
    await listener.close();
  });

  it('queues while it is down, says so in /healthz, and delivers each mail once when it is back', async () => {
    const user = newImapUser('smtpdown');
    const { sql } = db;
    const people = Array.from({ length: REQUESTS }, (_, i) => `smtp-person${i}@example.com`);
    await appendMessages(
      user,
      'INBOX',
      people.map((from, i) => buildMail({ from, messageId: `<smtp-outage-${i}@example.com>` })),
    );
    const svc = startService({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-smtp-outage-')),
      DATABASE_URL: db.url,
      IMAP_URL: imapUrl(user),
      IMAP_START: 'all',
      IMAP_BATCH_SIZE: '10',
      SMTP_URL: `smtp://127.0.0.1:${listener.port}`,
      // 100 requesters from one domain within the hour: not the abuse the domain limit is for.
      CONFIRM_MAX_PER_DOMAIN_PER_HOUR: '1000',
      APP_SECRET: 'smtp-outage-secret-smtp-outage-secret-01',
    });
    const confirmations = () => listener.mails.filter((m) => m.to.some((a) => people.includes(a)));
    const count = async (query: string): Promise<number> => Number((await sql.unsafe(query))[0]!.n);
    await runThenStop(svc, async () => {
      // Mail flows first, so the outage meets a pooled connection in use, not a cold start.
      await waitWithService(svc, 'the first confirmations', () => confirmations().length >= 3);
      await listener.close();
      const port = await waitWithService(svc, 'the web port', () => webPort(svc));

      const down = await waitWithService(svc, '/healthz to say the outbox cannot send', async () => {
        const h = await healthz(port);
        return h.body.outbox.ok === false && h.body.outbox.lastError?.includes('SMTP server unreachable') ? h : false;
      });
      expect(down.body.reasons.some((r) => r.startsWith('outbox: SMTP server unreachable'))).toBe(true);

      // Intake goes on without SMTP: every request becomes a ticket, its confirmation waits.
      await waitWithService(svc, 'every message to get an outcome', async () => (await count('select count(*) as n from messages where outcome is not null')) === REQUESTS, 120_000);
      const queued = await count(`select count(*) as n from outbox where template = 'confirm_request' and status <> 'sent'`);
      expect(queued).toBeGreaterThan(0);
      const stillDown = await healthz(port);
      expect(stillDown.body.outbox).toMatchObject({ ok: false });
      expect(svc.child.exitCode).toBeNull();

      await listener.open();
      await waitWithService(
        svc,
        'every confirmation to arrive',
        async () =>
          new Set(confirmations().map((m) => m.to[0])).size === REQUESTS &&
          (await count(`select count(*) as n from outbox where template = 'confirm_request' and status = 'sent'`)) === REQUESTS,
        120_000,
      );
      const up = await waitWithService(svc, '/healthz to recover', async () => {
        const h = await healthz(port);
        return h.body.outbox.ok && h.body.outbox.pending === 0 ? h : false;
      });
      expect(up.status).toBe(200);
      // The estimated holiday in the shipped calendar may leave it `degraded`; nothing else may.
      expect(up.body.reasons.filter((r) => !r.startsWith('calendar:'))).toEqual([]);
      expect(['ok', 'degraded']).toContain(up.body.status);
    });

    await expectExactlyOnce(sql, { requests: REQUESTS });
    // Each Message-ID the listener saw, once; the outbox rows' Message-IDs are exactly those.
    const seen = listener.mails.map((m) => m.messageId);
    expect(new Set(seen).size).toBe(seen.length);
    const rows = await sql`select message_id from outbox where template = 'confirm_request'`;
    expect(rows.map((r) => String(r.message_id)).sort()).toEqual(confirmations().map((m) => m.messageId).sort());
    expect(confirmations()).toHaveLength(REQUESTS);
  }, 300_000);
});
