import { describe, expect, it } from 'vitest';
import type { OutboxBacklog } from '../../src/outbox/backlog.js';
import { evaluateHealth, httpStatusFor, mayShowDetails, summarizeHealth, type HealthFacts } from '../../src/web/health.js';
import { counterSeries, escapeLabel, labelValue, renderMetrics, type MetricsSnapshot } from '../../src/web/metrics.js';

const now = new Date('2026-03-02T10:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000);

function backlog(over: Partial<OutboxBacklog> = {}): OutboxBacklog {
  return { pending: 0, sending: 0, failed: 0, oldestPendingSeconds: 0, ...over };
}

function facts(over: Partial<HealthFacts> = {}): HealthFacts {
  return {
    now,
    startedAt: ago(3600),
    database: { ok: true },
    mailboxLastSuccessAt: ago(30),
    pollIntervalSeconds: 120,
    outboxBacklog: backlog({ pending: 2 }),
    ...over,
  };
}

describe('evaluateHealth', () => {
  it('says stopping (503) while the service shuts down, whatever else holds', () => {
    const r = evaluateHealth(facts({ stopping: true }));
    expect(r.status).toBe('stopping');
    expect(httpStatusFor(r)).toBe(503);
    expect(r.reasons[0]).toMatch(/^stopping/);
  });

  it('shows error strings only to loopback or a HEALTHZ_TOKEN holder; others get which part fails', () => {
    const r = evaluateHealth(facts({ database: { ok: false, error: 'PD_DB_UNAVAILABLE: connect ECONNREFUSED 10.0.0.5:5432' }, outboxBacklog: null }));
    const summary = summarizeHealth(r);
    expect(summary).toMatchObject({ status: 'failing', database: { ok: false }, reasons: ['database: see details'] });
    expect(JSON.stringify(summary)).not.toContain('10.0.0.5');
    expect(mayShowDetails('127.0.0.1', null, undefined, null)).toBe(true);
    expect(mayShowDetails('::1', null, undefined, null)).toBe(true);
    expect(mayShowDetails('::ffff:127.0.0.1', null, undefined, null)).toBe(true);
    expect(mayShowDetails('203.0.113.9', null, undefined, null)).toBe(false);
    expect(mayShowDetails('203.0.113.9', 's3cret-token', 'Bearer s3cret-token', null)).toBe(true);
    expect(mayShowDetails('203.0.113.9', 's3cret-token', undefined, 's3cret-token')).toBe(true);
    expect(mayShowDetails('203.0.113.9', 's3cret-token', 'Bearer wrong-token!', null)).toBe(false);
    expect(mayShowDetails('203.0.113.9', 's3cret-token', undefined, 'short')).toBe(false);
  });

  it('is ok when the database answers and the mailbox polled recently', () => {
    const r = evaluateHealth(facts());
    expect(r.status).toBe('ok');
    expect(httpStatusFor(r)).toBe(200);
    expect(r.mailbox).toMatchObject({ ok: true, secondsSinceLastPoll: 30, maxSecondsWithoutPoll: 360 });
    expect(r.outbox).toMatchObject({ ok: true, pending: 2, sending: 0, failed: 0, oldestPendingSeconds: 0 });
  });

  it('fails (503) when the database is down, and says so', () => {
    const r = evaluateHealth(facts({ database: { ok: false, error: 'ECONNREFUSED' }, outboxBacklog: null }));
    expect(r.status).toBe('failing');
    expect(httpStatusFor(r)).toBe(503);
    expect(r.reasons.join()).toMatch(/database: not reachable \(ECONNREFUSED\)/);
    expect(r.outbox.pending).toBeNull();
  });

  it('fails when the last successful poll is older than three poll intervals', () => {
    expect(evaluateHealth(facts({ mailboxLastSuccessAt: ago(360) })).status).toBe('ok');
    const r = evaluateHealth(facts({ mailboxLastSuccessAt: ago(361) }));
    expect(r.status).toBe('failing');
    expect(r.reasons[0]).toBe('mailbox: last successful poll 361 s ago (limit 360 s)');
  });

  it('gives a fresh start time to poll, then fails if no poll ever succeeded', () => {
    expect(evaluateHealth(facts({ mailboxLastSuccessAt: null, startedAt: ago(10) })).status).toBe('ok');
    const r = evaluateHealth(facts({ mailboxLastSuccessAt: null, startedAt: ago(400) }));
    expect(r.status).toBe('failing');
    expect(r.reasons[0]).toMatch(/no successful poll since start/);
  });

  it('is degraded for a failed last poll within the window, failed mail, or a failing scheduler', () => {
    expect(evaluateHealth(facts({ mailboxComponent: { ok: false, lastError: 'auth' } }))).toMatchObject({ status: 'degraded', mailbox: { lastError: 'auth' } });
    expect(evaluateHealth(facts({ outboxBacklog: backlog({ failed: 1 }) })).reasons).toEqual(['outbox: 1 mail(s) failed permanently and need a person']);
    expect(evaluateHealth(facts({ schedulerComponent: { ok: false, lastError: 'x' } })).status).toBe('degraded');
    expect(httpStatusFor(evaluateHealth(facts({ outboxBacklog: backlog({ failed: 1 }) })))).toBe(200);
  });
});

describe('renderMetrics', () => {
  const snapshot: MetricsSnapshot = {
    databaseUp: true,
    messages: { ticket: 3, quarantined: 1 },
    tickets: { unverified: 2, open: 1 },
    outbox: { pending: 4, sending: 0, failed: 0, oldestPendingSeconds: 7 },
    secondsSinceLastPoll: 12.5,
    components: { mailbox: { ok: true }, outbox: { ok: false } },
    counters: { imap_reconnects_total: 2, 'outbox_sent_total{template="ack"}': 5, 'weird key!': 1, messages_total: 99 },
  };

  it('writes the series with HELP/TYPE and zeros for known label values', () => {
    const text = renderMetrics(snapshot);
    expect(text).toContain('# TYPE privacy_desk_messages_total counter');
    expect(text).toContain('privacy_desk_messages_total{outcome="ticket"} 3');
    expect(text).toContain('privacy_desk_messages_total{outcome="duplicate"} 0');
    expect(text).toContain('# TYPE privacy_desk_tickets gauge');
    expect(text).toContain('privacy_desk_tickets{status="unverified"} 2');
    expect(text).toContain('privacy_desk_tickets{status="expired"} 0');
    expect(text).toContain('privacy_desk_outbox_backlog{status="pending"} 4');
    expect(text).toContain('privacy_desk_outbox_backlog{status="failed"} 0');
    expect(text).toContain('privacy_desk_outbox_oldest_pending_seconds 7');
    expect(text).toContain('privacy_desk_mailbox_seconds_since_last_poll 12.5');
    expect(text).toContain('privacy_desk_component_up{component="outbox"} 0');
    expect(text).toContain('privacy_desk_database_up 1');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('adds process counters, prefixed, typed by name, and never a second TYPE for a database series', () => {
    const text = renderMetrics(snapshot);
    expect(text).toContain('# TYPE privacy_desk_imap_reconnects_total counter');
    expect(text).toContain('privacy_desk_imap_reconnects_total 2');
    expect(text).toContain('privacy_desk_outbox_sent_total{template="ack"} 5');
    expect(text).toContain('privacy_desk_weird_key_ 1');
    expect(text.match(/# TYPE privacy_desk_messages_total /g)).toHaveLength(1);
    expect(text).not.toContain(' 99');
    // Every sample line is `name{labels} value`.
    for (const line of text.trim().split('\n').filter((l) => !l.startsWith('#'))) {
      expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (-?[0-9.e+]+|NaN|[+-]Inf)$/);
    }
  });

  it('has every series with HELP and TYPE from the first scrape: process counters and components at 0', () => {
    const text = renderMetrics({ databaseUp: true, messages: {}, tickets: {}, outbox: backlog(), secondsSinceLastPoll: null, components: {}, counters: {} });
    for (const name of ['imap_reconnects_total', 'imap_messages_total', 'tickets_opened_total', 'outbox_retries_total', 'messages_quarantined_total']) {
      expect(text).toContain(`# HELP privacy_desk_${name} `);
      expect(text).toContain(`# TYPE privacy_desk_${name} counter`);
      expect(text).toContain(`\nprivacy_desk_${name} 0\n`);
    }
    expect(text).toContain('privacy_desk_outbox_sent_total{template="confirm_request"} 0');
    for (const c of ['database', 'mailbox', 'outbox', 'scheduler', 'web']) expect(text).toMatch(new RegExp(`privacy_desk_component_up\\{component="${c}"\\} [01]\n`));
    // Every TYPE line comes with a HELP line.
    const types = text.match(/^# TYPE (\S+)/gm)!.map((l) => l.split(' ')[2]);
    for (const t of types) expect(text).toContain(`# HELP ${t} `);
  });

  it('says NaN before the first poll and leaves out database series when the database is down', () => {
    const text = renderMetrics({ ...snapshot, components: { database: { ok: true } }, databaseUp: false, messages: null, tickets: null, outbox: null, secondsSinceLastPoll: null });
    expect(text).toContain('privacy_desk_database_up 0');
    expect(text).toContain('privacy_desk_component_up{component="database"} 0');
    expect(text).toContain('# TYPE privacy_desk_tickets gauge');
    expect(text).toContain('privacy_desk_mailbox_seconds_since_last_poll NaN');
    expect(text).not.toContain('privacy_desk_tickets{');
  });

  it('escapes label values and repairs counter names', () => {
    expect(escapeLabel('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(counterSeries('x_total')).toEqual({ name: 'privacy_desk_x_total', labels: '' });
    expect(counterSeries('privacy_desk_y')).toEqual({ name: 'privacy_desk_y', labels: '' });
    expect(counterSeries('9lives')).toEqual({ name: 'privacy_desk__9lives', labels: '' });
  });
});

describe('labelValue', () => {
  it('reads one label of a counter key, or null when the key has no such label', () => {
    expect(labelValue('{reason="timeout",kind="smtp"}', 'kind')).toBe('smtp');
    expect(labelValue('{reason="timeout"}', 'reason')).toBe('timeout');
    expect(labelValue('{reason="timeout"}', 'kind')).toBeNull();
    expect(labelValue('', 'kind')).toBeNull();
  });
});
