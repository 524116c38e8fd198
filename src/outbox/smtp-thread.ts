import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { AHEAD_LOST, AHEAD_MAX, errorFields, type AheadMail, type SmtpThreadReply, type SmtpThreadRequest, type SmtpThreadSetup } from './smtp-thread-protocol.js';

// Worker thread entry: the SMTP side of the outbox (see smtp-transport.ts). Composing a mail
// (MIME tree, transfer encoding of 15 KB of HTML) and the SMTP conversation's socket writes cost
// more of the main thread than anything else per request; here they run beside it. A mail is
// composed into its final bytes first, ahead of time when the outbox says which comes next, and
// those bytes are what goes on the wire.

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

interface Composed {
  messageId: string;
  ready: Promise<{ raw: Buffer; envelope: Mail.Envelope }>;
}

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
function compose(messageId: string, mail: Mail.Options): Composed {
  const ready = (async () => {
    const node = new MailComposer(withBuffers(mail)).compile();
    const envelope = node.getEnvelope();
    return { raw: await node.build(), envelope };
  })();
  // A mail composed ahead and never sent (its worker stopped) must not become an unhandled rejection.
  ready.catch(() => undefined);
  return { messageId, ready };
}

// Mails composed ahead, by outbox row.
const ahead = new Map<number, Composed>();

function composeAhead(next: AheadMail): void {
  ahead.set(next.key, compose(next.messageId, next.mail));
  // The main thread keeps no more than this ahead either; the oldest go first.
  for (const k of ahead.keys()) {
    if (ahead.size <= AHEAD_MAX) break;
    ahead.delete(k);
  }
}

async function send(req: Extract<SmtpThreadRequest, { kind: 'send' }>): Promise<string | null> {
  const early = ahead.get(req.key);
  ahead.delete(req.key);
  let composed: Composed;
  if (early && early.messageId === req.messageId) composed = early;
  else if (req.mail) composed = compose(req.messageId, req.mail);
  else throw Object.assign(new Error('the mail composed ahead is not here'), { code: AHEAD_LOST });
  const { raw, envelope } = await composed.ready;
  const accepted = transporter.sendMail({ envelope, raw });
  // Composed while this one is on the wire, where the thread would otherwise wait.
  if (req.next) composeAhead(req.next);
  const info = await accepted;
  return typeof info.response === 'string' ? info.response.slice(0, 200) : null;
}

port.on('message', (req: SmtpThreadRequest) => {
  switch (req.kind) {
    case 'close':
      // Closes the pooled connections (QUIT); with nothing left to do the thread then ends.
      ahead.clear();
      transporter.close();
      port.close();
      return;
    case 'send':
      send(req).then(
        (response): void => port.postMessage({ id: req.id, ok: true, response } satisfies SmtpThreadReply),
        (err: unknown): void => port.postMessage({ id: req.id, ok: false, error: errorFields(err) } satisfies SmtpThreadReply),
      );
  }
});
port.postMessage('ready' satisfies SmtpThreadReply);
