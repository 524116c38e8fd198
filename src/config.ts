import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AppError } from './errors.js';
import { isEmail, Reader, type Env } from './config-reader.js';
import { ensurePrivateDir } from './private-files.js';
import { RIGHTS, isLanguage, type Language, type Right } from './domain.js';
import { DEFAULT_CALENDAR_FILE } from './deadlines/calendar-data.js';
import type { ClockStart } from './deadlines/working-days.js';

// Configuration is read from the environment once, at start, and validated as a whole: every
// problem is reported together, each naming the variable and what it expects. With nothing set the
// service runs in local mode under DATA_DIR (embedded PGlite, a folder mailbox, a folder outbox).

export interface Config {
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  mailbox:
    | { kind: 'local'; inbox: string; processed: string; rejected: string }
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
        /** Log in without TLS to a non-loopback server that offers no STARTTLS (IMAP_ALLOW_PLAINTEXT). */
        allowPlaintext: boolean;
      };
  /**
   * Where mail goes. `connections` (SMTP_CONNECTIONS, default 1): SMTP connections kept open, each with an
   * outbox worker of its own sending on it.
   */
  smtp: { kind: 'folder'; dir: string } | { kind: 'smtp'; url: string; connections: number };
  http: {
    host: string;
    port: number;
    publicBaseUrl: string;
    /** Open sockets at most; more are refused until some close. */
    maxConnections: number;
    /** Host headers accepted besides PUBLIC_BASE_URL's and HTTP_HOST:HTTP_PORT (HTTP_ALLOWED_HOSTS). */
    allowedHosts: string[];
  };
  requestSubjects: string[];
  supportAddress: string;
  staffAddresses: string[];
  staffNotifyAddress: string;
  /** Language of mail to staff and managers. */
  staffLanguage: Language;
  managerAddresses: string[];
  org: { name: string; timeZone: string; privacyPolicyUrl: string };
  deadlines: {
    workingDays: number;
    perRight: Partial<Record<Right, number>>;
    /** What starts the clock: the request's arrival (the law's strictest reading) or its confirmation. */
    clockStart: ClockStart;
    /** The most working days one extension may add. */
    extendMaxWorkingDays: number;
  };
  /** The working-day calendar file (holidays, Kurban Ait, transfers per year). */
  calendarFile: string;
  verification: {
    tokenTtlHours: number;
    reminderAfterHours: number;
    expireAfterDays: number;
    maxPerRecipientPerDay: number;
    /** Per sending domain (of the normalised address), per budget. */
    maxPerDomainPerHour: number;
    /** Overall, for senders our server did not authenticate. */
    maxPerHour: number;
    /** Overall, for senders with a DMARC or SPF pass: a forged flood cannot spend it. */
    maxPerHourAuthenticated: number;
  };
  limits: {
    maxMessageBytes: number;
    processingTimeoutMs: number;
    maxAttempts: number;
    /** Stored messages processed at once (INTAKE_CONCURRENCY); one sender's mail is never concurrent. */
    concurrency: number;
    /** Messages an intake loop claims at once (INTAKE_BATCH); those pointing at no ticket share a transaction. */
    batchSize: number;
    /**
     * Worker threads that parse and classify (READER_THREADS). Each holds its own copy of the
     * parser and classifier (~50 MB); reading is a small part of a message's cost.
     */
    readerThreads: number;
  };
  /** Loop protection: at most `perRecipient` mails to one requester address per `windowHours`. */
  mailCap: { perRecipient: number; windowHours: number };
  /** Staff answering in a ticket's thread. */
  staffThread: {
    /** Relayed staff mails per ticket and hour before further ones are held. */
    relayMaxPerHour: number;
    /** Attachments of a staff reply relayed to the requester, in total. */
    relayMaxAttachmentBytes: number;
    /** A requester's letter reopens a closed ticket within this many days; later it opens a new one. */
    reopenWithinDays: number;
  };
  /** The managers' daily digest: minutes after local midnight, and on which days. */
  digest: { atMinutes: number; days: 'working' | 'all' };
  /** Years a finished ticket keeps its personal data; days for quarantined and ignored mail. */
  retention: { years: number; unmatchedDays: number };
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

export { isEmail };

/** Intake loops on PostgreSQL by default: enough to overlap database round trips on a small machine. */
export const DEFAULT_INTAKE_CONCURRENCY = 4;
/** Messages an intake loop takes at once on PostgreSQL by default: a flood costs a round trip per batch step. */
export const DEFAULT_INTAKE_BATCH = 8;

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
  const allowPlaintext = r.bool('IMAP_ALLOW_PLAINTEXT', false);
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
        allowPlaintext,
      }
    : {
        kind: 'local',
        inbox: path.join(dataDir, 'mail', 'inbox'),
        processed: path.join(dataDir, 'mail', 'processed'),
        rejected: path.join(dataDir, 'mail', 'rejected'),
      };
  if (imapUrl && !imapUrl.username) r.problems.push('IMAP_URL: expected a user name, as imap://user:password@host:port/INBOX');

  const smtpUrl = r.url('SMTP_URL', ['smtp:', 'smtps:']);
  const smtp: Config['smtp'] = smtpUrl
    ? { kind: 'smtp', url: smtpUrl.toString(), connections: r.int('SMTP_CONNECTIONS', 1, 1, 32) }
    : { kind: 'folder', dir: path.join(dataDir, 'mail', 'outbox') };

  const host = r.str('HTTP_HOST', '127.0.0.1');
  const port = r.int('HTTP_PORT', 8080, 0, 65535);
  const base = r.url('PUBLIC_BASE_URL', ['http:', 'https:']);
  const maxConnections = r.int('HTTP_MAX_CONNECTIONS', 256, 1, 100_000);
  const allowedHosts = (r.optional('HTTP_ALLOWED_HOSTS') ?? '').split(/[,\s]+/).map((h) => h.toLowerCase()).filter(Boolean);
  for (const h of allowedHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h)) r.problems.push(`HTTP_ALLOWED_HOSTS: "${h}" is not a host or host:port`);
  }
  const publicBaseUrl = (base?.toString() ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}/`).replace(/(?<!\/)\/+$/, '');

  const subjectsRaw = r.optional('REQUEST_SUBJECTS');
  const requestSubjects = subjectsRaw
    ? subjectsRaw.split(/[|\n]/).map((s) => s.trim()).filter(Boolean)
    : DEFAULT_REQUEST_SUBJECTS;
  if (requestSubjects.length === 0) r.problems.push('REQUEST_SUBJECTS: expected one or more subjects separated by "|"');

  const supportAddress = r.email('SUPPORT_ADDRESS', 'help@mexrontal.com');
  const supportDomain = supportAddress.split('@')[1] ?? 'example.com';
  const staffAddresses = r.emails('STAFF_ADDRESSES', [`privacy@${supportDomain}`], true);
  const staffNotifyAddress = r.email('STAFF_NOTIFY_ADDRESS', staffAddresses.find((a) => !a.startsWith('@')) ?? `privacy@${supportDomain}`);
  // `none`: no digest and no copies of overdue reminders (a desk without managers, or a test).
  const managerAddresses = r.optional('MANAGER_ADDRESSES')?.toLowerCase() === 'none' ? [] : r.emails('MANAGER_ADDRESSES', [`dpo@${supportDomain}`]);
  const staffLanguageRaw = r.str('STAFF_LANGUAGE', 'ru');
  const staffLanguage: Language = isLanguage(staffLanguageRaw) ? staffLanguageRaw : 'ru';
  if (!isLanguage(staffLanguageRaw)) r.problems.push(`STAFF_LANGUAGE="${staffLanguageRaw}": expected ru, kk or en`);

  const timeZone = r.str('ORG_TIMEZONE', 'Asia/Almaty');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    r.problems.push(`ORG_TIMEZONE="${timeZone}": expected an IANA time zone such as Asia/Almaty`);
  }
  const digestTime = r.str('DIGEST_TIME', '09:00');
  const hm = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(digestTime);
  if (!hm) r.problems.push(`DIGEST_TIME="${digestTime}": expected a time of day like 09:00`);
  const digestDays = r.str('DIGEST_DAYS', 'working');
  if (digestDays !== 'working' && digestDays !== 'all') r.problems.push(`DIGEST_DAYS="${digestDays}": expected working or all`);
  const policyUrl = r.url('PRIVACY_POLICY_URL', ['http:', 'https:']);

  const perRight: Partial<Record<Right, number>> = {};
  for (const right of RIGHTS) {
    const name = `DUE_WORKING_DAYS_${right.toUpperCase()}`;
    if (r.optional(name) !== undefined) perRight[right] = r.int(name, 10, 1, 90);
  }

  const clockStartRaw = r.str('DUE_CLOCK_START', 'received');
  const clockStart: ClockStart = clockStartRaw === 'confirmed' ? 'confirmed' : 'received';
  if (clockStartRaw !== 'received' && clockStartRaw !== 'confirmed') {
    r.problems.push(`DUE_CLOCK_START="${clockStartRaw}": expected received or confirmed`);
  }
  const calendarFile = path.resolve(r.str('CALENDAR_FILE', DEFAULT_CALENDAR_FILE));
  if (!existsSync(calendarFile)) r.problems.push(`CALENDAR_FILE="${calendarFile}": no such file`);

  const config: Config = {
    dataDir,
    database,
    mailbox,
    smtp,
    http: { host, port, publicBaseUrl, maxConnections, allowedHosts },
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
    deadlines: {
      workingDays: r.int('DUE_WORKING_DAYS', 10, 1, 90),
      perRight,
      clockStart,
      extendMaxWorkingDays: r.int('EXTEND_MAX_WORKING_DAYS', 30, 1, 90),
    },
    calendarFile,
    verification: {
      tokenTtlHours: r.int('TOKEN_TTL_HOURS', 72, 1, 24 * 30),
      reminderAfterHours: r.int('CONFIRM_REMINDER_HOURS', 48, 1, 24 * 30),
      expireAfterDays: r.int('UNVERIFIED_EXPIRE_DAYS', 7, 1, 90),
      maxPerRecipientPerDay: r.int('CONFIRM_MAX_PER_RECIPIENT_PER_DAY', 3, 1, 1000),
      maxPerDomainPerHour: r.int('CONFIRM_MAX_PER_DOMAIN_PER_HOUR', 50, 1, 100000),
      maxPerHour: r.int('CONFIRM_MAX_PER_HOUR', 200, 1, 100000),
      maxPerHourAuthenticated: r.int('CONFIRM_MAX_PER_HOUR_AUTHENTICATED', 200, 1, 100000),
    },
    limits: {
      maxMessageBytes: r.int('MAX_MESSAGE_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      processingTimeoutMs: r.int('PROCESSING_TIMEOUT_MS', 30_000, 100, 600_000),
      maxAttempts: r.int('PROCESSING_MAX_ATTEMPTS', 3, 1, 100),
      // PGlite runs one statement at a time: more loops only queue on it.
      concurrency: r.int('INTAKE_CONCURRENCY', database.kind === 'pglite' ? 1 : DEFAULT_INTAKE_CONCURRENCY, 1, 32),
      // PGlite has no round trips to save.
      batchSize: r.int('INTAKE_BATCH', database.kind === 'pglite' ? 1 : DEFAULT_INTAKE_BATCH, 1, 64),
      readerThreads: r.int('READER_THREADS', 1, 1, 16),
    },
    mailCap: {
      perRecipient: r.int('MAIL_CAP_PER_RECIPIENT', 10, 1, 10_000),
      windowHours: r.int('MAIL_CAP_WINDOW_HOURS', 3, 1, 24 * 7),
    },
    staffThread: {
      relayMaxPerHour: r.int('RELAY_MAX_PER_HOUR', 20, 1, 10_000),
      relayMaxAttachmentBytes: r.int('RELAY_MAX_ATTACHMENT_BYTES', 10 * 1024 * 1024, 0, 100 * 1024 * 1024),
      reopenWithinDays: r.int('REOPEN_WITHIN_DAYS', 30, 0, 3650),
    },
    digest: {
      atMinutes: hm ? Number(hm[1]) * 60 + Number(hm[2]) : 9 * 60,
      days: digestDays === 'all' ? 'all' : 'working',
    },
    retention: {
      years: r.int('RETENTION_YEARS', 3, 1, 100),
      unmatchedDays: r.int('RETENTION_UNMATCHED_DAYS', 90, 1, 3650),
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
  const usesDataDir = database.kind === 'pglite' || mailbox.kind === 'local' || smtp.kind === 'folder' || !config.secret;
  if (usesDataDir) assertWritableDir(dataDir);
  if (!config.secret) config.secret = localSecret(dataDir);
  return config;
}

/** DATA_DIR must exist (made if missing) and be writable by the user the service runs as. */
function assertWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError(
      'PD_DATA_DIR',
      `${dir} (${code}) for user "${currentUser()}": create it as a folder that user can write to, or point DATA_DIR elsewhere`,
      { cause: err },
    );
  }
}

/** Who the service runs as, for messages about files it cannot write. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** In local mode a random secret is made once and kept beside the data, so links survive restarts. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  ensurePrivateDir(dataDir);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    // An emptied or truncated file must not quietly sign links with a guessable key.
    if (kept.length < 32) {
      throw new AppError('PD_CONFIG_INVALID', `\n  - ${file}: expected at least 32 characters (delete it to have a new one made; links sent before stop working)`);
    }
    return kept;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
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
