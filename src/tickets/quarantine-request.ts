import { isEmail } from '../config.js';
import type { Db } from '../db/client.js';
import { dismissQuarantined } from '../db/queries/quarantine-actions.js';
import { ticketByNumber } from '../db/queries/tickets.js';
import type { TicketRow } from '../db/schema.js';
import { AppError, isAppError, type ErrorCode } from '../errors.js';
import type { Intake } from '../intake.js';

// The staff board's two decisions on a quarantined message, with the board's result shape:
// "open as a request" runs it through intake as a request (src/intake.ts openAsRequest, the same
// pipeline as any request: a ticket, then the confirmation mail to the sender), and "dismiss" takes
// it off the list. Both are message events naming `staff:<address>`.

export type QuarantineActionResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/** Refusals a staff member can act on (reload, dismiss instead); anything else is a fault and thrown. */
const REFUSALS: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['PD_MSG_NOT_QUARANTINED', 'PD_MSG_NO_SENDER', 'PD_MSG_UNPARSEABLE', 'PD_MSG_TIMEOUT', 'PD_STAFF_ACTION_INVALID']);

function actorOf(staff: string): string {
  const address = staff.trim().toLowerCase();
  if (!isEmail(address)) throw new AppError('PD_STAFF_ACTION_INVALID', `"${staff.slice(0, 100)}" is not a staff address`);
  return `staff:${address}`;
}

async function refusing<T>(work: () => Promise<T>): Promise<QuarantineActionResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    if (!isAppError(err) || !REFUSALS.has(err.code)) throw err;
    const hint = err.code === 'PD_MSG_UNPARSEABLE' || err.code === 'PD_MSG_TIMEOUT' ? '; it cannot be read as mail, dismiss it' : '';
    return { ok: false, code: err.code, message: `${err.detail ?? err.message}${hint}` };
  }
}

/** Opens the quarantined message as a request, exactly once; the ticket it opened. */
export async function openQuarantinedAsRequest(
  db: Db,
  deps: { intake: Pick<Intake, 'openAsRequest'> },
  messageRowId: number,
  staff: string,
): Promise<QuarantineActionResult<TicketRow>> {
  return refusing(async () => {
    const result = await deps.intake.openAsRequest(messageRowId, actorOf(staff));
    const ticket = result.ticket ? await ticketByNumber(db, result.ticket) : null;
    // openAsRequest either opens a ticket or throws; anything else is a bug worth a loud failure.
    if (!ticket) throw new Error(`message ${messageRowId} was opened as a request but has no ticket (outcome ${result.outcome})`);
    return ticket;
  });
}

/** Takes the quarantined message off the list (dismissQuarantined), recorded with the staff member. */
export async function dismissQuarantinedMessage(
  db: Db,
  deps: { now: () => Date },
  messageRowId: number,
  staff: string,
): Promise<QuarantineActionResult<null>> {
  return refusing(async () => {
    if (!(await dismissQuarantined(db, messageRowId, actorOf(staff), deps.now()))) {
      throw new AppError('PD_MSG_NOT_QUARANTINED', `message ${messageRowId} is not in quarantine (dismissed or opened already): reload the page`);
    }
    return null;
  });
}
