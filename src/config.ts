import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from './errors.js';
import { RIGHTS, isLanguage, type Language, type Right } from './domain.js';

// Configuration is read from the environment once, at start, and validated as a whole: every
// problem is reported together, each naming the variable and what it expects. With nothing set the
// service runs in local mode under DATA_DIR (embedded PGlite, a folder mailbox, a folder outbox).

export interface Config {
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  mailbox:
    | { kind: 'local'; inbox: string; processed: string }
    | {
        kind: 'imap';
        host: string;
        port: number;
        secure: boolean;
        user: string;
        password: string;
        mailbox: string;
        pollSeconds: number;
        /** Where intake begins on a mailbox it has never seen: 'now', 'all', or a date. */
        start: 'now' | 'all' | Date;
        batchSize: number;
      };
  smtp: { kind: 'folder'; dir: string } | { kind: 'smtp'; url: string };
  http: { host: string; port: number; publicBaseUrl: string };
  requestSubjects: string[];
  supportAddress: string;
  staffAddresses: string[];
  staffNotifyAddress: string;
  /** Language of mail to staff and managers. */
  staffLanguage: Language;
  managerAddresses: string[];
  org: { name: string; timeZone: string; privacyPolicyUrl: string };
  deadlines: { workingDays: number; perRight: Partial<Record<Right, number>> };
  verification: {
    tokenTtlHours: number;
    reminderAfterHours: number;
    expireAfterDays: number;
    maxPerRecipientPerDay: number;
    maxPerHour: number;
  };
  limits: { maxMessageBytes: number; processingTimeoutMs: number; maxAttempts: number };
  /** Loop protection: at most `perRecipient` mails to one requester address per `windowHours`. */
  mailCap: { perRecipient: number; windowHours: number };
  /** authserv-id of our receiving mail server: only its Authentication-Results are trusted. */
  authservId: string | null;
  secret: string;
  logLevel: string;
  /** DB_WAIT_SECONDS: how long to wait for the database at start; null = the command's default. */
  dbWaitSeconds: number | null;
  /** HEALTHZ_TOKEN: shows /healthz details to callers off loopback that present it. */
  healthzToken: string | null;
}

export const DEFAULT_REQUEST_SUBJECTS = [
  'Запрос на управление данными',
  'Деректерді басқаруға сұрау',
  'Data management request',
];

type Env = Record<string, string | undefined>;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  str(name: string, fallback: string): string {
    const v = this.env[name]?.trim();
    return v === undefined || v === '' ? fallback : v;
  }

  optional(name: string): string | undefined {
    const v = this.env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name}="${raw}": expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  url(name: string, protocols: string[]): URL | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        this.problems.push(`${name}: expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);
        return undefined;
      }
      return u;
    } catch {
      this.problems.push(`${name}: not a valid URL (expected e.g. ${protocols[0]}//user:password@host:port)`);
      return undefined;
    }
  }

  email(name: string, fallback: string): string {
    const v = this.str(name, fallback).toLowerCase();
    if (!isEmail(v)) this.problems.push(`${name}="${v}": expected one email address`);
    return v;
  }

  /** Comma-separated addresses; `@domain` entries allowed when `domains` is true. */
  emails(name: string, fallback: string[], domains = false): string[] {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const items = raw.split(/[,\s;]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
    for (const item of items) {
      const ok = isEmail(item) || (domains && /^@[a-z0-9.-]+\.[a-z]{2,}$/.test(item));
      if (!ok) this.problems.push(`${name}: "${item}" is not an email address${domains ? ' or @domain' : ''}`);
    }
    return items;
  }
}

export function isEmail(value: string): boolean {
  return /^[^\s@<>()",;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value);
}

export function loadConfig(env: Env = process.env): Config {
  const r = new Reader(env);
  const dataDir = path.resolve(r.str('DATA_DIR', './var'));

  const dbUrl = r.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const database: Config['database'] = dbUrl
    ? { kind: 'postgres', url: dbUrl.toString() }
    : { kind: 'pglite', dir: path.join(dataDir, 'db') };

  const imapUrl = r.url('IMAP_URL', ['imap:', 'imaps:']);
  const pollSeconds = r.int('IMAP_POLL_SECONDS', 120, 5, 3600);
  const batchSize = r.int('IMAP_BATCH_SIZE', 50, 1, 1000);
  const startRaw = r.str('IMAP_START', 'now');
  let start: 'now' | 'all' | Date = 'now';
  if (startRaw === 'now' || startRaw === 'all') start = startRaw;
  else if (/^\d{4}-\d{2}-\d{2}/.test(startRaw) && !Number.isNaN(Date.parse(startRaw))) start = new Date(startRaw);
  else r.problems.push(`IMAP_START="${startRaw}": expected "now", "all" or a date like 2026-01-31`);

  const mailbox: Config['mailbox'] = imapUrl
    ? {
        kind: 'imap',
        host: imapUrl.hostname,
        port: imapUrl.port ? Number(imapUrl.port) : imapUrl.protocol === 'imaps:' ? 993 : 143,
        secure: imapUrl.protocol === 'imaps:',
        user: decodeURIComponent(imapUrl.username),
        password: decodeURIComponent(imapUrl.password),
        mailbox: r.str('IMAP_MAILBOX', decodeURIComponent(imapUrl.pathname.replace(/^\//, '')) || 'INBOX'),
        pollSeconds,
        start,
        batchSize,
      }
    : {
        kind: 'local',
        inbox: path.join(dataDir, 'mail', 'inbox'),
        processed: path.join(dataDir, 'mail', 'processed'),
      };
  if (imapUrl && !imapUrl.username) r.problems.push('IMAP_URL: expected a user name, as imap://user:password@host:port/INBOX');

  const smtpUrl = r.url('SMTP_URL', ['smtp:', 'smtps:']);
  const smtp: Config['smtp'] = smtpUrl
    ? { kind: 'smtp', url: smtpUrl.toString() }
    : { kind: 'folder', dir: path.join(dataDir, 'mail', 'outbox') };

  const host = r.str('HTTP_HOST', '127.0.0.1');
  const port = r.int('HTTP_PORT', 8080, 0, 65535);
  const base = r.url('PUBLIC_BASE_URL', ['http:', 'https:']);
  const publicBaseUrl = (base?.toString() ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}/`).replace(/\/+$/, '');

  const subjectsRaw = r.optional('REQUEST_SUBJECTS');
  const requestSubjects = subjectsRaw
    ? subjectsRaw.split(/[|\n]/).map((s) => s.trim()).filter(Boolean)
    : DEFAULT_REQUEST_SUBJECTS;
  if (requestSubjects.length === 0) r.problems.push('REQUEST_SUBJECTS: expected one or more subjects separated by "|"');

  const supportAddress = r.email('SUPPORT_ADDRESS', 'help@mexrontal.com');
  const supportDomain = supportAddress.split('@')[1] ?? 'example.com';
  const staffAddresses = r.emails('STAFF_ADDRESSES', [`privacy@${supportDomain}`], true);
  const staffNotifyAddress = r.email('STAFF_NOTIFY_ADDRESS', staffAddresses.find((a) => !a.startsWith('@')) ?? `privacy@${supportDomain}`);
  const managerAddresses = r.emails('MANAGER_ADDRESSES', [`dpo@${supportDomain}`]);
  const staffLanguageRaw = r.str('STAFF_LANGUAGE', 'ru');
  const staffLanguage: Language = isLanguage(staffLanguageRaw) ? staffLanguageRaw : 'ru';
  if (!isLanguage(staffLanguageRaw)) r.problems.push(`STAFF_LANGUAGE="${staffLanguageRaw}": expected ru, kk or en`);

  const timeZone = r.str('ORG_TIMEZONE', 'Asia/Almaty');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    r.problems.push(`ORG_TIMEZONE="${timeZone}": expected an IANA time zone such as Asia/Almaty`);
  }
  const policyUrl = r.url('PRIVACY_POLICY_URL', ['http:', 'https:']);

  const perRight: Partial<Record<Right, number>> = {};
  for (const right of RIGHTS) {
    const name = `DUE_WORKING_DAYS_${right.toUpperCase()}`;
    if (r.optional(name) !== undefined) perRight[right] = r.int(name, 10, 1, 90);
  }

  const config: Config = {
    dataDir,
    database,
    mailbox,
    smtp,
    http: { host, port, publicBaseUrl },
    requestSubjects,
    supportAddress,
    staffAddresses,
    staffNotifyAddress,
    staffLanguage,
    managerAddresses,
    org: {
      name: r.str('ORG_NAME', 'Mexrontal'),
      timeZone,
      privacyPolicyUrl: policyUrl?.toString() ?? `https://${supportDomain}/privacy`,
    },
    deadlines: { workingDays: r.int('DUE_WORKING_DAYS', 10, 1, 90), perRight },
    verification: {
      tokenTtlHours: r.int('TOKEN_TTL_HOURS', 72, 1, 24 * 30),
      reminderAfterHours: r.int('CONFIRM_REMINDER_HOURS', 48, 1, 24 * 30),
      expireAfterDays: r.int('UNVERIFIED_EXPIRE_DAYS', 7, 1, 90),
      maxPerRecipientPerDay: r.int('CONFIRM_MAX_PER_RECIPIENT_PER_DAY', 3, 1, 1000),
      maxPerHour: r.int('CONFIRM_MAX_PER_HOUR', 200, 1, 100000),
    },
    limits: {
      maxMessageBytes: r.int('MAX_MESSAGE_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      processingTimeoutMs: r.int('PROCESSING_TIMEOUT_MS', 30_000, 100, 600_000),
      maxAttempts: r.int('PROCESSING_MAX_ATTEMPTS', 3, 1, 100),
    },
    mailCap: {
      perRecipient: r.int('MAIL_CAP_PER_RECIPIENT', 10, 1, 10_000),
      windowHours: r.int('MAIL_CAP_WINDOW_HOURS', 3, 1, 24 * 7),
    },
    authservId: r.optional('AUTHSERV_ID')?.toLowerCase() ?? null,
    secret: r.optional('APP_SECRET') ?? '',
    logLevel: r.str('LOG_LEVEL', 'info'),
    dbWaitSeconds: r.optional('DB_WAIT_SECONDS') === undefined ? null : r.int('DB_WAIT_SECONDS', 0, 0, 31_536_000),
    healthzToken: r.optional('HEALTHZ_TOKEN') ?? null,
  };
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(config.logLevel)) {
    r.problems.push(`LOG_LEVEL="${config.logLevel}": expected one of fatal, error, warn, info, debug, trace, silent`);
  }
  if (config.secret && config.secret.length < 32) r.problems.push('APP_SECRET: expected at least 32 characters');
  if (!config.secret && database.kind === 'postgres') {
    r.problems.push('APP_SECRET: required with DATABASE_URL (at least 32 random characters; it signs our Message-IDs and forms)');
  }

  if (r.problems.length > 0) {
    throw new AppError('PD_CONFIG_INVALID', `\n  - ${r.problems.join('\n  - ')}`);
  }
  if (!config.secret) config.secret = localSecret(dataDir);
  return config;
}

/** In local mode a random secret is made once and kept beside the data, so links survive restarts. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Reads `.env` from the working directory, if there is one; real environment variables win. */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

export function dueDaysFor(config: Config, rights: readonly Right[]): number {
  const days = rights.map((r) => config.deadlines.perRight[r] ?? config.deadlines.workingDays);
  return days.length > 0 ? Math.min(...days) : config.deadlines.workingDays;
}
