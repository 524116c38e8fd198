import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.js';
import { noteDatabaseDown, noteDatabaseUp } from '../db/availability.js';
import { describeError } from '../errors.js';
import type { ComponentStatus } from '../lifecycle/status.js';
import { outboxBacklog, type OutboxBacklog } from '../outbox/backlog.js';
import { lastMailboxSuccess, ping } from '../db/queries/stats.js';

// /healthz: one JSON answer for a load balancer or a person. `failing` (503) when the database
// does not answer or the mailbox has not been polled successfully for three poll intervals;
// `degraded` (200) when something needs a look but mail still flows; `ok` otherwise.

export type HealthStatus = 'ok' | 'degraded' | 'failing' | 'stopping';

export interface HealthFacts {
  now: Date;
  startedAt: Date;
  database: { ok: boolean; error?: string };
  /** Latest successful poll seen by this process or recorded in the database by any instance. */
  mailboxLastSuccessAt: Date | null;
  mailboxComponent?: ComponentStatus;
  pollIntervalSeconds: number;
  /** Null when the database could not be asked. */
  outboxBacklog: OutboxBacklog | null;
  outboxComponent?: ComponentStatus;
  schedulerComponent?: ComponentStatus;
  calendarComponent?: ComponentStatus;
  /** The service is shutting down. */
  stopping?: boolean;
}

export interface HealthReport {
  status: HealthStatus;
  reasons: string[];
  database: { ok: boolean; error?: string };
  mailbox: {
    ok: boolean;
    lastSuccessAt: string | null;
    secondsSinceLastPoll: number | null;
    maxSecondsWithoutPoll: number;
    lastError?: string;
  };
  outbox: {
    ok: boolean;
    pending: number | null;
    sending: number | null;
    failed: number | null;
    oldestPendingSeconds: number | null;
    lastError?: string;
  };
  scheduler: { ok: boolean; lastSuccessAt: string | null; lastError?: string };
  /** Present once the calendar was checked: gaps in the calendar file (see calendar-check.ts). */
  calendar?: { ok: boolean; warnings: string[] };
}

const STALE_FACTOR = 3;

/** Pure: the verdict and its reasons from the facts. */
export function evaluateHealth(f: HealthFacts): HealthReport {
  const failing: string[] = [];
  const degraded: string[] = [];
  if (!f.database.ok) failing.push(`database: not reachable (${f.database.error ?? 'no answer'})`);

  const maxSeconds = f.pollIntervalSeconds * STALE_FACTOR;
  const since = f.mailboxLastSuccessAt ? Math.max(0, Math.round((f.now.getTime() - f.mailboxLastSuccessAt.getTime()) / 1000)) : null;
  const uptime = (f.now.getTime() - f.startedAt.getTime()) / 1000;
  let mailboxOk = true;
  if (since === null) {
    // Just started: the first poll may not have finished yet; that is not a failure for a while.
    if (uptime > maxSeconds) {
      mailboxOk = false;
      failing.push(`mailbox: no successful poll since start ${Math.round(uptime)} s ago (limit ${maxSeconds} s)`);
    }
  } else if (since > maxSeconds) {
    mailboxOk = false;
    failing.push(`mailbox: last successful poll ${since} s ago (limit ${maxSeconds} s)`);
  }
  if (mailboxOk && f.mailboxComponent && !f.mailboxComponent.ok) {
    degraded.push(`mailbox: last poll failed (${f.mailboxComponent.lastError ?? 'unknown error'})`);
  }

  const failed = f.outboxBacklog?.failed ?? 0;
  if (failed > 0) degraded.push(`outbox: ${failed} mail(s) failed permanently and need a person`);
  if (f.outboxComponent && !f.outboxComponent.ok) degraded.push(`outbox: ${f.outboxComponent.lastError ?? 'sending fails'}`);
  if (f.schedulerComponent && !f.schedulerComponent.ok) degraded.push(`scheduler: ${f.schedulerComponent.lastError ?? 'a job fails'}`);

  const calendar = calendarHealth(f.calendarComponent);
  if (calendar && !calendar.ok) degraded.push(...calendar.warnings.map((w) => `calendar: ${w}`));

  if (f.stopping) failing.unshift('stopping: the service is shutting down');
  const status: HealthStatus = f.stopping ? 'stopping' : failing.length > 0 ? 'failing' : degraded.length > 0 ? 'degraded' : 'ok';
  return {
    status,
    reasons: [...failing, ...degraded],
    database: f.database,
    mailbox: {
      ok: mailboxOk,
      lastSuccessAt: f.mailboxLastSuccessAt?.toISOString() ?? null,
      secondsSinceLastPoll: since,
      maxSecondsWithoutPoll: maxSeconds,
      ...(f.mailboxComponent?.lastError && !f.mailboxComponent.ok ? { lastError: f.mailboxComponent.lastError } : {}),
    },
    outbox: {
      ok: failed === 0 && (f.outboxComponent?.ok ?? true),
      pending: f.outboxBacklog?.pending ?? null,
      sending: f.outboxBacklog?.sending ?? null,
      failed: f.outboxBacklog?.failed ?? null,
      oldestPendingSeconds: f.outboxBacklog?.oldestPendingSeconds ?? null,
      ...(f.outboxComponent?.lastError && !f.outboxComponent.ok ? { lastError: f.outboxComponent.lastError } : {}),
    },
    scheduler: {
      ok: f.schedulerComponent?.ok ?? true,
      lastSuccessAt: f.schedulerComponent?.lastSuccessAt?.toISOString() ?? null,
      ...(f.schedulerComponent?.lastError && !f.schedulerComponent.ok ? { lastError: f.schedulerComponent.lastError } : {}),
    },
    ...(calendar ? { calendar } : {}),
  };
}

function calendarHealth(c: ComponentStatus | undefined): HealthReport['calendar'] {
  if (!c) return undefined;
  const warnings = c.detail?.warnings;
  const list = Array.isArray(warnings) ? warnings.map(String) : [];
  return { ok: c.ok, warnings: list.length > 0 || c.ok ? list : [c.lastError ?? 'calendar file lacks a year'] };
}

export interface HealthSummary {
  status: HealthStatus;
  /** The component each reason is about, without its error text. */
  reasons: string[];
  database: { ok: boolean };
  mailbox: { ok: boolean };
  outbox: { ok: boolean };
  scheduler: { ok: boolean };
}

/**
 * What a caller off loopback without HEALTHZ_TOKEN sees: the verdict and which part fails, not the
 * error strings (they name hosts, ports and internals).
 */
export function summarizeHealth(r: HealthReport): HealthSummary {
  return {
    status: r.status,
    reasons: r.reasons.map((x) => `${x.split(':')[0]}: ${r.status === 'stopping' && x.startsWith('stopping') ? 'shutting down' : 'see details'}`),
    database: { ok: r.database.ok },
    mailbox: { ok: r.mailbox.ok },
    outbox: { ok: r.outbox.ok },
    scheduler: { ok: r.scheduler.ok },
  };
}

/** Loopback callers and holders of HEALTHZ_TOKEN (Bearer header or ?token=) see the details. */
export function mayShowDetails(remoteAddress: string | undefined, token: string | null, authorization: string | undefined, queryToken: string | null): boolean {
  if (remoteAddress && /^(127\.|::1$|::ffff:127\.)/.test(remoteAddress)) return true;
  if (!token) return false;
  const header = authorization?.trim() ?? '';
  const bearer = header.slice(0, 7).toLowerCase() === 'bearer ' ? header.slice(7).trim() : null;
  const given = queryToken ?? bearer;
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function httpStatusFor(report: HealthReport): number {
  return report.status === 'failing' || report.status === 'stopping' ? 503 : 200;
}

/** How often the mailbox is expected to be polled. A local folder is watched on a short, fixed cycle. */
export function pollIntervalSeconds(config: AppContext['config']): number {
  return config.mailbox.kind === 'imap' ? config.mailbox.pollSeconds : 60;
}

/** Resolves with the value, or rejects after `ms` so a hung database cannot hang the health check. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    t.unref();
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export async function gatherHealth(ctx: AppContext, startedAt: Date, timeoutMs = 2000): Promise<HealthReport> {
  const db = ctx.database.db;
  let database: HealthFacts['database'] = { ok: true };
  let dbSuccess: Date | null = null;
  let backlog: OutboxBacklog | null = null;
  try {
    await withTimeout(ping(db), timeoutMs, 'database');
    [dbSuccess, backlog] = await withTimeout(Promise.all([lastMailboxSuccess(db), outboxBacklog(db)]), timeoutMs, 'database');
    noteDatabaseUp(ctx);
  } catch (err) {
    database = { ok: false, error: describeError(err).message };
    noteDatabaseDown(ctx, err);
  }
  const mailboxComponent = ctx.status.get('mailbox');
  const boardSuccess = mailboxComponent?.lastSuccessAt ?? null;
  const latest = [dbSuccess, boardSuccess].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const outboxComponent = ctx.status.get('outbox');
  const schedulerComponent = ctx.status.get('scheduler');
  const calendarComponent = ctx.status.get('calendar');
  return evaluateHealth({
    now: ctx.now(),
    startedAt,
    database,
    mailboxLastSuccessAt: latest,
    pollIntervalSeconds: pollIntervalSeconds(ctx.config),
    outboxBacklog: backlog,
    stopping: ctx.status.stopping,
    ...(mailboxComponent ? { mailboxComponent } : {}),
    ...(outboxComponent ? { outboxComponent } : {}),
    ...(schedulerComponent ? { schedulerComponent } : {}),
    ...(calendarComponent ? { calendarComponent } : {}),
  });
}
