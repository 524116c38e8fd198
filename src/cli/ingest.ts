import { readFile } from 'node:fs/promises';
import { describeError } from '../errors.js';
import { sourceKeyForFile } from '../mail/local-source.js';
import { withApp } from './runtime.js';
import { jsonLine, parse, type Command } from './io.js';

const usage = 'cli ingest FILE.eml [FILE.eml ...]';

export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'run the intake pipeline on .eml files as if they had arrived; one JSON line per file',
  usage: `${usage}

Each file is stored, parsed and routed exactly as mail from the mailbox would be, in the configured
database (local mode: the embedded one under DATA_DIR). Prints one line per file:
  {"file":…,"outcome":"ticket|thread|ignored|auto|duplicate|quarantined","ticket":…,"reason":…}
Ingesting the same bytes again gives "duplicate". Mail the tickets cause is queued in the outbox
and sent by the running service.`,
  async run(argv) {
    const { positionals } = parse(argv, {}, usage);
    if (positionals.length === 0) {
      process.stderr.write(`usage: ${usage}\n`);
      return 2;
    }
    let failures = 0;
    await withApp(async (app) => {
      for (const file of positionals) {
        let raw: Buffer;
        try {
          raw = await readFile(file);
        } catch (err) {
          failures++;
          process.stderr.write(`error: cannot read ${file}: ${describeError(err).message}\n`);
          jsonLine({ file, error: 'PD_FILE_NOT_FOUND' });
          continue;
        }
        try {
          const r = await app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
          jsonLine({ file, outcome: r.outcome, ticket: r.ticket ?? null, reason: r.reason ?? null });
        } catch (err) {
          failures++;
          const e = describeError(err);
          process.stderr.write(`error: ${file}: ${e.message}\n`);
          jsonLine({ file, error: e.code ?? 'PD_MSG_PROCESSING_FAILED', message: e.message });
        }
      }
    });
    return failures > 0 ? 1 : 0;
  },
};
