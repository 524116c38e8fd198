import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type Database } from './db/client.js';
import { waitForDatabase } from './db/wait.js';
import { loadClassifier } from './classify/index.js';
import { createIntake, type Intake } from './intake.js';
import { StatusBoard } from './lifecycle/status.js';
import { silentLogger, type Logger } from './log.js';
import { parseOurMessageId } from './outbox/message-id.js';
import { createRenderer, type Renderer } from './outbox/render.js';
import { notifyStaffOfReply } from './tickets/notify.js';
import { requestConfirmation, type VerifyDeps } from './verify/request.js';

// Everything the service and the command line share: the database (migrated), the context, the
// renderer, the classifier and the intake pipeline with its hooks wired to verification and mail.

export interface App {
  ctx: AppContext;
  renderer: Renderer;
  verify: VerifyDeps;
  intake: Intake;
  close(): Promise<void>;
}

/** Opens the database without touching it (a PostgreSQL pool connects on its first query). */
export function openDatabaseLazily(config: Config): Promise<Database> {
  return openDatabase(
    config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : { kind: 'pglite', dir: config.database.dir },
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

export async function openApp(config: Config, log: Logger, database?: Database): Promise<App> {
  const db = database ?? (await openDatabaseFor(config, log));
  const ctx: AppContext = { config, database: db, log, status: new StatusBoard(), now: () => new Date() };
  const renderer = await createRenderer(config);
  const verify: VerifyDeps = { config, renderer, now: ctx.now, log };
  const classifier = loadClassifier();
  const intake = createIntake(ctx, {
    classifier,
    ourTicketNumber: (id) => parseOurMessageId(id, config.secret)?.ticketNumber ?? null,
    hooks: {
      ticketOpened: (tx, ticket, origin) => requestConfirmation(tx, verify, ticket, origin),
      threadMessage: (tx, ticket, message) => notifyStaffOfReply(tx, verify, ticket, message),
    },
  });
  return { ctx, renderer, verify, intake, close: () => db.close() };
}
