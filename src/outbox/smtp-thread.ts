import { PassThrough } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { createGate, type Gate } from '../lifecycle/gate.js';
import { errorFields, WITHDRAWN, type SmtpThreadReply, type SmtpThreadRequest, type SmtpThreadSetup } from './smtp-thread-protocol.js';

// Worker thread entry: the SMTP side of the outbox (see smtp-transport.ts). Composing a mail
// (MIME tree, transfer encoding of 15 KB of HTML) and the SMTP conversation's socket writes cost
// more of the main thread than anything else per request; here they run beside it. A mail is
// composed into its final bytes first; a held one goes out but for its closing dot (protocol).

const port = parentPort;
if (!port) throw new Error('smtp-thread runs only as a worker thread');
const setup = workerData as SmtpThreadSetup;

const transporter = nodemailer.createTransport({
  url: setup.url,
  // Connections kept open and reused (up to 100 mails each, then a fresh one): a new SMTP
  // conversation per mail costs its handshake every time and held a backlog to ~10 mails/s.
  // One mail at a time on each: an outbox worker per connection (SMTP_CONNECTIONS).
  pool: true,
  maxConnections: setup.connections,
  maxMessages: 100,
  // Short enough that a dead server is noticed in seconds; the worker's backoff does the waiting.
  connectionTimeout: setup.timeouts.connectMs,
  greetingTimeout: setup.timeouts.greetingMs,
  socketTimeout: setup.timeouts.socketMs,
});

/** A structured clone turns Buffers into plain Uint8Arrays; nodemailer wants Buffers back. */
function withBuffers(mail: Mail.Options): Mail.Options {
  if (!mail.attachments) return mail;
  return {
    ...mail,
    attachments: mail.attachments.map((a) => {
      const content: unknown = a.content;
      return content instanceof Uint8Array && !Buffer.isBuffer(content) ? { ...a, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength) } : a;
    }),
  };
}

/** The mail's bytes and envelope, as nodemailer's sendMail would have composed them. */
async function compose(mail: Mail.Options): Promise<{ raw: Buffer; envelope: Mail.Envelope }> {
  const node = new MailComposer(withBuffers(mail)).compile();
  const envelope = node.getEnvelope();
  return { raw: await node.build(), envelope };
}

/** The gate of each held mail: opened by `release`, shut by `withdraw`. */
const gates = new Map<number, Gate>();

function newGate(id: number): Gate {
  const g = createGate();
  gates.set(id, g);
  return g;
}

async function send(id: number, mail: Mail.Options, held: Gate | null): Promise<string | null> {
  try {
    const { raw, envelope } = await compose(mail);
    let body: Buffer | PassThrough = raw;
    if (held) {
      // Withdrawn before a byte went out: no conversation at all.
      if (held.shutBy) throw held.shutBy;
      const stream = new PassThrough();
      stream.write(raw);
      // The end of the stream is what makes nodemailer send the closing dot.
      held.settled.then(
        () => stream.end(),
        (err: Error) => stream.destroy(err),
      );
      body = stream;
    }
    const info = await transporter.sendMail({ envelope, raw: body });
    return typeof info.response === 'string' ? info.response.slice(0, 200) : null;
  } finally {
    gates.delete(id);
  }
}

port.on('message', (req: SmtpThreadRequest) => {
  switch (req.kind) {
    case 'close':
      // Closes the pooled connections (QUIT); with nothing left to do the thread then ends.
      for (const g of gates.values()) g.shut(Object.assign(new Error('the SMTP transport closed before the mail was released'), { code: WITHDRAWN }));
      transporter.close();
      port.close();
      return;
    case 'release':
      gates.get(req.id)?.open();
      return;
    case 'withdraw':
      gates.get(req.id)?.shut(Object.assign(new Error('the mail was withdrawn before the server took it'), { code: WITHDRAWN }));
      return;
    case 'send':
      send(req.id, req.mail, req.held ? newGate(req.id) : null).then(
        (response): void => port.postMessage({ id: req.id, ok: true, response } satisfies SmtpThreadReply),
        (err: unknown): void => port.postMessage({ id: req.id, ok: false, error: errorFields(err) } satisfies SmtpThreadReply),
      );
  }
});
port.postMessage('ready' satisfies SmtpThreadReply);
