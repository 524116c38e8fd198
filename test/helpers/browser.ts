import { existsSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { chromium, type Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../../src/context.js';
import { createTransport } from '../../src/outbox/transport.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { listenOnLoopback } from './smtp-listener.js';

// What the browser tests share: headless Chromium from the system (scripts/services.sh installs it
// and exports PD_TEST_CHROMIUM), an SMTP listener on loopback that keeps each mail it is given, and
// the outbox worker that delivers to it, so a test can open the link a real mail carried.

const CHROMIUM = process.env.PD_TEST_CHROMIUM || '/usr/bin/chromium';
// No network of its own beyond what the page asks for: no updates, sync or QUIC probes.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (scripts/services.sh install does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
}

export interface CatchingListener {
  port: number;
  /** Every mail accepted so far, in order. */
  mails: CaughtMail[];
  close(): Promise<void>;
}

/** An SMTP listener on 127.0.0.1 that accepts everything and keeps what it is given. */
export async function startCatchingListener(): Promise<CatchingListener> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((m) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  return { ...(await listenOnLoopback(server)), mails };
}

/** The outbox worker delivering through the configured transport, polling every 50 ms. */
export function startOutboxDelivery(ctx: AppContext): { stop(): Promise<void> } {
  const transport = createTransport(ctx.config);
  const worker = createOutboxWorker(ctx, transport, { intervalMs: 50 });
  worker.start();
  return {
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}
