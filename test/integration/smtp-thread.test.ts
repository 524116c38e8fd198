import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDeliveryError, deliveryErrorCode } from '../../src/outbox/delivery-error.js';
import { holdSend } from '../../src/outbox/held-send.js';
import { createTransport, type OutgoingMail } from '../../src/outbox/transport.js';
import { listenOnLoopback } from '../helpers/smtp-listener.js';

// The SMTP transport composes and sends in a thread of its own (smtp-transport.ts). What crosses
// between the threads must arrive whole, a held mail (held-send.ts) must not be taken before it is
// opened, and a transport that can no longer send must say so in a way the outbox retries.

function mail(n: number, extra: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    outboxId: n,
    createdAt: new Date('2026-12-01T10:00:00Z'),
    from: { name: 'Mexrontal', address: 'help@mexrontal.com' },
    to: 'aigerim.sample@example.com',
    subject: 'Ответ по обращению PD-2026-000042',
    html: '<p>Здравствуйте! Файл во вложении.</p>',
    text: 'Здравствуйте! Файл во вложении.\n',
    messageId: `<pd-thread-${n}@mexrontal.com>`,
    inReplyTo: null,
    references: [],
    headers: {},
    ...extra,
  };
}

describe('SMTP in its own thread', () => {
  const raws: Buffer[] = [];
  let server: Awaited<ReturnType<typeof listenOnLoopback>>;

  beforeAll(async () => {
    server = await listenOnLoopback(
      new SMTPServer({
        disabledCommands: ['STARTTLS', 'AUTH'],
        authOptional: true,
        logger: false,
        onRcptTo(address, _session, callback) {
          if (address.address.startsWith('nobody@')) return callback(Object.assign(new Error('5.1.1 no such user'), { responseCode: 550 }));
          callback();
        },
        onData(stream, _session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            raws.push(Buffer.concat(chunks));
            callback();
          });
        },
      }),
    );
  });
  afterAll(async () => server.close());

  it('delivers attachments byte for byte and returns the server reply', async () => {
    const transport = createTransport({ smtp: { kind: 'smtp', url: `smtp://127.0.0.1:${server.port}`, connections: 1 } });
    try {
      const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const result = await transport.send(mail(1, { attachments: [{ filename: 'все-байты.bin', contentType: 'application/octet-stream', content: every }] }));
      expect(result.response).toMatch(/^250/);
      const parsed = await simpleParser(raws.at(-1)!);
      expect(parsed.messageId).toBe('<pd-thread-1@mexrontal.com>');
      expect(parsed.attachments.map((a) => [a.filename, a.content.equals(every)])).toEqual([['все-байты.bin', true]]);
    } finally {
      transport.close();
    }
  });

  it("rejects with the server's refusal as nodemailer states it: a 550 stays permanent", async () => {
    const transport = createTransport({ smtp: { kind: 'smtp', url: `smtp://127.0.0.1:${server.port}`, connections: 1 } });
    try {
      const err = await transport.send(mail(2, { to: 'nobody@example.com' })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(deliveryErrorCode(err)).toBe('SMTP_550');
      expect(classifyDeliveryError(err)).toBe('permanent');
    } finally {
      transport.close();
    }
  });

  it('a held mail goes out but for its closing dot: the server takes it only once it is opened', async () => {
    const transport = createTransport({ smtp: { kind: 'smtp', url: `smtp://127.0.0.1:${server.port}`, connections: 1 } });
    try {
      const before = raws.length;
      const held = holdSend(transport, mail(11, { subject: 'Ждёт своей очереди' }));
      let taken = false;
      void held.accepted.then(() => (taken = true));
      // Long enough for the whole conversation but the dot; the server has taken nothing.
      await new Promise((r) => setTimeout(r, 300));
      expect(taken).toBe(false);
      expect(raws.length).toBe(before);
      held.open();
      expect((await held.accepted).response).toMatch(/^250/);
      const [parsed] = await Promise.all(raws.slice(before).map((r) => simpleParser(r)));
      expect([parsed?.messageId, parsed?.subject, raws.length - before]).toEqual(['<pd-thread-11@mexrontal.com>', 'Ждёт своей очереди', 1]);
    } finally {
      transport.close();
    }
  });

  it('a withdrawn mail never reaches the server, and the next one goes as usual', async () => {
    const transport = createTransport({ smtp: { kind: 'smtp', url: `smtp://127.0.0.1:${server.port}`, connections: 1 } });
    try {
      await transport.send(mail(20));
      const before = raws.length;
      const held = holdSend(transport, mail(21));
      await new Promise((r) => setTimeout(r, 200));
      await held.withdraw();
      await expect(held.accepted).rejects.toThrow();
      await transport.send(mail(22));
      const ids = (await Promise.all(raws.slice(before).map((r) => simpleParser(r)))).map((p) => p.messageId);
      expect(ids).toEqual(['<pd-thread-22@mexrontal.com>']);
    } finally {
      transport.close();
    }
  });

  it('after close() a send fails as ESMTPTHREAD, which the outbox retries', async () => {
    const transport = createTransport({ smtp: { kind: 'smtp', url: `smtp://127.0.0.1:${server.port}`, connections: 1 } });
    await transport.send(mail(3));
    transport.close();
    const err = await transport.send(mail(4)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(deliveryErrorCode(err)).toBe('ESMTPTHREAD');
    expect(classifyDeliveryError(err)).toBe('transient');
  });
});
