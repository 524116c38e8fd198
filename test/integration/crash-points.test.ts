import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrashPoint } from '../../src/lifecycle/crash-point.js';
import { expectExactlyOnce } from '../helpers/exactly-once.js';
import { buildMail } from '../helpers/mail.js';
import { startService, waitWithService, type ServiceProcess } from '../helpers/service.js';
import { startCountingListener, type CountingListener } from '../helpers/smtp-listener.js';
import { createThrowawayDatabase } from '../helpers/throwaway-pg.js';

// kill -9 at each step of the pipeline, on PostgreSQL, then a restart without the fault: every
// request ends with exactly one ticket, every queued mail reaches the SMTP server, and the only
// mail that arrives twice is the one accepted by the server before we recorded it. The steps are
// hit with the test-only crash points (src/lifecycle/crash-point.ts); the SMTP conversation is cut
// by a listener that never answers DATA.

const REQUESTS = 3;

describe('service killed with SIGKILL at each step, then restarted', () => {
  const cleanup: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
  });

  /** A fresh database, an inbox holding REQUESTS requests, an SMTP listener, and the service env. */
  async function setup(opts: { stallFirst?: boolean } = {}) {
    const { sql, url, drop } = await createThrowawayDatabase('pd_killpoint');
    cleanup.push(drop);
    const listener = await startCountingListener({ stallFirst: opts.stallFirst ?? false });
    cleanup.push(() => listener.close());
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-killpoint-'));
    const inbox = path.join(dataDir, 'mail', 'inbox');
    mkdirSync(inbox, { recursive: true });
    for (let i = 0; i < REQUESTS; i++) {
      writeFileSync(path.join(inbox, `req-${i}.eml`), buildMail({ from: `killpoint${i}@example.com`, messageId: `<killpoint-${i}@example.com>` }));
    }
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: url,
      SMTP_URL: `smtp://127.0.0.1:${listener.port}`,
      APP_SECRET: 'killpoint-secret-killpoint-secret-01',
      // No digest: it would go whenever the test runs past 09:00 in Almaty, and be the first mail.
      MANAGER_ADDRESSES: 'none',
    };
    return { sql, listener, env };
  }

  function start(env: Record<string, string>, crashAt?: CrashPoint): ServiceProcess {
    const svc = startService(crashAt ? { ...env, PD_TEST_FAULTS: '1', PD_TEST_CRASH_AT: crashAt } : env);
    cleanup.push(async () => {
      if (svc.child.exitCode === null && svc.child.signalCode === null) svc.child.kill('SIGKILL');
      await svc.exited;
    });
    return svc;
  }

  async function snapshot(sql: postgres.Sql) {
    const [m] = await sql`select count(*)::int as stored, count(outcome)::int as done from messages`;
    const [t] = await sql`select count(*)::int as n from tickets`;
    const outbox = await sql<Array<{ status: string; n: number }>>`select status, count(*)::int as n from outbox where template <> 'manager_digest' group by status`;
    return { stored: m!.stored as number, done: m!.done as number, tickets: t!.n as number, outbox: Object.fromEntries(outbox.map((o) => [o.status, o.n])) };
  }

  /**
   * Restarts without the fault, waits until every request has its outcome and every queued mail
   * was accepted, checks the service is still up (no crash loop) and stops it cleanly; then the
   * invariants. `duplicated` is the one Message-ID allowed to arrive twice.
   */
  async function restartAndCheck(sql: postgres.Sql, listener: CountingListener, env: Record<string, string>, duplicated: string | null) {
    const second = start(env);
    await waitWithService(second, 'every request processed and every mail sent', async () => {
      const s = await snapshot(sql);
      const ids = await sql<Array<{ message_id: string }>>`select message_id from outbox where template <> 'manager_digest'`;
      return (
        s.stored === REQUESTS &&
        s.done === REQUESTS &&
        ids.length > 0 &&
        Object.keys(s.outbox).join() === 'sent' &&
        ids.every((r) => listener.accepted.has(r.message_id))
      );
    });
    expect(second.child.exitCode).toBeNull();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    // Recovery is ordinary work: nothing at error level, and the restarted service ran throughout.
    expect(second.output()).not.toMatch(/"level":"(error|fatal)"/);
    expect(second.output().match(/"msg":"service started"/g)).toHaveLength(1);

    await expectExactlyOnce(sql, { requests: REQUESTS, outcomes: { ticket: REQUESTS } });
    const [c] = await sql`select count(*)::int as n, count(distinct ticket_id)::int as tickets from outbox where template = 'confirm_request'`;
    expect(c).toEqual({ n: REQUESTS, tickets: REQUESTS });
    const ids = (await sql<Array<{ message_id: string }>>`select message_id from outbox where template <> 'manager_digest'`).map((r) => r.message_id);
    const expected = Object.fromEntries(ids.map((id) => [id, id === duplicated ? 2 : 1]));
    expect(Object.fromEntries(listener.accepted)).toEqual(expected);
  }

  it('after the raw message is stored: the restart processes it once', async () => {
    const { sql, listener, env } = await setup();
    const first = start(env, 'after-store');
    expect(await first.exited).toBe('SIGKILL');
    expect(first.output()).toContain('test-only fault injection is armed');
    expect(await snapshot(sql)).toEqual({ stored: 1, done: 0, tickets: 0, outbox: {} });
    await restartAndCheck(sql, listener, env, null);
  }, 120_000);

  it('after the ticket and outbox insert: the restart sends the queued mail once', async () => {
    const { sql, listener, env } = await setup();
    const first = start(env, 'after-ticket');
    expect(await first.exited).toBe('SIGKILL');
    const s = await snapshot(sql);
    expect({ ...s, outbox: Object.keys(s.outbox) }).toEqual({ stored: 1, done: 1, tickets: 1, outbox: ['pending'] });
    expect(listener.accepted.size).toBe(0);
    await restartAndCheck(sql, listener, env, null);
  }, 120_000);

  it('after the SMTP server accepted a mail, before we recorded it: that one mail arrives twice', async () => {
    const { sql, listener, env } = await setup();
    const first = start(env, 'before-mark-sent');
    expect(await first.exited).toBe('SIGKILL');
    // Killed right after the first acceptance: exactly one mail is out, and its row says sending.
    expect([...listener.accepted.values()]).toEqual([1]);
    const [accepted] = [...listener.accepted.keys()];
    const [row] = await sql`select status from outbox where message_id = ${accepted!}`;
    expect(row!.status).toBe('sending');
    await restartAndCheck(sql, listener, env, accepted!);
  }, 120_000);

  it('during an SMTP send: the mail cut off in DATA is delivered once after the restart', async () => {
    const { sql, listener, env } = await setup({ stallFirst: true });
    const first = start(env);
    await Promise.race([listener.stalled, first.exited.then((c) => Promise.reject(new Error(`the service exited (${c}) before sending`)))]);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(listener.accepted.size).toBe(0);
    await restartAndCheck(sql, listener, env, null);
  }, 120_000);
});
