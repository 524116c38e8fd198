import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEnv } from '../helpers/env.js';
import { appendMessages, imapUrl, messageFlags, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { TEMPLATE_DB, databaseUrl } from '../helpers/pg-url.js';
import { startService, waitWithService } from '../helpers/service.js';

// The production shape: PostgreSQL and a real IMAP server. The service is killed with SIGKILL in
// the middle of a backlog and started again: exactly one ticket per request, no message left
// unprocessed, and not one flag set on the shared mailbox.

const REQUESTS = 40;

describe('service killed with SIGKILL while reading an IMAP backlog', () => {
  const name = `pd_crash_${randomBytes(5).toString('hex')}`;
  let admin: postgres.Sql;
  let sql: postgres.Sql;

  beforeAll(async () => {
    admin = postgres(requireEnv('PD_TEST_PG_URL'), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    sql = postgres(databaseUrl(requireEnv('PD_TEST_PG_URL'), name), { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end({ timeout: 5 });
    await admin?.unsafe(`drop database if exists ${name} with (force)`);
    await admin?.end({ timeout: 5 });
  });

  it('resumes after a restart with one ticket per request and the mailbox untouched', async () => {
    const user = newImapUser('crash');
    const raws = Array.from({ length: REQUESTS }, (_, i) =>
      buildMail({ from: `imap-person${i}@example.com`, messageId: `<imap-crash-${i}@example.com>` }),
    );
    raws.push(buildMail({ from: 'someone@example.org', subject: 'Вопрос про оплату' }));
    await appendMessages(user, 'INBOX', raws);

    const env = {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-crash-imap-')),
      DATABASE_URL: databaseUrl(requireEnv('PD_TEST_PG_URL'), name),
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
    await waitWithService(second, 'every message to get an outcome', async () => {
      const [r] = await sql`select count(*)::int as total, count(outcome)::int as done from messages`;
      return r!.total === REQUESTS + 1 && r!.done === REQUESTS + 1;
    });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const [t] = await sql`select count(*)::int as n, count(distinct requester_email)::int as people from tickets`;
    expect(t).toEqual({ n: REQUESTS, people: REQUESTS });
    const outcomes = await sql`select outcome, count(*)::int as n from messages group by outcome`;
    expect(Object.fromEntries(outcomes.map((o) => [o.outcome, o.n]))).toEqual({ ticket: REQUESTS, ignored: 1 });
    const [cursor] = await sql`select last_uid::int as last_uid from mailbox_cursors`;
    expect(cursor!.last_uid).toBe(REQUESTS + 1);
    for (const [uid, flags] of await messageFlags(user, 'INBOX')) {
      expect([...flags].filter((f) => f !== '\\Recent'), `flags of UID ${uid}`).toEqual([]);
    }
  }, 240_000);
});
