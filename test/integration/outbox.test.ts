import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import { rows } from '../../src/db/client.js';
import { weekdayCalendar } from '../../src/deadlines/working-days.js';
import { StatusBoard } from '../../src/lifecycle/status.js';
import { silentLogger } from '../../src/log.js';
import { outboxBacklog } from '../../src/outbox/backlog.js';
import { enqueueMail } from '../../src/outbox/enqueue.js';
import { parseOurMessageId } from '../../src/outbox/message-id.js';
import { createRenderer, type Renderer } from '../../src/outbox/render.js';
import { sampleVars } from '../../src/outbox/samples.js';
import { createTransport, type MailTransport } from '../../src/outbox/transport.js';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../../src/outbox/worker.js';
import { describeEachDb } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';

// The outbox against the real things: a database (PostgreSQL and PGlite) and an SMTP listener
// (smtp-server on loopback) whose answers each test scripts. Nothing here asserts on time; every
// wait polls for the expected state with a generous limit.

const SECRET = 'outbox-test-secret-outbox-test-secret-0001';

/** A real SMTP server on 127.0.0.1 that records what it accepted and answers as scripted. */
class Listener {
  accepted: Array<{ raw: Buffer; rcptTo: string[]; mailFrom: string; messageId: string }> = [];
  attempts = 0;
  /** The reply to the n-th DATA (1-based): 250 accepts, anything else refuses with that code. */
  respond: (n: number) => number | Promise<number> = () => 250;
  port = 0;
  private server: SMTPServer | undefined;

  async start(port = this.port): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const n = ++this.attempts;
          void Promise.resolve(this.respond(n)).then((code) => {
            if (code !== 250) {
              callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
              return;
            }
            const raw = Buffer.concat(chunks);
            this.accepted.push({
              raw,
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              messageId: /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw.toString('utf8'))?.[1] ?? '',
            });
            callback();
          });
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  count(messageId: string): number {
    return this.accepted.filter((a) => a.messageId === messageId).length;
  }
}

interface Row {
  id: number;
  status: string;
  attempts: number;
  last_error: string | null;
  last_error_code: string | null;
  message_id: string;
  locked_by: string | null;
}

describeEachDb('outbox', (db, kind) => {
  let renderer: Renderer;
  const listener = new Listener();
  const workers: OutboxWorker[] = [];
  const transports: MailTransport[] = [];
  let config: Config;

  beforeAll(async () => {
    await listener.start();
    config = loadConfig({
      APP_SECRET: SECRET,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-outbox-')),
      SMTP_URL: `smtp://127.0.0.1:${listener.port}`,
      ORG_NAME: 'Mexrontal',
      SUPPORT_ADDRESS: 'help@mexrontal.com',
      // These tests queue dozens of mails to one requester on purpose; the cap has its own test.
      MAIL_CAP_PER_RECIPIENT: '1000',
    });
    renderer = await createRenderer(config);
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    for (const t of transports.splice(0)) t.close();
    listener.respond = () => 250;
    if (!listener.running) await listener.start();
    // Each test starts from an empty outbox; sent rows of earlier tests would only confuse counts.
    await db().db.execute(sql`delete from outbox`);
  });

  afterAll(async () => {
    await listener.stop();
  });

  function context(status = new StatusBoard()): AppContext {
    return { config, database: db(), log: silentLogger(), status, now: () => new Date(), calendar: weekdayCalendar };
  }

  function startWorker(opts: OutboxWorkerOptions = {}, ctx = context(), transport?: MailTransport): OutboxWorker {
    const t = transport ?? createTransport(config);
    transports.push(t);
    const w = createOutboxWorker(ctx, t, {
      intervalMs: 50,
      retry: { baseMs: 50, capMs: 200 },
      outage: { baseMs: 100, maxMs: 400, jitterMs: 0 },
      ...opts,
    });
    workers.push(w);
    w.start();
    return w;
  }

  let ticketSeq = 0;
  async function newTicket(): Promise<{ id: number; number: string }> {
    const number = `DSR-2026-${String(++ticketSeq + (kind === 'postgres' ? 500_000 : 0)).padStart(6, '0')}`;
    const [r] = await rows<{ id: string | number }>(
      db().db,
      sql`insert into tickets (number, requester_email, language, received_at) values (${number}, 'aigerim@example.com', 'ru', now()) returning id`,
    );
    return { id: Number(r!.id), number };
  }

  /** The outbox row, or null when the dedup key was already there. */
  function tryEnqueueAck(ticket: { id: number; number: string }, extra: { dedupKey?: string; maxAttempts?: number } = {}) {
    return db().db.transaction((tx) =>
      enqueueMail(tx, { config, renderer, now: () => new Date() }, {
        template: 'acknowledgement',
        language: 'ru',
        to: 'aigerim@example.com',
        ticket,
        vars: { ...sampleVars().acknowledgement, ticketNumber: ticket.number },
        ...extra,
      }),
    );
  }

  async function enqueueAck(ticket: { id: number; number: string }, extra: { dedupKey?: string; maxAttempts?: number } = {}) {
    const r = await tryEnqueueAck(ticket, extra);
    if (!r) throw new Error('not enqueued');
    return r;
  }

  const outboxRow = async (id: number): Promise<Row> => {
    const [r] = await rows<Row>(
      db().db,
      sql`select id, status, attempts, last_error, last_error_code, message_id, locked_by from outbox where id = ${id}`,
    );
    return { ...r!, id: Number(r!.id), attempts: Number(r!.attempts) };
  };
  const events = async (ticketId: number) =>
    rows<{ kind: string; actor: string; data: Record<string, unknown> }>(
      db().db,
      sql`select kind, actor, data from ticket_events where ticket_id = ${ticketId} order by id`,
    );

  it('delivers the rendered mail with our Message-ID, thread and RFC 3834 headers', async () => {
    const ticket = await newTicket();
    const hostile = 'Evil\r\nBcc: victim@example.com\r\nX-Injected: yes';
    const queued = await db().db.transaction((tx) =>
      enqueueMail(tx, { config, renderer, now: () => new Date() }, {
        template: 'confirm_request',
        language: 'en',
        to: 'aigerim@example.com',
        ticket,
        vars: { ...sampleVars().confirm_request, ticketNumber: ticket.number, requesterName: hostile },
        threading: { inReplyTo: '<orig-1@mail.example.com>', references: ['<root@mail.example.com>'] },
      }),
    );
    expect(queued).not.toBeNull();
    startWorker();
    await waitFor('the mail to be accepted', () => listener.count(queued!.messageId) === 1);

    const got = listener.accepted.find((a) => a.messageId === queued!.messageId)!;
    expect(got.rcptTo).toEqual(['aigerim@example.com']);
    expect(got.mailFrom).toBe('help@mexrontal.com');
    const mail: ParsedMail = await simpleParser(got.raw);
    expect(mail.messageId).toBe(queued!.messageId);
    expect(parseOurMessageId(mail.messageId!, SECRET)).toEqual({ ticketNumber: ticket.number });
    expect(mail.subject).toBe(`[${ticket.number}] Please confirm your personal data request`);
    expect(mail.from?.value[0]).toEqual({ name: 'Mexrontal', address: 'help@mexrontal.com' });
    expect(mail.inReplyTo).toBe('<orig-1@mail.example.com>');
    expect(mail.references).toEqual(['<root@mail.example.com>', '<orig-1@mail.example.com>']);
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
    // The hostile name stayed inside the body: no header was added through it.
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.headers.has('x-injected')).toBe(false);
    expect(mail.html).toContain(ticket.number);
    expect(mail.html).toContain('https://desk.example.com/confirm/tok_abc123');
    expect(mail.text).toContain(ticket.number);
    // Nor in the body: mail to an address nobody confirmed greets no one by name (sender-text.ts).
    expect(mail.text).not.toContain('victim@example.com');

    await waitFor('the row to be sent', async () => (await outboxRow(queued!.id)).status === 'sent');
    const ev = await events(ticket.id);
    expect(ev.map((e) => e.kind)).toEqual(['mail_sent']);
    expect(ev[0]!.actor).toBe('system');
    expect(ev[0]!.data).toMatchObject({ outboxId: queued!.id, template: 'confirm_request', messageId: queued!.messageId });
  });

  it('writes nothing when the transaction rolls back, and a dedup key only once', async () => {
    const ticket = await newTicket();
    await expect(
      db().db.transaction(async (tx) => {
        await enqueueMail(tx, { config, renderer, now: () => new Date() }, {
          template: 'closing',
          language: 'kk',
          to: 'aigerim@example.com',
          ticket,
          vars: { ...sampleVars().closing, ticketNumber: ticket.number },
        });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    expect((await outboxBacklog(db().db)).pending).toBe(0);

    const first = await enqueueAck(ticket, { dedupKey: `ack:${ticket.id}` });
    const again = await tryEnqueueAck(ticket, { dedupKey: `ack:${ticket.id}` });
    expect(again).toBeNull();
    const backlog = await outboxBacklog(db().db);
    expect(backlog.pending).toBe(1);
    expect(backlog.oldestPendingSeconds).toBeGreaterThanOrEqual(0);
    expect((await outboxRow(first.id)).status).toBe('pending');
  });

  it('retries a 451 and delivers the mail once', async () => {
    const ticket = await newTicket();
    let refused = false;
    listener.respond = () => {
      if (refused) return 250;
      refused = true;
      return 451;
    };
    const queued = await enqueueAck(ticket);
    startWorker();
    await waitFor('the row to be sent', async () => (await outboxRow(queued.id)).status === 'sent');
    const row = await outboxRow(queued.id);
    expect(row.attempts).toBe(2);
    expect(row.locked_by).toBeNull();
    expect(listener.count(queued.messageId)).toBe(1);
    expect((await events(ticket.id)).map((e) => e.kind)).toEqual(['mail_sent']);
  });

  it('records a 550 as a permanent failure on the ticket', async () => {
    const ticket = await newTicket();
    listener.respond = () => 550;
    const status = new StatusBoard();
    const queued = await enqueueAck(ticket);
    startWorker({}, context(status));
    await waitFor('the row to fail', async () => (await outboxRow(queued.id)).status === 'failed');
    const row = await outboxRow(queued.id);
    expect(row.attempts).toBe(1);
    expect(row.last_error_code).toBe('SMTP_550');
    expect(row.last_error).toMatch(/550/);
    expect(listener.count(queued.messageId)).toBe(0);
    const ev = await events(ticket.id);
    expect(ev.map((e) => e.kind)).toEqual(['mail_failed']);
    expect(ev[0]!.data).toMatchObject({ outboxId: queued.id, permanent: true, errorCode: 'SMTP_550', to: 'aigerim@example.com' });
    expect((await outboxBacklog(db().db)).failed).toBe(1);
    expect(status.counter('outbox_failed_total{template="acknowledgement"}')).toBe(1);
  });

  it('gives a mail up when its attempts are used up on 4xx answers', async () => {
    const ticket = await newTicket();
    listener.respond = () => 452;
    const queued = await enqueueAck(ticket, { maxAttempts: 3 });
    startWorker();
    await waitFor('the row to fail', async () => (await outboxRow(queued.id)).status === 'failed');
    const row = await outboxRow(queued.id);
    expect(row.attempts).toBe(3);
    expect(row.last_error_code).toBe('SMTP_452');
    const ev = await events(ticket.id);
    expect(ev.map((e) => e.kind)).toEqual(['mail_failed']);
    expect(ev[0]!.data).toMatchObject({ permanent: false, attempts: 3 });
  });

  it('waits out an SMTP outage without using attempts, then drains the backlog', async () => {
    await listener.stop();
    const ticket = await newTicket();
    const queued: Array<{ id: number; messageId: string }> = [];
    for (let i = 0; i < 5; i++) queued.push(await enqueueAck(ticket));
    const status = new StatusBoard();
    startWorker({}, context(status));

    await waitFor('the worker to notice the outage', () => status.get('outbox')?.ok === false);
    await waitFor('the outage to be recorded on a row', async () => (await outboxRow(queued[0]!.id)).last_error_code !== null);
    const during = await outboxRow(queued[0]!.id);
    expect(during.status).toBe('pending');
    expect(during.attempts).toBe(0);
    expect(['ECONNECTION', 'ECONNREFUSED', 'ESOCKET']).toContain(during.last_error_code);

    await listener.start();
    await waitFor('every mail to be sent', async () => {
      const r = await Promise.all(queued.map((q) => outboxRow(q.id)));
      return r.every((x) => x.status === 'sent');
    });
    for (const q of queued) expect(listener.count(q.messageId)).toBe(1);
    await waitFor('the worker to report health again', () => status.get('outbox')?.ok === true);
  });

  it('a record that fails withdraws the mail started after it: each mail is taken by the server once', async () => {
    const ticket = await newTicket();
    const queued: Array<{ id: number; messageId: string }> = [];
    for (let i = 0; i < 3; i++) queued.push(await enqueueAck(ticket));
    // The first "sent" record fails once, as a database that goes away would make it; a sequence
    // is not rolled back with the failing statement, so it fails only the first time.
    await db().db.execute(sql.raw(`create sequence record_fails_once`));
    await db().db.execute(
      sql.raw(`create function record_fails_once() returns trigger language plpgsql as $$
        begin
          if new.status = 'sent' and new.id = ${queued[0]!.id} and nextval('record_fails_once') = 1 then
            raise exception 'recording refused for the test';
          end if;
          return new;
        end $$`),
    );
    await db().db.execute(sql.raw(`create trigger record_fails_once before update on outbox for each row execute function record_fails_once()`));
    try {
      startWorker({ batchSize: 3 });
      await waitFor('every mail recorded as sent', async () => (await Promise.all(queued.map((q) => outboxRow(q.id)))).every((r) => r.status === 'sent'));
      // The second mail was on the wire, held short of its closing dot, when the record failed.
      expect(queued.map((q) => listener.count(q.messageId))).toEqual([1, 1, 1]);
    } finally {
      await db().db.execute(sql.raw(`drop trigger record_fails_once on outbox`));
      await db().db.execute(sql.raw(`drop function record_fails_once()`));
      await db().db.execute(sql.raw(`drop sequence record_fails_once`));
    }
  });

  it('finishes the mail in hand on stop() and hands the rest of the batch back', async () => {
    const ticket = await newTicket();
    let releaseFirst: () => void = () => {};
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    let inFlight = false;
    listener.respond = async () => {
      if (!inFlight) {
        inFlight = true;
        await firstHeld;
      }
      return 250;
    };
    const queued: Array<{ id: number; messageId: string }> = [];
    for (let i = 0; i < 4; i++) queued.push(await enqueueAck(ticket));
    const worker = startWorker({ batchSize: 4 });
    await waitFor('the first mail to be in flight', () => inFlight);
    const stopped = worker.stop();
    releaseFirst();
    await stopped;

    const after = await Promise.all(queued.map((q) => outboxRow(q.id)));
    expect(after.map((r) => r.status)).toEqual(['sent', 'pending', 'pending', 'pending']);
    expect(after.slice(1).every((r) => r.attempts === 0 && r.locked_by === null)).toBe(true);
    expect(listener.accepted.filter((a) => queued.some((q) => q.messageId === a.messageId))).toHaveLength(1);
  });

  it('sweeps a row left in sending by a dead worker back into the queue', async () => {
    const ticket = await newTicket();
    const queued = await enqueueAck(ticket);
    const spent = await enqueueAck(ticket, { maxAttempts: 1 });
    await db().db.execute(
      sql`update outbox set status = 'sending', attempts = 1, locked_by = 'dead-worker', locked_at = now() - interval '1 hour'
           where id in (${queued.id}, ${spent.id})`,
    );
    startWorker({ staleAfterMs: 60_000, sweepEveryMs: 0 });
    await waitFor('the stale row to be sent', async () => (await outboxRow(queued.id)).status === 'sent');
    expect(listener.count(queued.messageId)).toBe(1);
    const gaveUp = await outboxRow(spent.id);
    expect(gaveUp.status).toBe('failed');
    expect(gaveUp.last_error_code).toBe('STALE_LOCK');
    expect((await events(ticket.id)).map((e) => e.kind).sort()).toEqual(['mail_failed', 'mail_sent']);
  });

  it('writes .eml files in local mode', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pd-outbox-folder-'));
    const ticket = await newTicket();
    const queued = await enqueueAck(ticket);
    const folder = createTransport({ smtp: { kind: 'folder', dir: path.join(dir, 'out') } });
    startWorker({}, context(), folder);
    await waitFor('the row to be sent', async () => (await outboxRow(queued.id)).status === 'sent');
    const files = readdirSync(path.join(dir, 'out'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z-${queued.id}\\.eml$`));
    const mail = await simpleParser(readFileSync(path.join(dir, 'out', files[0]!)));
    expect(mail.messageId).toBe(queued.messageId);
    expect(mail.subject).toContain(ticket.number);
    expect(mail.headers.get('auto-submitted')).toBe('auto-replied');
  });

  it.skipIf(kind === 'pglite')('shares one backlog between workers without sending a row twice', async () => {
    const ticket = await newTicket();
    const N = 60;
    const queued: Array<{ id: number; messageId: string }> = [];
    for (let i = 0; i < N; i++) queued.push(await enqueueAck(ticket));
    // A little delay per mail makes the workers' claims overlap in time.
    listener.respond = () => new Promise((r) => setTimeout(() => r(250), 5));
    const sentBy = new Map<string, number>();
    for (let i = 0; i < 3; i++) {
      const inner = createTransport(config);
      const worker: { id?: string } = {};
      const counting: MailTransport = {
        kind: inner.kind,
        send: async (m) => {
          const r = await inner.send(m);
          sentBy.set(worker.id!, (sentBy.get(worker.id!) ?? 0) + 1);
          return r;
        },
        close: () => inner.close(),
      };
      worker.id = startWorker({ batchSize: 3, workerId: `w${i}` }, context(), counting).id;
    }
    await waitFor('the backlog to drain', async () => (await outboxBacklog(db().db)).pending === 0 && (await outboxBacklog(db().db)).sending === 0);
    for (const q of queued) expect(listener.count(q.messageId), q.messageId).toBe(1);
    expect([...sentBy.values()].reduce((a, b) => a + b, 0)).toBe(N);
    const sent = await rows<{ n: number }>(db().db, sql`select count(*)::int as n from outbox where status = 'sent'`);
    expect(Number(sent[0]!.n)).toBe(N);
    const ev = await rows<{ n: number }>(db().db, sql`select count(*)::int as n from ticket_events where ticket_id = ${ticket.id} and kind = 'mail_sent'`);
    expect(Number(ev[0]!.n)).toBe(N);
  });
});
