import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTransport } from '../../src/outbox/transport.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { linkFormToken } from '../../src/web/staff/routes-signin.js';
import { describeEachDb } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';
import { get, loginMail, postForm, sessionCookie, cookiePair, startBoard, type Board } from './staff-board-support.js';

// The sign-in mail the way staff get it: sent by the real outbox worker to a real SMTP listener,
// its link taken from the delivered mail and used in the browser's two steps.

describeEachDb('staff board sign-in by mail', (db) => {
  let b: Board;
  let smtp: SMTPServer;
  const delivered: Buffer[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          delivered.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    const port = (smtp.server.address() as AddressInfo).port;
    b = await startBoard(db(), { SMTP_URL: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await b?.web.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('delivers a working single-use link; the outbox keeps none', async () => {
    const transport = createTransport(b.fx.config);
    const worker = createOutboxWorker(b.fx.ctx, transport, { intervalMs: 100 });
    worker.start();
    try {
      expect((await postForm(b, '/staff/login', { email: 'lena@desk.example.org' })).status).toBe(200);
      const raw = await waitFor('the sign-in mail at the SMTP listener', () => delivered.find((m) => m.toString('utf8').includes('lena@desk.example.org')));
      const mail = await simpleParser(raw);
      expect(mail.subject).toBe('Your sign-in link to the staff board');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      const token = /\/staff\/login\/([A-Za-z0-9_-]{43})\b/.exec(mail.text ?? '')?.[1];
      expect(token).toBeDefined();
      expect(mail.html || '').toContain(`/staff/login/${token}`);
      const row = (await loginMail(db(), 'lena@desk.example.org'))!;
      expect(row.status).toBe('sent');
      expect(`${row.subject}${row.text}${row.html}`).not.toContain(token);

      expect((await get(b, `/staff/login/${token}`)).status).toBe(200);
      const res = await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token!) });
      expect(res.status).toBe(303);
      const cookie = cookiePair(sessionCookie(res)!);
      const queue = await get(b, '/staff/tickets', cookie);
      expect(queue.status).toBe(200);
      expect(await queue.text()).toContain('lena@desk.example.org');
      expect((await postForm(b, `/staff/login/${token}`, { form_token: linkFormToken(b.fx.config.secret, token!) })).status).toBe(410);
    } finally {
      await worker.stop();
      transport.close();
    }
  });
});
