import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import postgres from 'postgres';
import { SMTPServer } from 'smtp-server';
import { buildMail } from '../../test/helpers/mail.js';

// End to end, as a service runs: generated requests in a mailbox, the real service process from a
// cold start (node dist/cli.js start), and a local SMTP listener that accepts the confirmation
// mails. Once from Dovecot on PostgreSQL, once from the local inbox folder on PGlite. It starts the
// PostgreSQL and Dovecot it needs (scripts/services.sh, as `npm test` does) and stops them after.
// Figures: messages_per_second (cold start to the last confirmation accepted), the same messages
// parsed by mailparser alone, their ratio, arrival-to-mail latency for requests arriving one by one
// while the service is idle (p50, p99), and the service's peak RSS.
// BENCH_MESSAGES (default 10000) and BENCH_ARRIVALS (default 50) scale it down for a quick look.
// CPU milliseconds per message are printed too, for the service process and for what shares the
// machine with it (PostgreSQL's backends, Dovecot, the SMTP listener in this process): on a shared
// machine they move far less than the rate does, and together they say where the cores went. They
// are counted from the first confirmation to the last, leaving out the cold start; Dovecot's from
// the start, as it serves the backlog before the first mail goes. BENCH_PROF=<dir> writes the
// service's CPU profiles (node --cpu-prof, one per thread) there, to see where the time goes.
// The 1-minute load average at the end says how busy the machine was.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const ARRIVALS = Number(process.env.BENCH_ARRIVALS ?? 50);
const SECRET = 'bench-pipeline-secret-bench-pipeline-01';

interface Listener {
  port: number;
  /** In-Reply-To of each accepted mail (the request it answers) to when it was accepted. */
  accepted: Map<string, number>;
  close(): Promise<void>;
}

async function startListener(): Promise<Listener> {
  const accepted = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        // Only the header block is read: the listener must not be the slow part.
        const head = Buffer.concat(chunks).toString('latin1');
        const m = /^In-Reply-To:\s*(<[^>]+>)/im.exec(head.slice(0, head.indexOf('\r\n\r\n')));
        if (m) accepted.set(m[1]!, performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function request(i: number, tag: string): Buffer {
  return buildMail({ from: `bench${i}.${tag}@example.com`, messageId: `<bench-${tag}-${i}@example.com>`, date: new Date() });
}

/** CPU time (user + system, ms) a process has used so far, from /proc; 0 when it is gone. */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time of a server: the process in its pid file and every process it started. */
function serverCpuMs(pidFile: string | undefined): number {
  if (!pidFile) return 0;
  let master: number;
  try {
    master = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  let total = cpuMs(master);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
      if (ppid === master) total += cpuMs(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return total;
}

/** This process's CPU time (ms): the SMTP listener that takes the confirmations runs here. */
function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function waitUntil(what: string, cond: () => boolean, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** How npm start and scripts/privacy-desk.service run the service: they keep its resident memory small. */
const SERVICE_NODE_ARGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
const SERVICE_ENV = { MALLOC_ARENA_MAX: '2' };

/** BENCH_ENV="INTAKE_BATCH=16 READER_THREADS=2": service settings to try, over the defaults. */
function serviceSettings(): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of (process.env.BENCH_ENV ?? '').split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`BENCH_ENV: "${pair}" is not NAME=value`);
    settings[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return settings;
}

/** The service as a supervisor runs it, with its resident memory sampled while it works. */
function startService(env: Record<string, string>): { child: ChildProcess; peakRssMb: () => number; stop: () => Promise<void> } {
  const child = spawn(process.execPath, [...SERVICE_NODE_ARGS, ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []), 'dist/cli.js', 'start'], {
    cwd: repoRoot,
    env: { ...SERVICE_ENV, PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: process.env.BENCH_LOG ? 'info' : 'warn', HTTP_PORT: '0', APP_SECRET: SECRET, ...env, ...serviceSettings() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // BENCH_LOG=file keeps the service's log lines, to see where the time goes.
  const logFile = process.env.BENCH_LOG;
  child.stdout?.on('data', (d: Buffer) => {
    if (logFile) appendFileSync(logFile, d);
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  let peakKb = 0;
  const sampler = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      // The process has ended between two samples.
    }
  }, 100);
  child.on('exit', (code) => {
    clearInterval(sampler);
    if (code !== 0 && code !== null) process.stderr.write(`[bench] service exited ${code}: ${stderr}\n`);
  });
  return {
    child,
    peakRssMb: () => Math.round(peakKb / 1024),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function parseOnly(raws: Buffer[]): Promise<number> {
  const started = performance.now();
  for (const raw of raws) await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  return (raws.length / (performance.now() - started)) * 1000;
}

interface Source {
  database: 'postgres' | 'pglite';
  /** PostgreSQL's pid file, to count its CPU time; none for PGlite (it runs in the service). */
  pgPidFile?: string;
  /** Dovecot's pid file, likewise; none for the local folder. */
  dovecotPidFile?: string;
  env: Record<string, string>;
  /** Puts messages where the service reads them, before it starts. */
  preload(raws: Buffer[]): Promise<void>;
  /** One message arriving while the service runs; resolves when it is in the mailbox. */
  arrive(raw: Buffer): Promise<void>;
}

async function measure(source: Source, listener: Listener): Promise<Record<string, unknown>> {
  const raws = Array.from({ length: MESSAGES }, (_, i) => request(i, source.database));
  await source.preload(raws);
  const parseRate = await parseOnly(raws);

  listener.accepted.clear();
  const started = performance.now();
  // Dovecot's part (the service fetching the backlog) is mostly over before the first mail goes.
  const dovecotAtStart = serverCpuMs(source.dovecotPidFile);
  const svc = startService({ ...source.env, SMTP_URL: `smtp://127.0.0.1:${listener.port}` });
  try {
    // CPU per message is counted from the first confirmation to the last: the cold start is not in it,
    // and unlike the rate it does not depend much on what else the machine is doing.
    await waitUntil('the first confirmation mail', () => listener.accepted.size >= 1, 10 * 60_000, svc.child);
    const cpuAt = () => ({ service: cpuMs(svc.child.pid!), pg: serverCpuMs(source.pgPidFile), dovecot: serverCpuMs(source.dovecotPidFile), listener: ownCpuMs() });
    const cpuAtFirst = cpuAt();
    const firstMailMs = performance.now() - started;
    await waitUntil(`${MESSAGES} confirmation mails`, () => listener.accepted.size >= MESSAGES, 60 * 60_000, svc.child);
    const rate = (MESSAGES / (performance.now() - started)) * 1000;
    const perMessage = (now: number, then: number) => Number(((now - then) / Math.max(1, MESSAGES - 1)).toFixed(1));
    const cpuAtLast = cpuAt();
    const cpu = (k: keyof typeof cpuAtLast) => perMessage(cpuAtLast[k], cpuAtFirst[k]);

    // Idle service, one request at a time: arrival in the mailbox to the mail accepted.
    const latencies: number[] = [];
    for (let i = 0; i < ARRIVALS; i++) {
      const raw = request(i, `${source.database}-arrival`);
      const id = `<bench-${source.database}-arrival-${i}@example.com>`;
      await source.arrive(raw);
      const arrived = performance.now();
      await waitUntil(`the mail for arrival ${i}`, () => listener.accepted.has(id), 120_000, svc.child);
      latencies.push(listener.accepted.get(id)! - arrived);
      await new Promise((r) => setTimeout(r, 200));
    }
    latencies.sort((a, b) => a - b);
    return {
      database: source.database,
      messages: MESSAGES,
      messages_per_second: Number(rate.toFixed(1)),
      parse_only_messages_per_second: Number(parseRate.toFixed(1)),
      ratio_to_parse_only: Number((rate / parseRate).toFixed(4)),
      arrival_to_mail_p50_ms: Math.round(percentile(latencies, 50)),
      arrival_to_mail_p99_ms: Math.round(percentile(latencies, 99)),
      peak_rss_mb: svc.peakRssMb(),
      first_mail_ms: Math.round(firstMailMs),
      service_cpu_ms_per_message: cpu('service'),
      ...(source.pgPidFile ? { postgres_cpu_ms_per_message: cpu('pg') } : {}),
      ...(source.dovecotPidFile ? { dovecot_cpu_ms_per_message: perMessage(cpuAtLast.dovecot, dovecotAtStart) } : {}),
      listener_cpu_ms_per_message: cpu('listener'),
      load_average_1m: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    };
  } finally {
    await svc.stop();
  }
}

async function postgresSource(env: Record<string, string>, work: string, services: string): Promise<Source> {
  const admin = postgres(env.PD_TEST_PG_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe('drop database if exists pd_bench with (force)');
  await admin.unsafe('create database pd_bench');
  await admin.end({ timeout: 5 });
  const url = new URL(env.PD_TEST_PG_URL!);
  url.pathname = '/pd_bench';
  const user = `bench${Date.now().toString(36)}`;
  const imap = { host: env.PD_TEST_IMAP_HOST!, port: Number(env.PD_TEST_IMAP_PORT), pass: env.PD_TEST_IMAP_PASSWORD! };
  const { ImapFlow } = await import('imapflow');
  const append = async (raws: Buffer[]): Promise<void> => {
    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user, pass: imap.pass }, logger: false });
    await client.connect();
    try {
      for (const raw of raws) await client.append('INBOX', raw);
    } finally {
      await client.logout();
    }
  };
  return {
    database: 'postgres',
    pgPidFile: path.join(services, 'pg', 'data', 'postmaster.pid'),
    dovecotPidFile: path.join(services, 'dovecot', 'run', 'master.pid'),
    env: {
      DATA_DIR: path.join(work, 'pg-data'),
      DATABASE_URL: url.toString(),
      IMAP_URL: `imap://${encodeURIComponent(user)}:${encodeURIComponent(imap.pass)}@${imap.host}:${imap.port}/INBOX`,
      IMAP_START: 'all',
      // A backlog of this size is one person's flood: the per-recipient budgets must not hold it.
      CONFIRM_MAX_PER_HOUR: '100000',
      CONFIRM_MAX_PER_HOUR_AUTHENTICATED: '100000',
      CONFIRM_MAX_PER_DOMAIN_PER_HOUR: '100000',
    },
    preload: append,
    arrive: (raw) => append([raw]),
  };
}

function pgliteSource(work: string): Source {
  const dataDir = path.join(work, 'pglite-data');
  const inbox = path.join(dataDir, 'mail', 'inbox');
  mkdirSync(inbox, { recursive: true });
  let n = 0;
  const drop = (raw: Buffer): void => {
    const tmp = path.join(dataDir, `drop-${++n}.tmp`);
    writeFileSync(tmp, raw);
    renameSync(tmp, path.join(inbox, `m-${String(n).padStart(6, '0')}.eml`));
  };
  return {
    database: 'pglite',
    env: { DATA_DIR: dataDir, CONFIRM_MAX_PER_HOUR: '100000', CONFIRM_MAX_PER_HOUR_AUTHENTICATED: '100000', CONFIRM_MAX_PER_DOMAIN_PER_HOUR: '100000' },
    preload: async (raws) => raws.forEach(drop),
    arrive: async (raw) => drop(raw),
  };
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const work = mkdtempSync(path.join(tmpdir(), 'pd-bench-pipeline-'));
  // A directory of its own, as `npm test` uses: PostgreSQL runs as its own user and must reach it.
  const services = mkdtempSync(path.join(tmpdir(), 'pd-bench-services-'));
  execFileSync('bash', [path.join(repoRoot, 'scripts/services.sh'), 'start', services], { stdio: ['ignore', 'ignore', 'inherit'] });
  const env: Record<string, string> = {};
  for (const line of readFileSync(path.join(services, 'env'), 'utf8').split('\n')) {
    const m = /^export (\w+)='(.*)'$/.exec(line);
    if (m) env[m[1]!] = m[2]!;
  }
  const listener = await startListener();
  try {
    // BENCH_DATABASES=postgres (or pglite) measures only that one, for a quicker look.
    const only = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',');
    const figures: Array<Record<string, unknown>> = [];
    if (only.includes('postgres')) figures.push(await measure(await postgresSource(env, work, services), listener));
    if (only.includes('pglite')) figures.push(await measure(pgliteSource(work), listener));
    return figures;
  } finally {
    await listener.close();
    execFileSync('bash', [path.join(repoRoot, 'scripts/services.sh'), 'stop', services], { stdio: ['ignore', 'ignore', 'inherit'] });
    rmSync(work, { recursive: true, force: true });
  }
}
