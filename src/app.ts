import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openDatabase, type Database } from './db/client.js';
import { ensurePrivateDir, restrictUmask } from './private-files.js';
import { migrate } from './db/migrate.js';
import { loadClassifier } from './classify/index.js';
import { createIntake, type Intake } from './intake.js';
import { StatusBoard } from './lifecycle/status.js';
import type { Logger } from './log.js';
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

export async function openDatabaseFor(config: Config): Promise<Database> {
  if (config.database.kind === 'pglite') {
    // Local mode: whatever this process writes under DATA_DIR is for its own user only.
    restrictUmask();
    ensurePrivateDir(config.dataDir);
  }
  const database = await openDatabase(
    config.database.kind === 'postgres' ? { kind: 'postgres', url: config.database.url } : { kind: 'pglite', dir: config.database.dir },
  );
  try {
    await migrate(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

export async function openApp(config: Config, log: Logger, database?: Database): Promise<App> {
  const db = database ?? (await openDatabaseFor(config));
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
