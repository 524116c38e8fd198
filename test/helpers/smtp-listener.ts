import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// An SMTP server on 127.0.0.1 that accepts everything and counts each accepted mail by its
// Message-ID, for fault tests that check "every queued mail delivered, each once" where it
// arrives, not only in our own outbox table.

/** Starts an SMTP test server on a free port of 127.0.0.1; `close` stops it. */
export async function listenOnLoopback(server: SMTPServer): Promise<{ port: number; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface CountingListener {
  port: number;
  /** Accepted mails by Message-ID (the header as sent, with its angle brackets). */
  accepted: Map<string, number>;
  /** Message-IDs accepted more than once. */
  duplicates(): string[];
  /** With `stallFirst`: resolves when the DATA that is never answered has begun. */
  stalled: Promise<void>;
  close(): Promise<void>;
}

/**
 * With `stallFirst`, the first DATA is never answered (nor counted): a test kills the sender while
 * it waits for the reply, to cut an SMTP conversation in the middle.
 */
export async function startCountingListener(opts: { stallFirst?: boolean } = {}): Promise<CountingListener> {
  const accepted = new Map<string, number>();
  let stall = opts.stallFirst ?? false;
  let onStall!: () => void;
  const stalled = new Promise<void>((resolve) => (onStall = resolve));
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      if (stall) {
        stall = false;
        onStall();
        return;
      }
      stream.on('end', () => {
        // The header block is enough: a Message-ID is never in the body of our mail.
        const raw = Buffer.concat(chunks).toString('latin1');
        const head = raw.slice(0, Math.max(0, raw.indexOf('\r\n\r\n')) || raw.length);
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '(none)';
        accepted.set(id, (accepted.get(id) ?? 0) + 1);
        callback();
      });
    },
  });
  return {
    ...(await listenOnLoopback(server)),
    accepted,
    duplicates: () => [...accepted].filter(([, n]) => n > 1).map(([id]) => id),
    stalled,
  };
}
