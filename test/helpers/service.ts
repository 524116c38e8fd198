import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { waitFor } from './wait.js';

// Runs the real service (`cli start`) as a child process, for tests that kill it or signal it.

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The command line that runs the CLI: the compiled dist/cli.js, as `npm start` and a supervisor run
 * it (global-setup builds it when src/ is newer). Starting from source through tsx costs seconds of
 * transpiling per command, which a suite of a few hundred commands on a small machine feels.
 */
export function cliArgs(...args: string[]): string[] {
  return ['dist/cli.js', ...args];
}

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout (JSON log lines) and stderr. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

export function startService(env: Record<string, string>): ServiceProcess {
  const child = spawn(process.execPath, cliArgs('start'), {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'info', HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return { child, output: () => out, exited };
}

/** Waits like waitFor, and adds the end of the service's output to the error when it times out. */
export async function waitWithService<T>(
  svc: ServiceProcess,
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 90_000,
): Promise<T> {
  // A service that died will never get there: say so now instead of at the timeout.
  const died = new Promise<never>((_, reject) => {
    void svc.exited.then((code) => reject(new Error(`the service exited (${code}) before ${what}`)));
  });
  died.catch(() => undefined);
  try {
    return await Promise.race([waitFor(what, probe, { timeoutMs, intervalMs: 100 }), died]);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- service output ---\n${svc.output().slice(-4000)}`, { cause: err });
  }
}

/**
 * Runs `body` against a started service, then stops it with SIGTERM, also when `body` fails (a
 * service left running would outlive the test). Afterwards it must have exited 0 without a
 * TypeError or an uncaught error in its output; returns that output for the test's own checks.
 */
export async function runThenStop(svc: ServiceProcess, body: () => Promise<void>): Promise<string> {
  try {
    await body();
  } finally {
    svc.child.kill('SIGTERM');
  }
  expect(await svc.exited).toBe(0);
  const out = svc.output();
  expect(out).not.toMatch(/TypeError|uncaught/i);
  return out;
}
