import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STORED_SIZE, getMessage } from '../../src/db/queries/messages.js';
import { drainInbox, type LocalSourceOptions } from '../../src/mail/local-source.js';
import { openTestIntake, type TestIntake } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';

// The local inbox is a drop box: what lies in it is not trusted. A link is never followed, the
// size is known before a byte is read, and a file that cannot be ingested is moved aside with its
// reason, so the next files still come in.

describe('local inbox', () => {
  let t: TestDatabase;
  let app: TestIntake;
  let opts: LocalSourceOptions & { rejected: string };

  beforeAll(async () => {
    t = await createTestDatabase('pglite');
    app = openTestIntake(t.database, { MAX_MESSAGE_BYTES: '65536' });
    const mail = path.join(app.ctx.config.dataDir, 'mail');
    opts = { inbox: path.join(mail, 'inbox'), processed: path.join(mail, 'processed'), rejected: path.join(mail, 'rejected'), settleMs: 0 };
    mkdirSync(opts.inbox, { recursive: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const drain = () => drainInbox(app.ctx, app.intake, opts);
  const reasonsIn = (dir: string) =>
    readdirSync(dir)
      .filter((n) => n.endsWith('.reason.json'))
      .map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')) as { file: string; code: string; size: number | null });

  it('moves a symbolic link aside unread, and the mail beside it still comes in', async () => {
    const secretDir = mkdtempSync(path.join(tmpdir(), 'pd-outside-'));
    const target = path.join(secretDir, 'private.eml');
    writeFileSync(target, buildMail({ subject: 'Data management request', body: 'not for the inbox' }), { mode: 0o600 });
    symlinkSync(target, path.join(opts.inbox, 'a-link.eml'));
    writeFileSync(path.join(opts.inbox, 'b-real.eml'), buildMail());

    const done = await drain();
    expect(done.map((d) => d.file)).toEqual(['b-real.eml']);
    expect(done[0]!.result.outcome).toBe('ticket');
    expect(readdirSync(opts.inbox)).toEqual([]);
    const moved = readdirSync(opts.rejected).find((n) => n.endsWith('-a-link.eml'))!;
    // The link itself was moved; the file it pointed to is where it was, untouched.
    expect(lstatSync(path.join(opts.rejected, moved)).isSymbolicLink()).toBe(true);
    expect(existsSync(target)).toBe(true);
    expect(reasonsIn(opts.rejected)).toContainEqual(expect.objectContaining({ file: 'a-link.eml', code: 'PD_FILE_SYMLINK' }));
    expect(app.logs.find('file moved aside', { file: 'a-link.eml', code: 'PD_FILE_SYMLINK' })).toHaveLength(1);
  });

  it('stores only the headers of an oversized file, quarantined as too large, and moves the file aside', async () => {
    const big = Buffer.concat([buildMail({ subject: 'Data management request' }), Buffer.alloc(300 * 1024, 'A')]);
    writeFileSync(path.join(opts.inbox, 'c-big.eml'), big);

    const [done] = await drain();
    expect(done).toMatchObject({ file: 'c-big.eml', result: { outcome: 'quarantined', reason: 'PD_MSG_TOO_LARGE' } });
    const row = (await getMessage(t.database.db, done!.result.messageRowId!))!;
    expect(row.size).toBe(big.length);
    const headerEnd = big.indexOf('\r\n\r\n') + 4;
    expect(Buffer.from(row.raw).equals(big.subarray(0, headerEnd))).toBe(true);
    expect(row.reasonDetail).toContain('bytes of headers stored');
    expect(readdirSync(opts.inbox)).toEqual([]);
    expect(reasonsIn(opts.rejected)).toContainEqual(expect.objectContaining({ file: 'c-big.eml', code: 'PD_FILE_TOO_LARGE', size: big.length }));
  });

  it('does not let a file too large to read at all (3 GB, sparse) block the queue', async () => {
    const huge = path.join(opts.inbox, 'd-huge.eml');
    writeFileSync(huge, '');
    truncateSync(huge, 3 * 1024 ** 3);
    writeFileSync(path.join(opts.inbox, 'e-after.eml'), buildMail());

    const done = await drain();
    expect(done.map((d) => [d.file, d.result.outcome])).toEqual([
      ['d-huge.eml', 'quarantined'],
      ['e-after.eml', 'ticket'],
    ]);
    const row = (await getMessage(t.database.db, done[0]!.result.messageRowId!))!;
    expect(row.size).toBe(MAX_STORED_SIZE);
    expect(row.raw.length).toBeLessThanOrEqual(64 * 1024);
    expect(readdirSync(opts.inbox)).toEqual([]);
    expect(await drain()).toEqual([]);
  });

  // root reads a 0000 file all the same: the case needs an ordinary user.
  it.skipIf(process.getuid?.() === 0)('moves an unreadable file aside with its reason', async () => {
    const file = path.join(opts.inbox, 'f-locked.eml');
    writeFileSync(file, buildMail());
    chmodSync(file, 0);
    expect(await drain()).toEqual([]);
    expect(readdirSync(opts.inbox)).toEqual([]);
    expect(reasonsIn(opts.rejected)).toContainEqual(expect.objectContaining({ file: 'f-locked.eml', code: 'PD_FILE_UNREADABLE' }));
  });

  it('keeps what it moves aside private: folders 0700, reason files 0600', () => {
    for (const dir of [opts.inbox, opts.processed, opts.rejected]) expect(lstatSync(dir).mode & 0o777, dir).toBe(0o700);
    for (const n of readdirSync(opts.rejected).filter((x) => x.endsWith('.reason.json'))) {
      expect(lstatSync(path.join(opts.rejected, n)).mode & 0o777, n).toBe(0o600);
    }
  });
});
