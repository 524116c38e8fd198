import { mkdtempSync, readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { buildMail } from '../../test/helpers/mail.js';

// Intake throughput on the embedded database (in memory): store, parse, route, classify, open the
// ticket and queue its confirmation, one message after another as the mailbox loop does.

const REQUESTS = 300;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const peerDir = path.resolve(repoRoot, '../shared/corpus/peer/mails');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function run(): Promise<Array<Record<string, unknown>>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pd-bench-intake-'));
  const database = await openDatabase({ kind: 'pglite', dir: null });
  await migrate(database);
  const app = await openApp(loadConfig({ DATA_DIR: dataDir, APP_SECRET: 'bench-secret-bench-secret-bench-secret-01' }), silentLogger(), database);
  const figures: Array<Record<string, unknown>> = [];
  try {
    const sets: Array<[string, Buffer[]]> = [
      ['requests', Array.from({ length: REQUESTS }, (_, i) => buildMail({ from: `bench${i}@example.com`, messageId: `<bench-${i}@example.com>` }))],
    ];
    if (existsSync(peerDir)) sets.push(['peer_corpus', readdirSync(peerDir).sort().map((f) => readFileSync(path.join(peerDir, f)))]);
    for (const [name, raws] of sets) {
      const times: number[] = [];
      const started = performance.now();
      for (const raw of raws) {
        const t = performance.now();
        await app.intake.receive({ mailbox: 'bench', sourceKey: sourceKeyForFile('cli', raw), raw });
        times.push(performance.now() - t);
      }
      const total = performance.now() - started;
      times.sort((a, b) => a - b);
      figures.push(
        { metric: `${name}_messages_per_second`, value: Number(((raws.length / total) * 1000).toFixed(1)), messages: raws.length, database: 'pglite-memory' },
        { metric: `${name}_ms_per_message_p50`, value: Number(percentile(times, 50).toFixed(2)) },
        { metric: `${name}_ms_per_message_p95`, value: Number(percentile(times, 95).toFixed(2)) },
      );
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}
