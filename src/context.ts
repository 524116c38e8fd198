import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { WorkingCalendar } from './deadlines/working-days.js';
import type { Logger } from './log.js';
import type { StatusBoard } from './lifecycle/status.js';

/** What every service part is given at start: no globals. */
export interface AppContext {
  config: Config;
  database: Database;
  log: Logger;
  status: StatusBoard;
  /** The current time; tests pass a fixed or moving clock. */
  now: () => Date;
  /** Which days are working days, for reminders, the digest and due dates. */
  calendar: WorkingCalendar;
}
