import type { Config } from '../config.js';
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
}
