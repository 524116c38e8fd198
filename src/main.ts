import { sql } from 'drizzle-orm';
import { createAdminServer } from './admin/server.js';
import { openApp, openDatabaseLazily, type App } from './app.js';
import { noteDatabaseDown, noteDatabaseUp } from './db/availability.js';
import { waitForDatabase } from './db/wait.js';
import type { Command } from './cli/io.js';
import { parse } from './cli/io.js';
import { loadConfig, loadDotEnv, type Config } from './config.js';
import { AppError, describeError } from './errors.js';
import { createIntakeWorkers } from './intake-workers.js';
import { armedCrashPointAtStart } from './lifecycle/crash-point.js';
import { createLoop, type Loop } from './lifecycle/loop.js';
import { handleStrayRejections } from './lifecycle/stray-rejection.js';
import { createLogger, type Logger } from './log.js';
import { createImapSource } from './mail/imap-source.js';
import type { MailSink } from './mail/incoming.js';
import { createLocalSource } from './mail/local-source.js';
import { createTransport } from './outbox/transport.js';
import { createOutboxWorker } from './outbox/worker.js';
import { createScheduler } from './scheduler.js';
import { createWebServer } from './web/server.js';

// The service: web server, outbox workers (one per SMTP connection), scheduler, intake workers (which process stored messages,
// also those stored before a crash) and the mailbox (IMAP or the local folder). Started in that order and stopped in reverse; the
// first SIGTERM/SIGINT stops intake, lets the message in hand finish and closes connections; a
// second signal, or a stop that takes longer than the deadline, exits at once with an error.

const STOP_DEADLINE_MS = 25_000;

interface Part {
  name: string;
  stop(): Promise<void>;
}

function banner(config: Config, webUrl: string): string {
  const lines = [`privacy-desk for ${config.org.name}: ${config.mailbox.kind === 'local' && config.database.kind === 'pglite' ? 'local mode' : 'server mode'}`];
  lines.push(
    config.database.kind === 'pglite'
      ? `  database: embedded (PGlite) in ${config.database.dir}`
      : `  database: PostgreSQL ${new URL(config.database.url).host}`,
  );
  lines.push(
    config.mailbox.kind === 'local'
      ? `  mailbox:  drop .eml files into ${config.mailbox.inbox} (moved to ${config.mailbox.processed} once ingested)`
      : `  mailbox:  IMAP ${config.mailbox.user}@${config.mailbox.host}:${config.mailbox.port}/${config.mailbox.mailbox}`,
  );
  lines.push(config.smtp.kind === 'folder' ? `  outbound: mail written as .eml files to ${config.smtp.dir}` : `  outbound: SMTP ${new URL(config.smtp.url).host}`);
  lines.push(`  web:      ${webUrl} (links as ${config.http.publicBaseUrl}; /healthz, /metrics)`);
  lines.push('  tickets:  npm run --silent cli -- tickets      (in another terminal; Ctrl-C here stops)');
  return lines.join('\n') + '\n';
}

/**
 * Keeps /healthz and /metrics honest about the database: a cheap ping on a timer. One error line
 * when it goes away, one info line when it is back; the loops retry on their own meanwhile.
 */
function databaseWatch(app: App): Loop {
  const { ctx } = app;
  return createLoop({
    name: 'database-watch',
    log: ctx.log,
    intervalMs: 5_000,
    tick: async () => {
      try {
        await ctx.database.db.execute(sql`select 1`);
        noteDatabaseUp(ctx);
      } catch (err) {
        noteDatabaseDown(ctx, err);
      }
      return false;
    },
  });
}

export interface Service {
  stop(): Promise<void>;
}

/**
 * Starts the service. The web server comes first, so /healthz answers (503, with the cause) while
 * PostgreSQL is awaited; the loops start once it answers and is migrated. Resolves null when
 * `signal` stopped it while it was still waiting.
 */
export async function runService(config: Config, log: Logger, signal?: AbortSignal): Promise<Service | null> {
  const crashAt = armedCrashPointAtStart();
  if (crashAt) log.warn({ msg: 'test-only fault injection is armed: the service kills itself with SIGKILL', crashAt });
  const database = await openDatabaseLazily(config);
  let app: App;
  try {
    app = await openApp(config, log, database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const { ctx } = app;
  const parts: Part[] = [];
  try {
    const web = createWebServer(ctx, app.verify, { intake: app.intake });
    try {
      await web.start();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new AppError(
        'PD_HTTP_LISTEN',
        `${config.http.host}:${config.http.port}: ${code === 'EADDRINUSE' ? 'the port is in use (another privacy-desk?); stop it or set HTTP_PORT' : describeError(err).message}`,
        { cause: err },
      );
    }
    parts.push({ name: 'web', stop: () => web.stop() });

    ctx.status.failed('database', 'waiting for the database');
    const ready = await waitForDatabase(database, config, { waitSeconds: config.dbWaitSeconds, log, status: ctx.status, ...(signal ? { signal } : {}) });
    if (!ready) {
      log.info({ msg: 'stopped while waiting for the database' });
      await stopParts(parts, log);
      await app.close();
      return null;
    }
    ctx.status.succeeded('database');

    const transport = createTransport(config);
    // A worker per SMTP connection, each claiming its own rows (as separate instances would).
    const outboxWorkers = Array.from({ length: config.smtp.kind === 'smtp' ? config.smtp.connections : 1 }, () => createOutboxWorker(ctx, transport));
    for (const w of outboxWorkers) w.start();
    const outbox = { wake: () => outboxWorkers.forEach((w) => w.wake()) };
    parts.push({
      name: 'outbox',
      stop: async () => {
        await Promise.all(outboxWorkers.map((w) => w.stop()));
        transport.close();
      },
    });

    const scheduler = createScheduler(ctx, app.verify);
    scheduler.start();
    parts.push({ name: 'scheduler', stop: () => scheduler.stop() });

    const watch = databaseWatch(app);
    watch.start();
    parts.push({ name: 'database-watch', stop: () => watch.stop() });

    // They process what the mailbox stored, and finish what a crash or an outage left stored.
    // Mail queued by a message goes out now, not at the outbox worker's next round.
    const intakeWorkers = createIntakeWorkers(ctx, app.intake, {
      concurrency: config.limits.concurrency,
      batchSize: config.limits.batchSize,
      onProcessed: () => outbox.wake(),
    });
    intakeWorkers.start();
    parts.push({ name: 'intake-workers', stop: () => intakeWorkers.stop() });

    const sink: MailSink = {
      async receive(mail) {
        const result = await app.intake.receive(mail);
        outbox.wake();
        return result;
      },
      async store(mails) {
        await app.intake.storeBatch(mails);
        intakeWorkers.wake();
      },
    };
    if (config.mailbox.kind === 'local') {
      const source = createLocalSource(ctx, sink, { inbox: config.mailbox.inbox, processed: config.mailbox.processed, rejected: config.mailbox.rejected });
      source.start();
      parts.push({ name: 'mailbox', stop: () => source.stop() });
    } else {
      const source = createImapSource(ctx, sink);
      source.start();
      parts.push({ name: 'mailbox', stop: () => source.stop() });
    }
    // Last, so that it stops first: a command in hand finishes while the rest still runs.
    if (config.database.kind === 'pglite') {
      const admin = createAdminServer(app);
      await admin.start();
      parts.push({ name: 'admin', stop: () => admin.stop() });
    }
    const addr = web.address();
    process.stderr.write(banner(config, `http://${addr.host.includes(':') ? `[${addr.host}]` : addr.host}:${addr.port}`));
    log.info({ msg: 'service started', mode: config.mailbox.kind, database: config.database.kind, smtp: config.smtp.kind });
  } catch (err) {
    await stopParts(parts, log);
    await app.close();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        ctx.status.beginStopping();
        log.info({ msg: 'stopping: intake first, then outbox, scheduler and web' });
        await stopParts(parts, log);
        await app.close();
        log.info({ msg: 'stopped' });
      })();
      return stopping;
    },
  };
}

async function stopParts(parts: Part[], log: Logger): Promise<void> {
  for (const part of [...parts].reverse()) {
    try {
      await part.stop();
    } catch (err) {
      log.error({ msg: 'stop failed', part: part.name, err: describeError(err) });
    }
  }
}

export const startCommand: Command = {
  name: 'start',
  summary: 'run the service (local mode on embedded defaults when nothing is configured)',
  usage: 'cli start   (or: npm start)',
  async run(argv) {
    parse(argv, {}, 'cli start');
    loadDotEnv();
    let config: Config;
    try {
      config = loadConfig();
    } catch (err) {
      if (err instanceof AppError) {
        process.stderr.write(`privacy-desk cannot start: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
    const log = createLogger(config.logLevel);
    handleStrayRejections(log);
    // Signals are handled from the first moment: a service still waiting for its database (or still
    // migrating) stops as soon as it can instead of dying half-way; a running one finishes the
    // message in hand.
    const waiting = new AbortController();
    let stop!: (signal: NodeJS.Signals) => void;
    const stopRequested = new Promise<NodeJS.Signals>((resolve) => (stop = resolve));
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 1) {
        log.error({ msg: 'second signal: exiting without finishing', signal });
        process.exit(1);
      }
      log.info({ msg: 'signal received: finishing the message in hand', signal });
      waiting.abort();
      stop(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const service = await runService(config, log, waiting.signal);
    if (!service) return 0;
    const signal = await stopRequested;
    // The deadline counts from the start of the stop, not from the signal: a slow start is no hang.
    setTimeout(() => {
      log.error({ msg: `stop took longer than ${STOP_DEADLINE_MS} ms: exiting`, signal });
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    try {
      await service.stop();
    } catch (err) {
      log.error({ msg: 'stop failed', err: describeError(err) });
      return 1;
    }
    return 0;
  },
};
