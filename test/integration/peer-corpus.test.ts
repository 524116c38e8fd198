import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { rows } from '../../src/db/client.js';
import { OUTCOMES } from '../../src/domain.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { withSubject } from '../helpers/mail.js';

// 184 real-world mails from other projects' parser fixtures (../shared/corpus/peer): each must get
// exactly one outcome and never break the pipeline, as it is and with the request subject put in.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.resolve(repoRoot, '../shared/corpus/peer/mails');
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : [];

/** file name -> is it a bounce or automatic mail, per the corpus manifest. */
function autoFiles(): Map<string, boolean> {
  const list = JSON.parse(readFileSync(path.join(dir, '../manifest.json'), 'utf8')) as Array<{ file: string; is_bounce_or_auto: boolean }>;
  return new Map(list.map((e) => [e.file, e.is_bounce_or_auto]));
}

// Each variant gets a database of its own: putting the subject in keeps the Message-ID, so in one
// database the second pass would rightly be a run of duplicates.
for (const variant of ['as-is', 'request-subject'] as const) {
  describeEachDb(`peer corpus through the whole pipeline, ${variant}`, (db) => {
    let app: App;
    beforeAll(async () => {
      app = await openApp(testConfig(), silentLogger(), { ...db(), close: async () => {} });
    });

    it('gives every mail exactly one outcome and leaves none pending', async () => {
      expect(files.length).toBe(184);
      const auto = autoFiles();
      const counts: Record<string, number> = {};
      for (const file of files) {
        const original = readFileSync(path.join(dir, file));
        const raw = variant === 'as-is' ? original : withSubject(original, 'Запрос на управление данными');
        const r = await app.intake.receive({ mailbox: 'peer', sourceKey: sourceKeyForFile('cli', raw), raw });
        expect(OUTCOMES, file).toContain(r.outcome);
        counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
        if (auto.get(file)) expect(r.outcome, `${file} is a bounce or automatic mail`).toBe('auto');
      }
      const [pending] = await rows<{ n: number }>(db().db, sql`select count(*)::int as n from messages where outcome is null`);
      expect(pending!.n).toBe(0);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(files.length);
      if (variant === 'as-is') {
        // Nobody in these fixtures wrote the request subject: no ticket may open.
        expect(counts.ticket ?? 0).toBe(0);
      } else {
        // With the subject put in, every real mail with a sender is a ticket or a re-delivery of one.
        expect(counts.ticket ?? 0).toBeGreaterThan(100);
      }
    });
  });
}
