import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxLockKey } from '../../src/db/queries/mailbox-lock.js';
import { expectExactlyOnce, waitForEveryConfirmation } from '../helpers/exactly-once.js';
import { healthz, webPort } from '../helpers/healthz.js';
import { appendMessages, imapUrl, newImapUser, sessionCount } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { startService, waitWithService, type ServiceProcess } from '../helpers/service.js';
import { startCountingListener, type CountingListener } from '../helpers/smtp-listener.js';
import { useThrowawayDatabase } from '../helpers/throwaway-pg.js';

// Issue 13, faults: two service processes on one PostgreSQL and one mailbox work through a
// backlog of 1,000 requests. One ticket per request, each confirmation accepted once by the SMTP
// listener, the mailbox read by one instance at a time (its advisory lock, sampled in pg_locks,
// and the IMAP sessions Dovecot reports), and when the instance reading the mailbox is killed
// with SIGKILL the other takes the mailbox over within a minute (a correctness bound: the lock
// dies with the killed process's database session) and finishes the backlog. The only mail that
// may arrive twice is one the killed instance had handed to the SMTP server and not yet recorded
// (README, "Killed at any step"): its row was still `sending` under the killed worker.

const REQUESTS = 1000;
const DOMAINS = ['example.com', 'example.org', 'example.net'];
const TAKEOVER_BOUND_MS = 60_000;

describe('two services on one PostgreSQL and one mailbox', () => {
  const db = useThrowawayDatabase('pd_two');
  let listener: CountingListener;

  beforeAll(async () => {
    listener = await startCountingListener();
  });
  afterAll(async () => {
    await listener?.close();
  });

  const count = async (query: string): Promise<number> => Number((await db.sql.unsafe(query))[0]!.n);
  const connected = (svc: ServiceProcess) => svc.output().includes('"msg":"IMAP connected"');

  it('one reads the mailbox at a time, the other takes over within a minute of a SIGKILL, each request and mail once', async () => {
    const user = newImapUser('two');
    const { sql } = db;
    const raws = Array.from({ length: REQUESTS }, (_, i) =>
      buildMail({ from: `two-person${i}@${DOMAINS[i % DOMAINS.length]}`, messageId: `<two-services-${i}@example.com>` }),
    );
    // Two connections append halves of the backlog at once: the order does not matter here.
    await Promise.all([appendMessages(user, 'INBOX', raws.slice(0, REQUESTS / 2)), appendMessages(user, 'INBOX', raws.slice(REQUESTS / 2))]);
    const env = (tag: string) => ({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), `pd-two-${tag}-`)),
      DATABASE_URL: db.url,
      IMAP_URL: imapUrl(user),
      IMAP_START: 'all',
      IMAP_BATCH_SIZE: '20',
      // The shortest allowed; a standby instance tries the mailbox lock again at this interval.
      IMAP_POLL_SECONDS: '5',
      // A message the killed instance was processing is finished by the sweep once its claim
      // (this limit + 30 s) ends: a shorter limit, still far above what a small request takes.
      PROCESSING_TIMEOUT_MS: '15000',
      SMTP_URL: `smtp://127.0.0.1:${listener.port}`,
      CONFIRM_MAX_PER_HOUR: '100000',
      CONFIRM_MAX_PER_DOMAIN_PER_HOUR: '100000',
      MANAGER_ADDRESSES: 'none',
      APP_SECRET: 'two-services-secret-two-services-secret-1',
    });

    // The mailbox's lock, as pg_locks shows a bigint advisory lock: high and low 32 bits.
    const key = BigInt.asUintN(64, mailboxLockKey('imap:INBOX'));
    const [hi, lo] = [String(key >> 32n), String(key & 0xffffffffn)];
    const lockHolders = async (): Promise<number[]> =>
      (
        await sql<Array<{ pid: number }>>`select pid from pg_locks where locktype = 'advisory' and granted and objsubid = 1
                                          and classid = ${hi}::oid and objid = ${lo}::oid
                                          and database = (select oid from pg_database where datname = current_database())`
      ).map((r) => r.pid);
    // Sampled all along: never two holders of the lock, never two IMAP sessions of the user.
    let maxHolders = 0;
    let maxSessions = 0;
    let samples = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [holders, sessions] = await Promise.all([lockHolders().catch(() => []), sessionCount(user).catch(() => 0)]);
        maxHolders = Math.max(maxHolders, holders.length);
        maxSessions = Math.max(maxSessions, sessions);
        samples++;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    const t0 = Date.now();
    const a = startService(env('a'));
    let b: ServiceProcess | undefined;
    let takeoverMs = 0;
    const phases: string[] = [];
    const phase = (what: string) => phases.push(`${what} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    try {
      await waitWithService(a, 'the first instance to take the mailbox', () => connected(a));
      b = startService(env('b'));
      const second = b;
      await waitWithService(second, 'the second instance to stand by', () => second.output().includes('"msg":"mailbox is polled by another instance; standing by"'));
      const bPort = await waitWithService(second, 'the web port', () => webPort(second));
      // The one standing by is healthy: the mailbox is read, just not by it.
      const standby = await healthz(bPort);
      expect(standby.body.mailbox.ok).toBe(true);
      expect(standby.body.reasons.filter((r) => r.startsWith('mailbox') || r.startsWith('database'))).toEqual([]);

      await waitWithService(a, 'a good part of the backlog', async () => (await count('select count(*) as n from tickets')) >= 200, 180_000);
      expect(connected(second)).toBe(false);
      const [holder] = await lockHolders();
      expect(holder).toBeDefined();

      phase('kill');
      a.child.kill('SIGKILL');
      const killedAt = Date.now();
      expect(await a.exited).toBe('SIGKILL');
      const atKill = await count('select count(*) as n from tickets');
      // What the killed worker held: the only rows whose mail may arrive twice.
      const heldByKilled = new Set(
        (await sql<Array<{ message_id: string }>>`select message_id from outbox where status = 'sending' and locked_by like ${`%:${a.child.pid}:%`}`).map(
          (r) => r.message_id,
        ),
      );

      await waitWithService(second, 'the second instance to take the mailbox over', () => connected(second), TAKEOVER_BOUND_MS + 30_000);
      takeoverMs = Date.now() - killedAt;
      phase('takeover');
      expect(takeoverMs).toBeLessThan(TAKEOVER_BOUND_MS);
      expect(atKill).toBeLessThan(REQUESTS);
      const [newHolder] = await lockHolders();
      expect(newHolder).not.toBe(holder);

      await waitForEveryConfirmation(second, sql, { requests: REQUESTS, listener, timeoutMs: 240_000 });
      phase('all done');
      const h = await waitWithService(second, '/healthz of the survivor to be clean', async () => {
        const r = await healthz(bPort);
        return r.status === 200 && r.body.outbox.pending === 0 && r.body.reasons.filter((x) => !x.startsWith('calendar:')).length === 0 ? r : false;
      });
      expect(h.body.mailbox.ok).toBe(true);
      expect(second.child.exitCode).toBeNull();

      // Duplicates only in the documented window, at most one per kill.
      const dups = listener.duplicates();
      expect(dups.length).toBeLessThanOrEqual(1);
      for (const id of dups) {
        expect(heldByKilled.has(id), `${id} arrived twice but was not in the killed worker's hands`).toBe(true);
        expect(listener.accepted.get(id)).toBe(2);
      }
    } finally {
      sampling = false;
      await sampler;
      if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGKILL');
      b?.child.kill('SIGTERM');
    }
    expect(await b!.exited).toBe(0);
    const out = b!.output();
    expect(out).not.toMatch(/TypeError|uncaught/i);
    expect(out.match(/"msg":"service started"/g)).toHaveLength(1);
    console.log(`two-services: mailbox taken over ${takeoverMs} ms after SIGKILL; ${samples} lock samples; ${phases.join(', ')}`);
    expect(samples).toBeGreaterThan(10);
    expect(maxHolders).toBe(1);
    expect(maxSessions).toBe(1);

    // Duplicates were checked above, against what the killed worker held.
    await expectExactlyOnce(sql, {
      requests: REQUESTS,
      outcomes: { ticket: REQUESTS },
      messages: REQUESTS,
      confirmations: 'sent',
      listener,
      duplicatesCheckedByTest: true,
    });
  }, 480_000);
});
