import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '../helpers/db.js';
import { requireEnv } from '../helpers/env.js';
import { appendMessage, imapUrl, newImapUser } from '../helpers/imap.js';
import { buildMail } from '../helpers/mail.js';
import { databaseUrl } from '../helpers/pg-url.js';
import { cliArgs, repoRoot, startService, waitWithService, type ServiceProcess } from '../helpers/service.js';
import { sql } from 'drizzle-orm';
import { rows } from '../../src/db/client.js';

// The whole staff loop, as people live it, against the real service process: a request arrives,
// the requester confirms on the web page, staff get the notice and answer it from their mail client
// (`#extend 5` and a text, with the history quoted below), the answer reaches the requester without
// the quote, the requester writes back, staff see it, `#close` sends the closing mail, and
// `ticket show` tells the story in order. Once with Dovecot and an SMTP listener, once in local
// mode (mail dropped into DATA_DIR/mail/inbox, sent mail read from DATA_DIR/mail/outbox).

const run = promisify(execFile);
const SUPPORT = 'help@mexrontal.com';
const STAFF = 'lena@staff.example.com';

interface Sent {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  attachments: Array<{ filename: string | undefined; content: string }>;
}

interface Post {
  /** Puts one mail where the service reads mail. */
  deliver(raw: Buffer): Promise<void>;
  /** Every mail the service has sent so far. */
  sent(): Promise<Sent[]>;
}

async function toSent(raw: Buffer | NodeJS.ReadableStream, to?: string[]): Promise<Sent> {
  const m = await simpleParser(raw as Buffer);
  const addresses = to ?? (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));
  return {
    to: addresses,
    subject: m.subject ?? '',
    text: m.text ?? '',
    messageId: m.messageId ?? '',
    inReplyTo: m.inReplyTo ?? null,
    attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content.toString('utf8') })),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Confirms as a person would: opens the link, then presses the button (a same-origin form POST). */
async function confirmByWeb(link: string): Promise<void> {
  const page = await fetch(link);
  const html = await page.text();
  const formToken = /name="form_token" value="([^"]+)"/.exec(html)?.[1];
  if (!formToken) throw new Error(`no confirmation form on ${link}`);
  const origin = new URL(link).origin;
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ action: 'confirm', form_token: formToken }).toString(),
  });
  expect(res.status).toBe(200);
}

async function staffStory(svc: ServiceProcess, post: Post, env: Record<string, string>): Promise<void> {
  const requester = `aigerim.${Date.now()}@example.com`;
  const mailTo = (to: string, template: RegExp) => async () => (await post.sent()).find((m) => m.to.includes(to) && template.test(m.subject));

  // 1. The request, and the confirmation link it gets.
  await post.deliver(buildMail({ from: `Aigerim Test <${requester}>`, messageId: '<request-1@example.com>', body: 'Здравствуйте! Прошу удалить мой аккаунт и все мои данные.\n\nАйгерим' }));
  const confirm = await waitWithService(svc, 'the confirmation mail', mailTo(requester, /./));
  const link = /https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/.exec(confirm.text)?.[0];
  expect(link).toBeDefined();
  const number = /DSR-\d{4}-\d{6}/.exec(confirm.subject)![0];
  await confirmByWeb(link!);

  // 2. The staff notice: the request, the rights with the classifier's figure, the commands.
  const notice = await waitWithService(svc, 'the staff notice', mailTo(STAFF, new RegExp(number)));
  expect(notice.text).toContain('Прошу удалить мой аккаунт');
  expect(notice.text).toMatch(/erasure \d+%/);
  expect(notice.text).toContain('#extend');

  // 3. Staff answer from their mail client: a command, the text, a file, their signature and the quote.
  await post.deliver(
    buildMail({
      from: `Lena Staff <${STAFF}>`,
      to: SUPPORT,
      subject: `Re: [${number}] Новое обращение`,
      inReplyTo: notice.messageId,
      references: [notice.messageId],
      body: `#extend 5 данные в архиве на ленте\nЗдравствуйте! Нам нужно чуть больше времени: архивная копия хранится на ленте.\n\n--\nЛена, служба защиты данных\n\n${new Date().toUTCString()}, Privacy Desk <${SUPPORT}>:\n> Прошу удалить мой аккаунт и все мои данные.`,
      attachments: [{ filename: 'plan.txt', contentType: 'text/plain', content: Buffer.from('шаги удаления') }],
    }),
  );
  const extended = await waitWithService(svc, 'the due date mail to the requester', async () =>
    (await post.sent()).filter((m) => m.to.includes(requester) && m.subject.includes(number)).length >= 4 ? (await post.sent()).filter((m) => m.to.includes(requester)) : false,
  );
  const relay = extended.find((m) => m.text.includes('архивная копия хранится на ленте'))!;
  expect(relay).toBeDefined();
  expect(relay.text).not.toContain('> Прошу удалить');
  expect(relay.text).not.toContain('Лена, служба');
  expect(relay.text).not.toContain('#extend');
  expect(relay.attachments).toEqual([{ filename: 'plan.txt', content: 'шаги удаления' }]);
  expect(relay.inReplyTo).toBe('<request-1@example.com>');
  // The extension is told in its own mail, with the reason staff gave.
  expect(extended.some((m) => m !== relay && m.text.includes('данные в архиве на ленте'))).toBe(true);

  // 4. The requester writes back in the thread; staff see it.
  await post.deliver(
    buildMail({ from: `Aigerim Test <${requester}>`, subject: `Re: ${relay.subject}`, inReplyTo: relay.messageId, references: [relay.messageId], body: 'Спасибо, жду.\n\n> старое' }),
  );
  const followUp = await waitWithService(svc, 'the follow-up at staff', async () =>
    (await post.sent()).find((m) => m.to.includes(STAFF) && m.subject.includes(number) && m.text.includes('Спасибо, жду')),
  );

  // 5. Staff close it with an answer; the requester gets the closing mail.
  await post.deliver(
    buildMail({ from: `Lena Staff <${STAFF}>`, subject: `Re: ${followUp.subject}`, inReplyTo: followUp.messageId, references: [followUp.messageId], body: '#close Ваш аккаунт и данные удалены.' }),
  );
  await waitWithService(svc, 'the closing mail', async () =>
    (await post.sent()).find((m) => m.to.includes(requester) && m.text.includes('Ваш аккаунт и данные удалены')),
  );

  // 6. `ticket show` tells it in order.
  const show = await run(process.execPath, cliArgs('ticket', 'show', number, '--json'), { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env } });
  const ticket = JSON.parse(show.stdout.trim().split('\n').at(-1)!) as { status: string; events: Array<{ kind: string }> };
  expect(ticket.status).toBe('closed');
  const kinds = ticket.events.map((e) => e.kind);
  const story = ['confirmation_sent', 'confirmed', 'extended', 'reply_relayed', 'message_received', 'closed'];
  let at = -1;
  for (const kind of story) {
    const next = kinds.indexOf(kind, at + 1);
    expect(next, `${kind} after ${story.slice(0, story.indexOf(kind)).join(', ')} in ${kinds.join(', ')}`).toBeGreaterThan(at);
    at = next;
  }
}

describe.skipIf(!dbKinds().includes('postgres'))('staff answer in the thread, end to end through Dovecot and SMTP [postgres]', () => {
  let t: TestDatabase;
  let smtp: SMTPServer;
  const caught: Sent[] = [];
  let smtpPort = 0;

  beforeAll(async () => {
    t = await createTestDatabase('postgres');
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        toSent(stream, session.envelope.rcptTo.map((r) => r.address)).then(
          (m) => {
            caught.push(m);
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await t?.close();
  });

  it('request, confirmation, notice, #extend with text, relay without the quote, follow-up, #close, and ticket show', async () => {
    const [{ name }] = (await rows<{ name: string }>(t.database.db, sql`select current_database() as name`)) as [{ name: string }];
    const user = newImapUser('staffe2e');
    const port = await freePort();
    const env = {
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-staff-e2e-')),
      DATABASE_URL: databaseUrl(requireEnv('PD_TEST_PG_URL'), name),
      IMAP_URL: imapUrl(user),
      IMAP_START: 'all',
      IMAP_POLL_SECONDS: '5',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SUPPORT_ADDRESS: SUPPORT,
      STAFF_ADDRESSES: '@staff.example.com',
      STAFF_NOTIFY_ADDRESS: STAFF,
      HTTP_PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      APP_SECRET: 'staff-e2e-secret-staff-e2e-secret-0001',
    };
    const svc = startService(env);
    try {
      await staffStory(svc, { deliver: (raw) => appendMessage(user, 'INBOX', raw).then(() => undefined), sent: async () => caught }, env);
    } finally {
      svc.child.kill('SIGTERM');
    }
    expect(await svc.exited).toBe(0);
  }, 300_000);
});

describe('staff answer in the thread, end to end in local mode [pglite]', () => {
  it('the same story with mail dropped into the inbox folder and read from the outbox folder', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-staff-local-'));
    const inbox = path.join(dataDir, 'mail', 'inbox');
    const outboxDir = path.join(dataDir, 'mail', 'outbox');
    mkdirSync(inbox, { recursive: true });
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      SUPPORT_ADDRESS: SUPPORT,
      STAFF_ADDRESSES: '@staff.example.com',
      STAFF_NOTIFY_ADDRESS: STAFF,
      HTTP_PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    };
    let n = 0;
    const post: Post = {
      // Written aside, then renamed in: the service never sees half a file.
      async deliver(raw) {
        const tmp = path.join(dataDir, `drop-${++n}.tmp`);
        writeFileSync(tmp, raw);
        renameSync(tmp, path.join(inbox, `mail-${String(n).padStart(3, '0')}.eml`));
      },
      async sent() {
        let files: string[] = [];
        try {
          files = readdirSync(outboxDir).filter((f) => f.endsWith('.eml')).sort();
        } catch {
          return [];
        }
        return Promise.all(files.map((f) => toSent(readFileSync(path.join(outboxDir, f)))));
      },
    };
    const svc = startService(env);
    try {
      await staffStory(svc, post, env);
    } finally {
      svc.child.kill('SIGTERM');
    }
    expect(await svc.exited).toBe(0);
  }, 300_000);
});

