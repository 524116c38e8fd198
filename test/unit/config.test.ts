import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_SUBJECTS, dueDaysFor, loadConfig } from '../../src/config.js';
import { isAppError } from '../../src/errors.js';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'pd-config-'));

describe('loadConfig', () => {
  it('runs in local mode with nothing configured', () => {
    const dir = dataDir();
    const c = loadConfig({ DATA_DIR: dir });
    expect(c.database).toEqual({ kind: 'pglite', dir: path.join(dir, 'db') });
    expect(c.mailbox).toMatchObject({ kind: 'local', inbox: path.join(dir, 'mail', 'inbox') });
    expect(c.smtp).toEqual({ kind: 'folder', dir: path.join(dir, 'mail', 'outbox') });
    expect(c.http).toEqual({ host: '127.0.0.1', port: 8080, publicBaseUrl: 'http://127.0.0.1:8080', maxConnections: 256, allowedHosts: [] });
    expect(c.requestSubjects).toEqual(DEFAULT_REQUEST_SUBJECTS);
    expect(c.supportAddress).toBe('help@mexrontal.com');
    expect(c.org.timeZone).toBe('Asia/Almaty');
    expect(c.secret.length).toBeGreaterThanOrEqual(32);
  });

  it('keeps the generated local secret across restarts', () => {
    const dir = dataDir();
    expect(loadConfig({ DATA_DIR: dir }).secret).toBe(loadConfig({ DATA_DIR: dir }).secret);
  });

  it('uses IMAP, SMTP and PostgreSQL when their URLs are set', () => {
    const c = loadConfig({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://pd@127.0.0.1:5432/pd',
      IMAP_URL: 'imaps://help%40mexrontal.com:s3cret@imap.example.com/Support',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      APP_SECRET: 'x'.repeat(40),
      IMAP_START: '2026-11-01',
    });
    expect(c.database.kind).toBe('postgres');
    expect(c.mailbox).toMatchObject({ kind: 'imap', host: 'imap.example.com', port: 993, secure: true, user: 'help@mexrontal.com', password: 's3cret', mailbox: 'Support' });
    expect(c.mailbox.kind === 'imap' && c.mailbox.start).toEqual(new Date('2026-11-01'));
    expect(c.smtp).toEqual({ kind: 'smtp', url: 'smtp://127.0.0.1:2525', connections: 1 });
  });

  it('batches intake on PostgreSQL, one at a time on PGlite, and takes the batch and SMTP connection settings', () => {
    const pg = { DATA_DIR: dataDir(), DATABASE_URL: 'postgres://pd@127.0.0.1:5432/pd', APP_SECRET: 'x'.repeat(40) };
    expect(loadConfig(pg).limits).toMatchObject({ concurrency: 4, batchSize: 8 });
    expect(loadConfig({ DATA_DIR: dataDir() }).limits).toMatchObject({ concurrency: 1, batchSize: 1 });
    const set = loadConfig({ ...pg, INTAKE_BATCH: '16', SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_CONNECTIONS: '2' });
    expect(set.limits.batchSize).toBe(16);
    expect(set.smtp).toEqual({ kind: 'smtp', url: 'smtp://127.0.0.1:2525', connections: 2 });
    expect(() => loadConfig({ ...pg, INTAKE_BATCH: '0', SMTP_URL: 'smtp://127.0.0.1:2525', SMTP_CONNECTIONS: '100' })).toThrow(/INTAKE_BATCH[\s\S]*SMTP_CONNECTIONS|SMTP_CONNECTIONS[\s\S]*INTAKE_BATCH/);
  });

  it('reports every wrong value at once, naming the variable and what it expects', () => {
    let message = '';
    try {
      loadConfig({ DATA_DIR: dataDir(), HTTP_PORT: 'eighty', IMAP_URL: 'http://x', SUPPORT_ADDRESS: 'nobody', ORG_TIMEZONE: 'Mars/Base', IMAP_START: 'yesterday' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('HTTP_PORT="eighty": expected a whole number');
    expect(message).toContain('IMAP_URL: expected a URL starting with imap:// or imaps://');
    expect(message).toContain('SUPPORT_ADDRESS="nobody": expected one email address');
    expect(message).toContain('ORG_TIMEZONE="Mars/Base"');
    expect(message).toContain('IMAP_START="yesterday"');
  });

  it('reads HTTP_MAX_CONNECTIONS and HTTP_ALLOWED_HOSTS, refusing what is not a host', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), HTTP_MAX_CONNECTIONS: '32', HTTP_ALLOWED_HOSTS: 'Probe.example.org:8080, [::1]:9000' });
    expect(c.http).toMatchObject({ maxConnections: 32, allowedHosts: ['probe.example.org:8080', '[::1]:9000'] });
    expect(() => loadConfig({ DATA_DIR: dataDir(), HTTP_ALLOWED_HOSTS: 'http://evil.example/' })).toThrow(/HTTP_ALLOWED_HOSTS: "http:\/\/evil.example\/" is not a host/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), HTTP_MAX_CONNECTIONS: '0' })).toThrow(/HTTP_MAX_CONNECTIONS="0"/);
  });

  it('requires APP_SECRET with PostgreSQL, where several instances must share it', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgres://127.0.0.1/pd' })).toThrow(/APP_SECRET: required/);
  });

  it('takes request subjects separated by "|" and staff @domains', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), REQUEST_SUBJECTS: 'Privacy request | Запрос', STAFF_ADDRESSES: 'a@example.com, @legal.example.com' });
    expect(c.requestSubjects).toEqual(['Privacy request', 'Запрос']);
    expect(c.staffAddresses).toEqual(['a@example.com', '@legal.example.com']);
  });

  it('uses the shortest period among the rights asked for', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), DUE_WORKING_DAYS_ACCESS: '3' });
    expect(dueDaysFor(c, ['access', 'erasure'])).toBe(3);
    expect(dueDaysFor(c, ['erasure'])).toBe(10);
    expect(dueDaysFor(c, [])).toBe(10);
  });

  it('reads the digest time and days and the retention periods, with defaults', () => {
    const d = loadConfig({ DATA_DIR: dataDir() });
    expect(d.digest).toEqual({ atMinutes: 9 * 60, days: 'working' });
    expect(d.retention).toEqual({ years: 3, unmatchedDays: 90 });
    const c = loadConfig({ DATA_DIR: dataDir(), DIGEST_TIME: '7:30', DIGEST_DAYS: 'all', RETENTION_YEARS: '5', RETENTION_UNMATCHED_DAYS: '30' });
    expect(c.digest).toEqual({ atMinutes: 7 * 60 + 30, days: 'all' });
    expect(c.retention).toEqual({ years: 5, unmatchedDays: 30 });
    expect(() => loadConfig({ DATA_DIR: dataDir(), DIGEST_TIME: '25:00', DIGEST_DAYS: 'weekends', RETENTION_YEARS: '0' })).toThrow(
      /DIGEST_TIME="25:00": expected a time of day like 09:00[\s\S]*DIGEST_DAYS="weekends": expected working or all[\s\S]*RETENTION_YEARS="0"/,
    );
  });
});

describe('loadConfig: URLs and folders that name the fix', () => {
  const problems = (env: Record<string, string>): string => {
    try {
      loadConfig({ DATA_DIR: dataDir(), APP_SECRET: 'x'.repeat(40), ...env });
    } catch (err) {
      return (err as Error).message;
    }
    return '';
  };
  const HINT = 'percent-encode special characters in the password (# → %23, @ → %40, / → %2F)';

  it('hints at percent-encoding when a password character breaks DATABASE_URL, without repeating the password', () => {
    for (const url of ['postgres://pd:pa#ss@db.example.com/pd', 'postgres://pd:p@ss@db.example.com/pd', 'postgres://pd:pa/ss@db.example.com/pd', 'postgres://pd:#@db.example.com/pd']) {
      const message = problems({ DATABASE_URL: url });
      expect(message, url).toContain('DATABASE_URL:');
      expect(message, url).toContain(HINT);
      expect(message, url).not.toContain('ss@');
    }
  });

  it('rejects a URL without a host, naming the variable', () => {
    expect(problems({ DATABASE_URL: 'postgres:///pd' })).toContain('DATABASE_URL: the URL has no host');
    expect(problems({ IMAP_URL: 'imap://help:pw@/INBOX' })).toMatch(/IMAP_URL: (the URL has no host|not a valid URL)/);
    expect(problems({ SMTP_URL: 'smtp://' })).toMatch(/SMTP_URL: (the URL has no host|not a valid URL)/);
  });

  it('accepts percent-encoded special characters', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), APP_SECRET: 'x'.repeat(40), IMAP_URL: 'imap://help%40example.com:pa%23s%2Fs%40@imap.example.com/INBOX' });
    expect(c.mailbox).toMatchObject({ user: 'help@example.com', password: 'pa#s/s@', host: 'imap.example.com' });
  });

  it('reads IMAP_ALLOW_PLAINTEXT as true or false', () => {
    const c = loadConfig({ DATA_DIR: dataDir(), IMAP_URL: 'imap://help:pw@imap.example.com/INBOX', IMAP_ALLOW_PLAINTEXT: 'true' });
    expect(c.mailbox.kind === 'imap' && c.mailbox.allowPlaintext).toBe(true);
    const d = loadConfig({ DATA_DIR: dataDir(), IMAP_URL: 'imap://help:pw@imap.example.com/INBOX' });
    expect(d.mailbox.kind === 'imap' && d.mailbox.allowPlaintext).toBe(false);
    expect(problems({ IMAP_ALLOW_PLAINTEXT: 'maybe' })).toContain('IMAP_ALLOW_PLAINTEXT="maybe": expected true or false');
  });

  it('a DATA_DIR that cannot be made is PD_DATA_DIR, naming the folder and the user', () => {
    // Tests run as root, where permissions do not stop writes: a file in the way does.
    const file = path.join(dataDir(), 'a-file');
    writeFileSync(file, 'x');
    const target = path.join(file, 'var');
    let err: unknown;
    try {
      loadConfig({ DATA_DIR: target });
    } catch (e) {
      err = e;
    }
    expect(isAppError(err, 'PD_DATA_DIR')).toBe(true);
    expect((err as Error).message).toContain(`DATA_DIR cannot be written: ${target} (ENOTDIR) for user "${userInfo().username}"`);
  });
});

describe('MANAGER_ADDRESSES', () => {
  it('none means no digest recipients at all; unset means the DPO at the support domain', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/pd-config-test', APP_SECRET: 'x'.repeat(40), MANAGER_ADDRESSES: 'none' }).managerAddresses).toEqual([]);
    expect(loadConfig({ DATA_DIR: '/tmp/pd-config-test', APP_SECRET: 'x'.repeat(40) }).managerAddresses).toEqual(['dpo@mexrontal.com']);
  });
});
