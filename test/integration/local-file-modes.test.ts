import { lstatSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabaseFor } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { isAppError } from '../../src/errors.js';
import { createTransport } from '../../src/outbox/transport.js';

// Local mode keeps the database, raw mail with live links and the secret under DATA_DIR: nothing
// there may be readable by another user of the machine.

/** Every path under `dir` whose mode gives anything to group or others (links are not followed). */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) found.push(`${(st.mode & 0o777).toString(8)} ${path.relative(dir, p)}`);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(path.join(p, n));
  };
  walk(dir);
  return found;
}

describe('local mode file modes', () => {
  const fresh = () => path.join(mkdtempSync(path.join(tmpdir(), 'pd-modes-')), 'var');

  it('makes DATA_DIR 0700, the secret 0600, and every database file private, also after a run', async () => {
    const dataDir = fresh();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
    expect(lstatSync(path.join(dataDir, 'secret')).mode & 0o777).toBe(0o600);
    const database = await openDatabaseFor(config);
    await database.close();
    expect(readdirSync(path.join(dataDir, 'db')).length).toBeGreaterThan(10);
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('writes outbox .eml files 0600 in a 0700 folder', async () => {
    const dir = path.join(fresh(), 'mail', 'outbox');
    const transport = createTransport({ smtp: { kind: 'folder', dir } });
    await transport.send({
      outboxId: 1,
      createdAt: new Date('2026-11-20T09:00:00Z'),
      from: { name: 'Privacy desk', address: 'help@example.com' },
      to: 'ann@example.org',
      subject: 'Confirm',
      html: '<p>https://desk.example.com/confirm/token</p>',
      text: 'https://desk.example.com/confirm/token',
      messageId: '<m1@example.com>',
      inReplyTo: null,
      references: [],
      headers: {},
    });
    transport.close();
    const [file] = readdirSync(dir);
    expect(file).toMatch(/\.eml$/);
    expect(lstatSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses an empty or short DATA_DIR/secret, like a short APP_SECRET', () => {
    for (const content of ['', '\n', 'short-secret\n']) {
      const dataDir = fresh();
      loadConfig({ DATA_DIR: dataDir });
      writeFileSync(path.join(dataDir, 'secret'), content);
      let thrown: unknown;
      try {
        loadConfig({ DATA_DIR: dataDir });
      } catch (err) {
        thrown = err;
      }
      expect(isAppError(thrown, 'PD_CONFIG_INVALID'), JSON.stringify(content)).toBe(true);
      expect(String((thrown as Error).message)).toContain('secret: expected at least 32 characters');
    }
  });
});
