import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { getCursor, type Cursor } from '../../src/db/queries/cursor.js';
import { messages } from '../../src/db/schema.js';
import type { IncomingMail, IngestResult, MailSink } from '../../src/mail/incoming.js';
import { createImapSource, type ImapSource, type ImapSourceOptions } from '../../src/mail/imap-source.js';
import { openTestIntake, type TestIntake, type CapturedLog } from './app.js';
import { onTestFinished } from 'vitest';
import { createTestDatabase, type DbKind } from './db.js';
import { imapUrl } from './imap.js';

// Runs the real IMAP source against the test Dovecot with the real intake, and records what it
// handed over. Reconnect delays are short so that drop tests do not wait for the 2 s default.

export interface Delivery {
  uid: number;
  uidValidity: number;
  outcome: IngestResult['outcome'];
  ticket?: string;
}

export interface SourceRun {
  app: TestIntake;
  source: ImapSource;
  logs: CapturedLog;
  /** The cursor key and IncomingMail.mailbox: `imap:<mailbox>`. */
  key: string;
  deliveries: Delivery[];
  stop(): Promise<void>;
}

export interface StartOptions {
  user: string;
  mailbox?: string;
  start?: 'now' | 'all' | string;
  batchSize?: number;
  env?: Record<string, string>;
  source?: ImapSourceOptions;
  /** Wraps the intake, e.g. to make receive() fail on purpose. */
  wrapSink?: (inner: MailSink) => MailSink;
}

export const FAST_BACKOFF = { baseMs: 100, factor: 1.5, maxMs: 1_000, jitterMs: 50 };

export async function startSource(database: Database, o: StartOptions): Promise<SourceRun> {
  const mailbox = o.mailbox ?? 'INBOX';
  const app = openTestIntake(database, {
    IMAP_URL: imapUrl(o.user, mailbox),
    // Large on purpose: new mail must come through IDLE, not through the safety poll.
    IMAP_POLL_SECONDS: '3600',
    IMAP_START: o.start ?? 'now',
    IMAP_BATCH_SIZE: String(o.batchSize ?? 50),
    ...o.env,
  });
  const deliveries: Delivery[] = [];
  const recording: MailSink = {
    async receive(mail: IncomingMail) {
      const r = await app.intake.receive(mail);
      deliveries.push({ uid: mail.uid!, uidValidity: mail.uidValidity!, outcome: r.outcome, ...(r.ticket ? { ticket: r.ticket } : {}) });
      return r;
    },
  };
  const sink = o.wrapSink ? o.wrapSink(recording) : recording;
  const source = createImapSource(app.ctx, sink, { backoff: FAST_BACKOFF, ...o.source });
  source.start();
  return { app, source, logs: app.logs, key: `imap:${mailbox}`, deliveries, stop: () => source.stop() };
}

export interface StoredMessage {
  uid: number | null;
  uidValidity: number | null;
  sourceKey: string;
  outcome: string | null;
  reason: string | null;
  ticketId: number | null;
}

export async function storedMessages(database: Database, key: string): Promise<StoredMessage[]> {
  return database.db
    .select({
      uid: messages.uid,
      uidValidity: messages.uidValidity,
      sourceKey: messages.sourceKey,
      outcome: messages.outcome,
      reason: messages.reason,
      ticketId: messages.ticketId,
    })
    .from(messages)
    .where(eq(messages.mailbox, key))
    .orderBy(asc(messages.id));
}

export async function cursorOf(database: Database, key: string): Promise<Cursor | null> {
  return getCursor(database.db, key);
}

/** A fresh test database plus a start() for sources that are all stopped, and the database dropped, after the test. */
export async function sourceTestSetup(kind: DbKind = 'postgres') {
  const t = await createTestDatabase(kind);
  const runs: SourceRun[] = [];
  onTestFinished(async () => {
    for (const r of runs) await r.stop();
    await t.close();
  });
  return {
    database: t.database,
    async start(o: StartOptions): Promise<SourceRun> {
      const run = await startSource(t.database, o);
      runs.push(run);
      return run;
    },
  };
}
