import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { WorkingCalendar } from '../deadlines/working-days.js';
import type { Logger } from '../log.js';
import type { Renderer } from '../outbox/render.js';

/** What the verification flow needs besides a database handle: given once, at start. */
export interface VerifyDeps {
  config: Config;
  renderer: Renderer;
  now: () => Date;
  log: Logger;
  /** Counts working days for the due date; plain weekdays until the national calendar is wired. */
  calendar?: WorkingCalendar;
  /**
   * PostgreSQL: the side pool (db/client.ts), where the mail budget is decided and spent in one
   * statement that is its own transaction (the budget lock held while it runs) instead of holding
   * that lock to the end of the caller's transaction, which every new ticket queued behind. Absent
   * on PGlite, whose one connection the caller's transaction holds: the budget is spent inside it.
   */
  budgetDb?: Db;
}
