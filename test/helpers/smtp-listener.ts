import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// An SMTP server on 127.0.0.1 that accepts everything and counts each accepted mail by its
// Message-ID, for fault tests that check "every queued mail delivered, each once" where it
// arrives, not only in our own outbox table.

export interface CountingListener {
  port: number;
  /** Accepted mails by Message-ID (the header as sent, with its angle brackets). */
  accepted: Map<string, number>;
  /** Message-IDs accepted more than once. */
  duplicates(): string[];
  close(): Promise<void>;
}

export async function startCountingListener(): Promise<CountingListener> {
  const accepted = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    accepted,
    duplicates: () => [...accepted].filter(([, n]) => n > 1).map(([id]) => id),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
