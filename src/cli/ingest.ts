import { sourceKeyForFile } from '../mail/local-source.js';
import { withApp } from './runtime.js';
import { eachFile, err, parse, type Command } from './io.js';

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
      err(`usage: ${usage}`);
      return 2;
    }
    const failures = await withApp((app) =>
      eachFile(positionals, 'PD_MSG_PROCESSING_FAILED', async (raw) => {
        const r = await app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
        return { outcome: r.outcome, ticket: r.ticket ?? null, reason: r.reason ?? null };
      }, app.ctx.config.limits.maxMessageBytes),
    );
    return failures > 0 ? 1 : 0;
  },
};
