import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '../../src/db/client.js';
import { isDiskFull } from '../../src/disk-full.js';

// Local mode's embedded database (src/db/pglite.ts): a new data directory is made in a child
// process and moved in whole, and PGlite runs with small buffers.

/** A tmpfs of `size` mounted on a new folder, or null when this machine cannot (not root). */
function smallDisk(size: string): { dir: string; unmount(): void } | null {
  if (process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-pglite-small-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('opening the embedded database', () => {
  const dirs: string[] = [];
  const fresh = (): string => {
    const d = mkdtempSync(path.join(tmpdir(), 'pd-pglite-open-'));
    dirs.push(d);
    return path.join(d, 'db');
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('makes a new directory whole, opens it with 16 MB of shared buffers, and reopens what it kept', async () => {
    const dir = fresh();
    const first = await openDatabase({ kind: 'pglite', dir });
    try {
      const [buffers] = await rows<{ shared_buffers: string }>(first.db, sql`show shared_buffers`);
      expect(buffers?.shared_buffers).toBe('16MB');
      await first.db.execute(sql`create table kept (n int)`);
      await first.db.execute(sql`insert into kept values (42)`);
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    // Nothing of the making is left beside it.
    expect(readdirSync(path.dirname(dir)).filter((f) => f.includes('.init-'))).toEqual([]);

    const again = await openDatabase({ kind: 'pglite', dir });
    try {
      expect(await rows<{ n: number }>(again.db, sql`select n from kept`)).toEqual([{ n: 42 }]);
    } finally {
      await again.close();
    }
  });

  it('clears what a first start cut short left beside the directory, and starts again', async () => {
    const dir = fresh();
    const leftover = path.join(path.dirname(dir), '.db.init-AbC123');
    mkdirSync(path.join(leftover, 'base'), { recursive: true });
    writeFileSync(path.join(leftover, 'base', 'half'), 'x');
    const db = await openDatabase({ kind: 'pglite', dir });
    await db.close();
    expect(existsSync(leftover)).toBe(false);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
  });

  it('refuses a directory that holds files but no database, naming them, and leaves them alone', async () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'notes.txt'), 'not a database');
    const err = await openDatabase({ kind: 'pglite', dir }).then(
      () => null,
      (e: unknown) => e as { code?: string; message: string },
    );
    expect(err?.code).toBe('PD_DATA_DIR');
    expect(err?.message).toContain('notes.txt');
    expect(readdirSync(dir).filter((f) => !f.startsWith('.privacy-desk.lock'))).toEqual(['notes.txt']);
  });

  it('a first start on a disk too small for the database says the disk is full and leaves nothing half-made', async (t) => {
    const disk = smallDisk('6m');
    if (!disk) return t.skip();
    try {
      const dir = path.join(disk.dir, 'db');
      const err = await openDatabase({ kind: 'pglite', dir }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isDiskFull(err)).toBe(true);
      expect(String((err as Error).message)).toContain(dir);
      expect(readdirSync(disk.dir)).toEqual(['db']);
      expect(readdirSync(dir).filter((f) => !f.startsWith('.privacy-desk.lock'))).toEqual([]);
    } finally {
      disk.unmount();
    }
  });
});
