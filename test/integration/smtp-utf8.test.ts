import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDeliveryError } from '../../src/outbox/delivery-error.js';
import { createTransport, type MailTransport, type OutgoingMail } from '../../src/outbox/transport.js';
import { listenOnLoopback } from '../helpers/smtp-listener.js';

// What the SMTP transport puts on the wire for internationalised addresses (issue 13): a Unicode
// domain goes out as punycode, a non-ASCII local part asks for SMTPUTF8 where the server offers
// it, and a server that does not refuses the mail permanently (the outbox then records
// PD_SMTP_UNICODE_ADDRESS and tells staff).

interface Received {
  from: string;
  fromArgs: Record<string, unknown>;
  to: string[];
  raw: string;
}

/** Collects the client's command lines ("C: RCPT TO:<...>") from smtp-server's protocol log. */
function commandLog(lines: string[]) {
  const keep = (_meta: unknown, message: unknown, ...args: unknown[]) => {
    const text = [message, ...args].map(String).join(' ');
    if (text.startsWith('C:')) lines.push(text);
  };
  const quiet = () => {};
  return { trace: quiet, debug: keep, info: keep, warn: quiet, error: quiet, fatal: quiet, child: () => commandLog(lines) };
}

async function startServer(offersUtf8: boolean) {
  const received: Received[] = [];
  const commands: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: commandLog(commands) as unknown as boolean,
    hideSMTPUTF8: !offersUtf8,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      // What a server without SMTPUTF8 does with a local part it cannot take.
      if (!offersUtf8 && /[^\x00-\x7f]/.test(address.address)) return callback(Object.assign(new Error('5.6.7 non-ASCII address not supported'), { responseCode: 553 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom ? mailFrom.address : '',
          fromArgs: (mailFrom ? mailFrom.args : {}) as Record<string, unknown>,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  return { received, commands, ...(await listenOnLoopback(server)) };
}

function mail(to: string, n: number): OutgoingMail {
  return {
    outboxId: n,
    createdAt: new Date('2026-12-01T10:00:00Z'),
    from: { name: 'Mexrontal', address: 'help@mexrontal.com' },
    to,
    subject: 'Подтвердите ваше обращение',
    html: '<p>Здравствуйте! Ссылка: <a href="https://desk.example/confirm/x">подтвердить</a></p>',
    text: 'Здравствуйте! Ссылка: https://desk.example/confirm/x\n',
    messageId: `<pd-utf8-${n}@mexrontal.com>`,
    inReplyTo: '<request@example.com>',
    references: ['<request@example.com>'],
    headers: { 'Auto-Submitted': 'auto-replied' },
  };
}

describe('SMTP transport and internationalised addresses', () => {
  let utf8: Awaited<ReturnType<typeof startServer>>;
  let ascii: Awaited<ReturnType<typeof startServer>>;
  let toUtf8: MailTransport;
  let toAscii: MailTransport;

  beforeAll(async () => {
    utf8 = await startServer(true);
    ascii = await startServer(false);
    toUtf8 = createTransport({ smtp: { kind: 'smtp', url: `smtp://127.0.0.1:${utf8.port}`, connections: 1 } });
    toAscii = createTransport({ smtp: { kind: 'smtp', url: `smtp://127.0.0.1:${ascii.port}`, connections: 1 } });
  });
  afterAll(async () => {
    toUtf8?.close();
    toAscii?.close();
    await utf8?.close();
    await ascii?.close();
  });

  it('sends the whole mail as composed: headers, thread and both parts', async () => {
    await toUtf8.send(mail('anna@example.com', 1));
    const got = utf8.received.at(-1)!;
    expect(got).toMatchObject({ from: 'help@mexrontal.com', to: ['anna@example.com'] });
    expect(got.raw).toMatch(/^Message-ID: <pd-utf8-1@mexrontal\.com>\r$/m);
    expect(got.raw).toMatch(/^In-Reply-To: <request@example\.com>\r$/m);
    expect(got.raw).toMatch(/^Auto-Submitted: auto-replied\r$/m);
    expect(got.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(got.raw).toMatch(/Content-Type: text\/html/);
  });

  it('sends a Unicode domain as punycode, with no SMTPUTF8 asked', async () => {
    utf8.commands.length = 0;
    await toUtf8.send(mail('anna@пример.рф', 2));
    expect(utf8.commands).toContain('C: RCPT TO:<anna@xn--e1afmkfd.xn--p1ai>');
    expect(utf8.commands.find((c) => c.startsWith('C: MAIL FROM'))).toBe('C: MAIL FROM:<help@mexrontal.com>');
  });

  it('asks for SMTPUTF8 for a non-ASCII local part where the server offers it', async () => {
    utf8.commands.length = 0;
    await toUtf8.send(mail('jdöe@xn--mchine-bua.example', 3));
    // Under SMTPUTF8 the whole address may be UTF-8, and nodemailer sends the domain so.
    expect(utf8.commands).toContain('C: RCPT TO:<jdöe@mächine.example>');
    expect(utf8.commands.find((c) => c.startsWith('C: MAIL FROM'))).toBe('C: MAIL FROM:<help@mexrontal.com> SMTPUTF8');
  });

  it('is refused permanently by a server without SMTPUTF8, and nothing is delivered', async () => {
    const before = ascii.received.length;
    const err = await toAscii.send(mail('jdöe@xn--mchine-bua.example', 4)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(classifyDeliveryError(err)).toBe('permanent');
    expect(ascii.received.length).toBe(before);
  });
});
