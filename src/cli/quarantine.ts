import { AppError } from '../errors.js';
import { quarantined } from '../db/queries/messages.js';
import { withApp } from './runtime.js';
import { jsonLine, out, parse, table, type Command } from './io.js';

const usage = 'cli quarantine list [--json]';

export const quarantineCommand: Command = {
  name: 'quarantine',
  summary: 'list quarantined messages with their reasons (the raw bytes stay stored)',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, usage);
    if (positionals[0] !== 'list') throw new AppError('PD_CLI_USAGE', `usage: ${usage}`);
    await withApp(async (app) => {
      const list = await quarantined(app.ctx.database.db);
      if (values.json) {
        for (const m of list) jsonLine(m);
        return;
      }
      if (list.length === 0) return out('Quarantine is empty.');
      out(table(['ID', 'RECEIVED', 'FROM', 'SIZE', 'REASON', 'DETAIL'], list.map((m) => [
        String(m.id), m.receivedAt.toISOString().slice(0, 19), m.sender ?? '-', String(m.size), m.reason ?? '-', (m.reasonDetail ?? '').slice(0, 60),
      ])));
    });
    return 0;
  },
};
