import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ImapServer } from './imap.js';
import { repoRoot } from './service.js';

// A Dovecot of one test file's own (scripts/services.sh start-dovecot), for tests that stop and
// start their IMAP server: the suite-wide one serves other files in parallel and must stay up.

const run = promisify(execFile);

export interface PrivateDovecot {
  server: ImapServer;
  stop(): Promise<void>;
  /** Starts it again on the same port, with the mail it had. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

async function services(...args: string[]): Promise<void> {
  await run('bash', [path.join(repoRoot, 'scripts/services.sh'), ...args], { timeout: 60_000 });
}

export async function startPrivateDovecot(): Promise<PrivateDovecot> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-private-dovecot-'));
  await services('start-dovecot', dir);
  const port = Number(readFileSync(path.join(dir, 'dovecot/port'), 'utf8').trim());
  return {
    // The same static password as the shared one (services.sh writes both).
    server: { host: '127.0.0.1', port, password: process.env.PD_TEST_IMAP_PASSWORD ?? 'pd-test-pw' },
    stop: () => services('dovecot', dir, 'stop'),
    start: () => services('dovecot', dir, 'start'),
    remove: () => services('stop', dir),
  };
}
