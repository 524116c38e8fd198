import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { Database } from '../../src/db/client.js';
import { weekdayCalendar } from '../../src/deadlines/working-days.js';
import { createIntake, type Intake, type RightsClassifier } from '../../src/intake.js';
import { StatusBoard } from '../../src/lifecycle/status.js';
import { inlineReader } from '../../src/mail/reader.js';
import type { Logger } from '../../src/log.js';

// The real intake pipeline on a test database, with a logger whose lines the test can read.
// Configuration goes through loadConfig like in production. The classifier is a fixed stub and
// the hooks queue nothing: tests of mail sources care that a message arrives once, not about
// what the confirmation mail says.

export interface LogLine {
  level: string;
  msg: string;
  component?: string;
  [key: string]: unknown;
}

export interface CapturedLog {
  log: Logger;
  lines: LogLine[];
  /** Lines whose msg equals `msg` (and, when given, whose fields match `fields`). */
  find(msg: string, fields?: Record<string, unknown>): LogLine[];
}

/** A pino logger that keeps its lines in memory; PD_TEST_LOG=1 also echoes them to stderr. */
export function captureLog(level = process.env.PD_TEST_LOG_LEVEL ?? 'debug'): CapturedLog {
  const lines: LogLine[] = [];
  const echo = process.env.PD_TEST_LOG === '1';
  // A plain { write } destination: pino calls it synchronously, so lines are readable at once.
  const stream = {
    write(text: string) {
      const line = JSON.parse(text) as LogLine;
      lines.push(line);
      if (echo) process.stderr.write(text);
    },
  };
  const log = pino({ level, formatters: { level: (label) => ({ level: label }) } }, stream);
  return {
    log,
    lines,
    find: (msg, fields = {}) =>
      lines.filter((l) => l.msg === msg && Object.entries(fields).every(([k, v]) => l[k] === v)),
  };
}

/** One temp root per test process, removed when the process exits: no DATA_DIR is left behind. */
let tempRoot: string | undefined;
function dataDir(): string {
  if (!tempRoot) {
    const root = mkdtempSync(path.join(tmpdir(), 'pd-app-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    tempRoot = root;
  }
  return mkdtempSync(path.join(tempRoot, 'data-'));
}

/** loadConfig with test defaults: a fresh DATA_DIR and a fixed secret, plus `env`. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATA_DIR: dataDir(),
    APP_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    ...env,
  });
}

/** Says every letter asks for erasure, in Russian. */
export const STUB_CLASSIFIER: RightsClassifier = {
  classify: () => ({ rights: ['erasure'], confidence: { erasure: 1 }, language: 'ru', isRequest: true }),
};

export interface TestIntake {
  ctx: AppContext;
  intake: Intake;
  logs: CapturedLog;
}

export function openTestIntake(database: Database, env: Record<string, string> = {}, log?: Logger): TestIntake {
  const logs = captureLog();
  const ctx: AppContext = {
    config: testConfig(env),
    database,
    log: log ?? logs.log,
    status: new StatusBoard(),
    now: () => new Date(),
    calendar: weekdayCalendar,
  };
  const reader = inlineReader(STUB_CLASSIFIER, ctx.config.limits.processingTimeoutMs, ctx.config.staffThread.relayMaxAttachmentBytes);
  const intake = createIntake(ctx, { reader, hooks: { ticketOpened: async () => {} } });
  return { ctx, intake, logs };
}
