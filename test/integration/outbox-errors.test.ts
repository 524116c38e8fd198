import { weekdayCalendar } from '../../src/deadlines/working-days.js';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { rows, type Database } from '../../src/db/client.js';
import { StatusBoard } from '../../src/lifecycle/status.js';
import { enqueueMail } from '../../src/outbox/enqueue.js';
import { createRenderer, type Renderer } from '../../src/outbox/render.js';
import { sampleVars } from '../../src/outbox/samples.js';
import { createTransport, type MailTransport } from '../../src/outbox/transport.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { gatherHealth } from '../../src/web/health.js';
import { captureLog, type CapturedLog } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';

// Outbox failures only a person can fix, against a real smtp-server and database: a refused SMTP
// login and an outbox folder that cannot be written. Mail waits with its attempts unspent, the
// status says what to fix in the words of the one log line at error, and mail flows once fixed.

const SECRET = 'outbox-errors-test-secret-outbox-errors-01';
const PASSWORD = 'right-password';

interface Row {
  status: string;
  attempts: number;
  last_error_code: string | null;
}

describeEachDb('outbox errors', (db) => {
  let smtp: SMTPServer;
  let port = 0;
  let accepted = 0;
  let renderer: Renderer;

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'desk@example.com' && auth.password === PASSWORD) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, _session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          accepted++;
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    port = (smtp.server.address() as AddressInfo).port;
    renderer = await createRenderer(configFor({}));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  function configFor(env: Record<string, string>): Config {
    return loadConfig({ APP_SECRET: SECRET, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-outbox-errors-')), MAIL_CAP_PER_RECIPIENT: '1000', ...env });
  }

  function run(config: Config, transport: MailTransport): { ctx: AppContext; logs: CapturedLog } {
    const logs = captureLog();
    const ctx: AppContext = { config, database: db(), log: logs.log, status: new StatusBoard(), now: () => new Date(), calendar: weekdayCalendar };
    const worker = createOutboxWorker(ctx, transport, { intervalMs: 50, outage: { baseMs: 100, maxMs: 300, jitterMs: 0 } });
    worker.start();
    onTestFinished(async () => {
      await worker.stop();
      transport.close();
    });
    return { ctx, logs };
  }

  async function enqueue(database: Database, config: Config): Promise<number> {
    const [t] = await rows<{ id: string | number }>(
      database.db,
      sql`insert into tickets (number, requester_email, language, received_at)
          values (${`DSR-2026-${Math.floor(Math.random() * 900_000) + 100_000}`}, 'aigerim@example.com', 'ru', now()) returning id`,
    );
    const ticket = { id: Number(t!.id), number: 'DSR-2026-000001' };
    const queued = await database.db.transaction((tx) =>
      enqueueMail(tx, { config, renderer, now: () => new Date() }, {
        template: 'acknowledgement',
        language: 'ru',
        to: 'aigerim@example.com',
        ticket,
        vars: { ...sampleVars().acknowledgement, ticketNumber: ticket.number },
      }),
    );
    if (!queued) throw new Error('not enqueued');
    return queued.id;
  }

  const row = async (id: number): Promise<Row> => {
    const [r] = await rows<Row>(db().db, sql`select status, attempts, last_error_code from outbox where id = ${id}`);
    return { ...r!, attempts: Number(r!.attempts) };
  };

  async function expectHealthSays(ctx: AppContext, text: string): Promise<void> {
    const report = await gatherHealth(ctx, new Date());
    expect(report.reasons).toContain(`outbox: ${text}`);
  }

  it('a refused SMTP login is PD_SMTP_AUTH, a login problem: attempts unspent, sent once SMTP_URL is right', async () => {
    await db().db.execute(sql`delete from outbox`);
    const wrong = configFor({ SMTP_URL: `smtp://desk%40example.com:wrong-password@127.0.0.1:${port}` });
    const id = await enqueue(db(), wrong);
    const { ctx, logs } = run(wrong, createTransport(wrong));

    const line = await waitFor('the error line', () => logs.lines.find((l) => l.level === 'error'));
    expect(line.code).toBe('PD_SMTP_AUTH');
    expect(line.msg).toBe(`SMTP login refused: desk@example.com at 127.0.0.1:${port}; check the user and password in SMTP_URL [PD_SMTP_AUTH]`);
    expect(ctx.status.get('outbox')).toMatchObject({ ok: false, lastError: line.msg });
    expect(JSON.stringify(logs.lines)).not.toContain('wrong-password');
    await waitFor('the row to record it', async () => (await row(id)).last_error_code === 'PD_SMTP_AUTH');
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    await expectHealthSays(ctx, line.msg);

    // SMTP_URL fixed (a restart with the right password): the same row goes out.
    const right = configFor({ SMTP_URL: `smtp://desk%40example.com:${PASSWORD}@127.0.0.1:${port}` });
    const before = accepted;
    run(right, createTransport(right));
    await waitFor('the mail to be sent', async () => (await row(id)).status === 'sent');
    expect(accepted).toBe(before + 1);
  });

  it('an outbox folder that cannot be written is PD_OUTBOX_DIR: checked before claiming, mail waits, then flows', async () => {
    await db().db.execute(sql`delete from outbox`);
    // Tests run as root, where permissions do not stop writes: a file where the folder should be does.
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'pd-outbox-dir-')), 'outbox');
    writeFileSync(dir, 'not a folder');
    const config = configFor({});
    const id = await enqueue(db(), config);
    const { ctx, logs } = run(config, createTransport({ smtp: { kind: 'folder', dir } }));

    const line = await waitFor('the error line', () => logs.lines.find((l) => l.level === 'error'));
    expect(line.code).toBe('PD_OUTBOX_DIR');
    expect(line.msg).toContain(`Outbox folder cannot be written: ${dir} (`);
    expect(line.msg).toContain('for user "');
    expect(ctx.status.get('outbox')).toMatchObject({ ok: false, lastError: line.msg });
    await expectHealthSays(ctx, line.msg);
    // A few pauses later the mail has not been touched: no attempt spent.
    await waitFor('more pauses', () => logs.lines.filter((l) => l.level === 'error').length >= 3);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });

    rmSync(dir);
    await waitFor('the mail to be written', async () => (await row(id)).status === 'sent');
    expect(readdirSync(dir)).toHaveLength(1);
    await waitFor('the status to recover', () => ctx.status.get('outbox')?.ok === true);
  });
});
