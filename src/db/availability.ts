import type { AppContext } from '../context.js';
import { AppError, describeError } from '../errors.js';

// Whether the database answers, as the service last saw it: on the status board (/healthz,
// /metrics) and in the log, one PD_DB_UNAVAILABLE line when it goes away and one when it is back.
// Both the watch loop (main.ts) and /healthz report here: an outage shorter than the watch's
// interval that a health check meets is still logged.

export function noteDatabaseUp(ctx: Pick<AppContext, 'status' | 'log'>): void {
  const wasUp = ctx.status.get('database')?.ok !== false;
  ctx.status.succeeded('database');
  if (!wasUp) ctx.log.info({ msg: 'database reachable again', component: 'database' });
}

export function noteDatabaseDown(ctx: Pick<AppContext, 'status' | 'log'>, err: unknown): void {
  const wasUp = ctx.status.get('database')?.ok !== false;
  const error = new AppError('PD_DB_UNAVAILABLE', describeError(err).message);
  ctx.status.failed('database', error.message);
  if (wasUp) ctx.log.error({ msg: 'database unreachable; work waits for it', component: 'database', code: error.code, err: describeError(err) });
}
