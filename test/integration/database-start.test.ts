import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imapUrl, newImapUser } from '../helpers/imap.js';
import { startPrivatePostgres, type PrivatePostgres } from '../helpers/private-pg.js';
import { cliArgs, repoRoot, startService, waitWithService } from '../helpers/service.js';

// A database that is down when privacy-desk starts: the service waits for it (503 meanwhile,
// PD_DB_UNAVAILABLE naming host and port, never the password) and starts once it is there;
// a command tries once and says which setting to look at.

const run = promisify(execFile);
const PASSWORD = 'not-to-be-logged-pw';

describe('the database is down at start', () => {
  let pg: PrivatePostgres;
  let url: string;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    // Trust authentication ignores the password; it is there to prove it is never printed.
    url = pg.url.replace('postgres@', `postgres:${PASSWORD}@`);
    await pg.stop();
  }, 180_000);
  afterAll(async () => {
    await pg?.remove();
  });

  it('a command tries once and names DATABASE_URL, host and port', async () => {
    const err = await run(process.execPath, cliArgs('migrate'), {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', DATABASE_URL: url, APP_SECRET: 'start-secret-start-secret-start-secret-1', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-db-start-')) },
      timeout: 120_000,
    }).then(
      () => null,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toContain(`[PD_DB_UNAVAILABLE]`);
    expect(err?.stderr).toContain(`DATABASE_URL 127.0.0.1:${pg.port}`);
    expect(err?.stderr).not.toContain(PASSWORD);
  }, 150_000);

  it('the service waits with 503 on /healthz, then starts by itself when the database comes', async () => {
    const svc = startService({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'pd-db-start-')),
      DATABASE_URL: url,
      IMAP_URL: imapUrl(newImapUser('dbstart')),
      APP_SECRET: 'start-secret-start-secret-start-secret-1',
    });
    try {
      const line = await waitWithService(svc, 'a PD_DB_UNAVAILABLE line', () =>
        svc.output().split('\n').find((l) => l.includes('"PD_DB_UNAVAILABLE"') && l.includes('"level":"error"')),
      );
      expect(JSON.parse(line)).toMatchObject({ host: '127.0.0.1', port: pg.port });
      const port = await waitWithService(svc, 'the web server', () => {
        const l = svc.output().split('\n').find((x) => x.includes('"web server listening"'));
        return l ? (JSON.parse(l) as { port: number }).port : undefined;
      });
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { reasons: string[] }).reasons.join('\n')).toMatch(/^database: /m);

      await pg.start();
      await waitWithService(svc, 'the service to start', () => svc.output().includes('"service started"'), 120_000);
      await waitWithService(svc, '/healthz to say the database answers', async () => {
        const body = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { database: { ok: boolean } };
        return body.database.ok;
      });
    } finally {
      svc.child.kill('SIGTERM');
    }
    expect(await svc.exited).toBe(0);
    expect(svc.output()).not.toContain(PASSWORD);
  }, 300_000);
});
