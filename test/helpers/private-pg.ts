import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './service.js';

// A PostgreSQL of one test file's own (scripts/services.sh start-pg), for tests that restart or
// stop their database: the suite-wide one serves other files in parallel and must stay up.

const run = promisify(execFile);

export interface PrivatePostgres {
  url: string;
  port: number;
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its files. */
  remove(): Promise<void>;
}

async function services(...args: string[]): Promise<void> {
  await run('bash', [path.join(repoRoot, 'scripts/services.sh'), ...args], { timeout: 120_000 });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-private-pg-'));
  await services('start-pg', dir);
  const port = Number(readFileSync(path.join(dir, 'pg/port'), 'utf8').trim());
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: () => services('pg', dir, 'restart'),
    stop: () => services('pg', dir, 'stop'),
    start: () => services('pg', dir, 'start'),
    remove: () => services('stop', dir),
  };
}
