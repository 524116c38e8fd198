import type { AppContext } from './context.js';
import { pruneMailBudget } from './db/queries/mail-budget.js';
import { describeError } from './errors.js';
import { createLoop, type Loop } from './lifecycle/loop.js';
import { checkCalendar } from './deadlines/calendar-check.js';
import type { VerifyDeps } from './verify/deps.js';
import { runVerificationSweep } from './verify/reminders.js';
import { localDateKey } from './deadlines/working-day-count.js';
import { runDigestJob } from './sla/digest-job.js';
import { runStaffReminders } from './sla/reminders.js';
import { runRetention } from './sla/retention.js';

// Time-driven work: each tick runs every job once, in order. A job is a name and a function; one
// that fails is logged and the others still run. Jobs must be safe
// to run twice and on several instances at once: they claim work with row locks and
// insert-or-nothing marks, never by trusting that only one scheduler runs.

export interface SchedulerJob {
  name: string;
  /** One pass; returns counts for the log and the status board. */
  run(ctx: AppContext, deps: VerifyDeps, signal: AbortSignal): Promise<Record<string, number>>;
}

export const verificationJob: SchedulerJob = {
  name: 'verification',
  run: async (ctx, deps, signal) => {
    const r = await runVerificationSweep(ctx.database.db, { ...deps, now: ctx.now }, { signal });
    return { ...r };
  },
};

/** Drops the per-minute mail budget counts no budget window reaches any more. */
export const mailBudgetJob: SchedulerJob = {
  name: 'mailBudget',
  run: async (ctx) => ({ minutesPruned: await pruneMailBudget(ctx.database.db, ctx.now()) }),
};

/** Warns (log, /healthz) when the calendar file lacks this year or, from November, the next. */
export const calendarJob: SchedulerJob = {
  name: 'calendar',
  // No counts: a standing warning is not work done, and checkCalendar logs it once a day itself.
  run: (ctx) => {
    checkCalendar(ctx);
    return Promise.resolve({});
  },
};

export const staffRemindersJob: SchedulerJob = {
  name: 'staffReminders',
  run: async (ctx, deps, signal) => ({ ...(await runStaffReminders(ctx, deps.renderer, { signal })) }),
};

export const digestJob: SchedulerJob = {
  name: 'digest',
  run: async (ctx, deps) => runDigestJob(ctx, deps.renderer),
};

/** Daily: the first tick of each local day purges what has passed its retention (idempotent, so a second instance doing it too is harmless). */
export function retentionJob(): SchedulerJob {
  let lastDay: string | undefined;
  return {
    name: 'retention',
    run: async (ctx, _deps, signal) => {
      const day = localDateKey(ctx.now(), ctx.config.org.timeZone);
      if (day === lastDay) return { tickets: 0, messages: 0 };
      const r = await runRetention(ctx, { signal });
      if (!signal.aborted) lastDay = day;
      return r;
    },
  };
}

export function defaultJobs(): SchedulerJob[] {
  return [verificationJob, mailBudgetJob, calendarJob, staffRemindersJob, digestJob, retentionJob()];
}

export interface SchedulerOptions {
  intervalMs?: number;
  jobs?: SchedulerJob[];
}

/** Runs every job once; used by the loop, and by tests and the CLI to run one pass on demand. */
export async function runSchedulerOnce(
  ctx: AppContext,
  deps: VerifyDeps,
  jobs: readonly SchedulerJob[] = defaultJobs(),
  signal: AbortSignal = new AbortController().signal,
): Promise<Record<string, Record<string, number> | { error: string }>> {
  const log = ctx.log.child({ component: 'scheduler' });
  const out: Record<string, Record<string, number> | { error: string }> = {};
  let failed: string | undefined;
  for (const job of jobs) {
    if (signal.aborted) break;
    try {
      const counts = await job.run(ctx, deps, signal);
      out[job.name] = counts;
      for (const [k, n] of Object.entries(counts)) if (n > 0) ctx.status.count(`scheduler_${job.name}_${k}_total`, n);
      if (Object.values(counts).some((n) => n > 0)) log.info({ msg: 'scheduler job done', job: job.name, ...counts });
    } catch (err) {
      const e = describeError(err);
      out[job.name] = { error: e.message };
      failed = `${job.name}: ${e.message}`;
      log.error({ msg: 'scheduler job failed', job: job.name, err: e });
    }
  }
  if (failed) ctx.status.failed('scheduler', failed, ctx.now());
  else ctx.status.succeeded('scheduler', undefined, ctx.now());
  return out;
}

export function createScheduler(ctx: AppContext, deps: VerifyDeps, opts: SchedulerOptions = {}): Loop {
  const jobs = opts.jobs ?? defaultJobs();
  return createLoop({
    name: 'scheduler',
    log: ctx.log.child({ component: 'scheduler' }),
    intervalMs: opts.intervalMs ?? 60_000,
    tick: async (signal) => {
      await runSchedulerOnce(ctx, deps, jobs, signal);
      return false;
    },
  });
}
