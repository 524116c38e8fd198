import type { AppContext } from '../context.js';
import { OUTCOMES, TICKET_STATUSES } from '../domain.js';
import { describeError } from '../errors.js';
import { withTimeout } from './health.js';
import { outboxBacklog, type OutboxBacklog } from '../outbox/backlog.js';
import { lastMailboxSuccess, messagesByOutcome, ticketsByStatus } from '../db/queries/stats.js';
import type { ComponentName } from '../lifecycle/status.js';
import { TEMPLATE_NAMES } from '../outbox/templates.js';

// /metrics in the Prometheus text format (version 0.0.4). Counts come from the database, so every
// instance reports the same totals; process counters come from the status board.

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
const PREFIX = 'privacy_desk_';

export interface MetricsSnapshot {
  databaseUp: boolean;
  /** Null when the database could not be asked. */
  messages: Record<string, number> | null;
  tickets: Record<string, number> | null;
  outbox: OutboxBacklog | null;
  /** Null when no poll has succeeded yet. */
  secondsSinceLastPoll: number | null;
  components: Record<string, { ok: boolean }>;
  counters: Record<string, number>;
}

export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function fmt(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

class Exposition {
  private readonly lines: string[] = [];
  private readonly declared = new Set<string>();

  declare(name: string, type: 'counter' | 'gauge' | 'untyped', help: string): void {
    if (this.declared.has(name)) return;
    this.declared.add(name);
    this.lines.push(`# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`, `# TYPE ${name} ${type}`);
  }

  has(name: string): boolean {
    return this.declared.has(name);
  }

  sample(name: string, labels: Record<string, string>, value: number): void {
    const l = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
    this.lines.push(`${name}${l.length ? `{${l.join(',')}}` : ''} ${fmt(value)}`);
  }

  labelled(name: string, type: 'counter' | 'gauge', help: string, label: string, known: readonly string[], values: Record<string, number>): void {
    this.declare(name, type, help);
    // Known label values always appear (as 0), so a rate() or an alert has a series from the start.
    const keys = [...new Set([...known, ...Object.keys(values)])];
    for (const k of keys) this.sample(name, { [label]: k }, values[k] ?? 0);
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

/** Every component reported in component_up, present from the first scrape (0 until it succeeds). */
export const COMPONENTS: readonly ComponentName[] = ['database', 'mailbox', 'outbox', 'scheduler', 'web'];

/** Process counters, declared with HELP and TYPE and shown as 0 before the first event. */
const PROCESS_COUNTERS: ReadonlyArray<{ name: string; help: string; label?: { name: string; values: readonly string[] } }> = [
  { name: 'imap_messages_total', help: 'Messages this process handed from IMAP to intake.' },
  { name: 'imap_reconnects_total', help: 'IMAP sessions that failed and were reconnected.' },
  { name: 'imap_uidvalidity_changes_total', help: 'UIDVALIDITY changes seen on the mailbox.' },
  { name: 'messages_quarantined_total', help: 'Messages this process put in quarantine.' },
  { name: 'tickets_opened_total', help: 'Tickets this process opened.' },
  { name: 'outbox_sent_total', help: 'Mails this process sent, by template.', label: { name: 'template', values: TEMPLATE_NAMES } },
  { name: 'outbox_failed_total', help: 'Mails that failed for good in this process, by template.', label: { name: 'template', values: TEMPLATE_NAMES } },
  { name: 'outbox_retries_total', help: 'Mail deliveries this process will retry.' },
  { name: 'outbox_smtp_unavailable_total', help: 'Times the SMTP server could not be reached.' },
];

const COUNTER_KEY = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*)?\})?$/;

/** `imap_reconnects_total` or `outbox_sent_total{template="x"}` -> a valid, prefixed series. */
export function counterSeries(key: string): { name: string; labels: string } {
  const m = COUNTER_KEY.exec(key);
  const rawName = m ? m[1]! : key.replace(/[^a-zA-Z0-9_:]/g, '_').replace(/^([0-9])/, '_$1');
  const labels = m ? (m[2] ?? '') : '';
  return { name: rawName.startsWith(PREFIX) ? rawName : PREFIX + rawName, labels };
}

/** Pure: the value of one label in `{a="x",b="y"}` (our own keys: values hold no quote or comma), or null. */
export function labelValue(labels: string, label: string): string | null {
  const inner = labels.startsWith('{') && labels.endsWith('}') ? labels.slice(1, -1) : labels;
  for (const part of inner.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === label && part.endsWith('"') && part[eq + 1] === '"') return part.slice(eq + 2, -1);
  }
  return null;
}

/** Pure: the exposition text for a snapshot. */
export function renderMetrics(s: MetricsSnapshot): string {
  const out = new Exposition();
  out.declare(`${PREFIX}database_up`, 'gauge', 'Whether the database answered the last scrape (1) or not (0).');
  out.sample(`${PREFIX}database_up`, {}, s.databaseUp ? 1 : 0);
  // Series read from the database are declared even when it is down; their samples are left out
  // then rather than shown as 0, which a rate() would take for a counter reset.
  out.declare(`${PREFIX}messages_total`, 'counter', 'Inbound messages stored, by intake outcome (pending: not processed yet).');
  if (s.messages) out.labelled(`${PREFIX}messages_total`, 'counter', '', 'outcome', [...OUTCOMES, 'pending'], s.messages);
  out.declare(`${PREFIX}tickets`, 'gauge', 'Tickets by status.');
  if (s.tickets) out.labelled(`${PREFIX}tickets`, 'gauge', '', 'status', TICKET_STATUSES, s.tickets);
  out.declare(`${PREFIX}outbox_backlog`, 'gauge', 'Outbound mail not sent: pending, sending, or failed for good.');
  out.declare(`${PREFIX}outbox_oldest_pending_seconds`, 'gauge', 'Age of the oldest mail waiting to be sent (0 when none waits).');
  if (s.outbox) {
    const { pending, sending, failed } = s.outbox;
    out.labelled(`${PREFIX}outbox_backlog`, 'gauge', '', 'status', [], { pending, sending, failed });
    out.sample(`${PREFIX}outbox_oldest_pending_seconds`, {}, s.outbox.oldestPendingSeconds);
  }
  out.declare(`${PREFIX}mailbox_seconds_since_last_poll`, 'gauge', 'Seconds since the last successful mailbox poll (NaN before the first).');
  out.sample(`${PREFIX}mailbox_seconds_since_last_poll`, {}, s.secondsSinceLastPoll ?? NaN);
  out.declare(`${PREFIX}component_up`, 'gauge', 'Whether each component reported success last (1) or failure (0); 0 before its first report.');
  // The scrape's own answer, so component_up{component="database"} always agrees with database_up.
  const components: Record<string, { ok: boolean }> = { ...s.components, database: { ok: s.databaseUp } };
  for (const name of [...new Set([...COMPONENTS, ...Object.keys(components)])]) {
    out.sample(`${PREFIX}component_up`, { component: name }, components[name]?.ok ? 1 : 0);
  }
  for (const c of PROCESS_COUNTERS) {
    const name = PREFIX + c.name;
    out.declare(name, 'counter', c.help);
    const seen = Object.entries(s.counters).filter(([key]) => counterSeries(key).name === name);
    if (!c.label) {
      out.sample(name, {}, seen.reduce((sum, [, v]) => sum + v, 0));
      continue;
    }
    const byValue: Record<string, number> = {};
    for (const [key, v] of seen) {
      const value = labelValue(counterSeries(key).labels, c.label.name);
      if (value !== null) byValue[value] = (byValue[value] ?? 0) + v;
    }
    out.labelled(name, 'counter', c.help, c.label.name, c.label.values, byValue);
  }

  const byName = new Map<string, { labels: string; value: number }[]>();
  for (const [key, value] of Object.entries(s.counters).sort(([a], [b]) => a.localeCompare(b))) {
    const { name, labels } = counterSeries(key);
    // A process counter must not shadow a series taken from the database (two TYPE lines are invalid).
    if (out.has(name)) continue;
    byName.set(name, [...(byName.get(name) ?? []), { labels, value }]);
  }
  const raw: string[] = [];
  for (const [name, samples] of byName) {
    raw.push(`# TYPE ${name} ${name.endsWith('_total') ? 'counter' : 'gauge'}`);
    for (const x of samples) raw.push(`${name}${x.labels} ${fmt(x.value)}`);
  }
  return out.text() + (raw.length ? raw.join('\n') + '\n' : '');
}

export async function gatherMetrics(ctx: AppContext, timeoutMs = 2000): Promise<MetricsSnapshot> {
  const db = ctx.database.db;
  let databaseUp = true;
  let messages: Record<string, number> | null = null;
  let tickets: Record<string, number> | null = null;
  let outbox: OutboxBacklog | null = null;
  let dbSuccess: Date | null = null;
  try {
    [messages, tickets, outbox, dbSuccess] = await withTimeout(
      Promise.all([messagesByOutcome(db), ticketsByStatus(db), outboxBacklog(db), lastMailboxSuccess(db)]),
      timeoutMs,
      'database',
    );
  } catch (err) {
    databaseUp = false;
    ctx.log.warn({ msg: 'metrics: database query failed', component: 'web', err: describeError(err) });
  }
  const board = ctx.status.get('mailbox')?.lastSuccessAt ?? null;
  const latest = [dbSuccess, board].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const components: Record<string, { ok: boolean }> = {};
  for (const [name, c] of Object.entries(ctx.status.all())) components[name] = { ok: c.ok };
  return {
    databaseUp,
    messages,
    tickets,
    outbox,
    secondsSinceLastPoll: latest ? Math.max(0, (ctx.now().getTime() - latest.getTime()) / 1000) : null,
    components,
    counters: ctx.status.allCounters(),
  };
}
