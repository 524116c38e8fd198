import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type Database } from './db/client.js';
import { ensurePrivateDir, restrictUmask } from './private-files.js';
import { migrate } from './db/migrate.js';
import { loadCalendarFile } from './deadlines/calendar-data.js';
import { createNationalCalendar, type NationalCalendar } from './deadlines/national-calendar.js';
import { createIntake, type Intake } from './intake.js';
import { StatusBoard } from './lifecycle/status.js';
import { createReaderPool, type MailReader } from './mail/reader.js';
import { silentLogger, type Logger } from './log.js';
import { waitForDatabase } from './db/wait.js';
import { parseOurMessageId } from './outbox/message-id.js';
import { createRenderer, type Renderer } from './outbox/render.js';
import { handleFollowUp } from './tickets/follow-up.js';
import { handleStaffReply } from './tickets/staff-reply.js';
import { requestConfirmation, type VerifyDeps } from './verify/request.js';
import { sendTooLargeNote } from './verify/too-large.js';

// Everything the service and the command line share: the database (migrated), the context, the
// renderer, the classifier and the intake pipeline with its hooks wired to verification and mail.

export interface App {
  ctx: AppContext;
  renderer: Renderer;
  verify: VerifyDeps;
  intake: Intake;
  /** Parses and classifies mail in worker threads; closed by close(). */
  reader: MailReader;
  close(): Promise<void>;
}

/** Opens the database without touching it (a PostgreSQL pool connects on its first query). */
export function openDatabaseLazily(config: Config): Promise<Database> {
  if (config.database.kind === 'pglite') {
    // Local mode: whatever this process writes under DATA_DIR is for its own user only.
    restrictUmask();
    ensurePrivateDir(config.dataDir);
  }
  return openDatabase(
    config.database.kind === 'postgres'
      ? // Each intake worker holds a connection while it works; the outbox, scheduler and web need theirs.
        { kind: 'postgres', url: config.database.url, max: Math.max(10, config.limits.concurrency + 6) }
      : { kind: 'pglite', dir: config.database.dir },
  );
}

/**
 * Opens and migrates the database, for commands: DB_WAIT_SECONDS (default 0, one attempt) bounds
 * how long an unreachable PostgreSQL is waited for. The service waits in runService instead.
 */
export async function openDatabaseFor(config: Config, log: Logger = silentLogger()): Promise<Database> {
  const database = await openDatabaseLazily(config);
  try {
    await waitForDatabase(database, config, { waitSeconds: config.dbWaitSeconds ?? 0, log });
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

/** The configured working-day calendar; a bad CALENDAR_FILE stops the start with PD_CALENDAR_INVALID. */
export function loadCalendar(config: Config): NationalCalendar {
  return createNationalCalendar(loadCalendarFile(config.calendarFile));
}

export async function openApp(config: Config, log: Logger, database?: Database): Promise<App> {
  // The calendar first: a broken file should stop the start before anything is opened.
  const calendar = loadCalendar(config);
  const db = database ?? (await openDatabaseFor(config, log));
  const ctx: AppContext = { config, database: db, log, status: new StatusBoard(), now: () => new Date(), calendar };
  const renderer = await createRenderer(config);
  const verify: VerifyDeps = { config, renderer, now: ctx.now, log, calendar, ...(db.side ? { budgetDb: db.side } : {}) };
  // The classifier is loaded in the reader's worker threads, not here.
  const reader = createReaderPool({
    timeoutMs: config.limits.processingTimeoutMs,
    log,
    size: config.limits.readerThreads,
    keepAttachmentBytes: config.staffThread.relayMaxAttachmentBytes,
  });
  const intake = wireIntake(ctx, verify, reader);
  const close = async (): Promise<void> => {
    await reader.close();
    await db.close();
  };
  return { ctx, renderer, verify, intake, reader, close };
}

/**
 * The intake pipeline with its hooks wired to verification and staff mail: what the service, the
 * command line and the staff board's "open as a request" all run.
 */
export function wireIntake(ctx: AppContext, verify: VerifyDeps, reader: MailReader): Intake {
  const { config, log } = ctx;
  return createIntake(ctx, {
    reader,
    ourTicketNumber: (id) => parseOurMessageId(id, config.secret)?.ticketNumber ?? null,
    hooks: {
      ticketOpened: (tx, ticket, origin) => requestConfirmation(tx, verify, ticket, origin),
      threadMessage: (tx, ticket, { messageRowId, actor, parsed }) =>
        actor === 'staff'
          ? handleStaffReply(tx, verify, ticket.id, { messageRowId, parsed, staff: parsed.from!.address })
          : handleFollowUp(tx, verify, ticket.id, { messageRowId, parsed, sender: actor }),
      tooLarge: async (message) => {
        const note = await sendTooLargeNote(ctx.database.db, verify, message);
        log.info({ msg: 'too-large message: sender note', component: 'intake', messageRowId: message.messageRowId, note });
      },
    },
  });
}
