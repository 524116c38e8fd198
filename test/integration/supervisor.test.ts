import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/build.js';
import { repoRoot } from '../helpers/service.js';
import { waitFor } from '../helpers/wait.js';

// What a supervisor (systemd, a container runtime) sees: one process to signal, that stops on
// SIGTERM and leaves nothing behind, and stdout made of JSON lines only.

function run(cmd: string, args: string[], dataDir: string): { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | string> } {
  const child = spawn(cmd, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATA_DIR: dataDir, HTTP_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The PIDs whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOf(stderr: string): number | null {
  const m = /web: +http:\/\/[^:]+:(\d+)/.exec(stderr);
  return m ? Number(m[1]) : null;
}

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

describe('running under a supervisor', () => {
  beforeAll(() => ensureBuilt(), 300_000);

  it('SIGTERM to the PID of npm start stops the service: no node process is left and the port is freed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-supervisor-npm-'));
    const npm = run('npm', ['start'], dataDir);
    await waitFor('the service to start', () => npm.stdout().includes('"msg":"service started"'), { timeoutMs: 240_000, intervalMs: 100 });
    const port = portOf(npm.stderr())!;
    expect(port).toBeGreaterThan(0);
    const service = childrenOf(npm.child.pid!);
    expect(service).toHaveLength(1);
    expect(readFileSync(`/proc/${service[0]}/cmdline`, 'utf8').split('\0')).toContain('dist/cli.js');

    npm.child.kill('SIGTERM');
    await npm.exited;
    await waitFor('the service process to end', () => !alive(service[0]!), { timeoutMs: 30_000 });
    await waitFor('the port to be freed', () => refuses(port), { timeoutMs: 10_000 });
    expect(npm.stdout()).toContain('"msg":"stopped"');
  }, 400_000);

  it('node dist/cli.js start writes only JSON lines to stdout and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-supervisor-node-'));
    const svc = run(process.execPath, ['dist/cli.js', 'start'], dataDir);
    await waitFor('the service to start', () => svc.stdout().includes('"msg":"service started"'), { timeoutMs: 240_000, intervalMs: 100 });
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toBe(0);
    const lines = svc.stdout().trim().split('\n');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(svc.stderr()).toContain('privacy-desk for');
  }, 400_000);
});
