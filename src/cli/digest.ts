import { writeFile } from 'node:fs/promises';
import { AppError } from '../errors.js';
import { loadDigest } from '../sla/digest-load.js';
import { digestJson } from '../sla/digest-json.js';
import { digestMailVars } from '../sla/digest-mail.js';
import { digestText } from '../sla/digest-text.js';
import { withApp } from './runtime.js';
import { jsonLine, out, parse, type Command } from './io.js';

const usage = 'cli digest [--print] [--json] [--html FILE] [--at ISO]';

export const digestCommand: Command = {
  name: 'digest',
  summary: "show the managers' daily SLA digest (nothing is sent)",
  usage: `${usage}\n\n--print shows it as text (the default), --json as one JSON object, --html FILE writes the mail's\nHTML (in STAFF_LANGUAGE). --at computes it as of that moment instead of now.`,
  async run(argv) {
    const { values } = parse(
      argv,
      { print: { type: 'boolean' }, json: { type: 'boolean' }, html: { type: 'string' }, at: { type: 'string' } },
      usage,
    );
    const at = values.at === undefined ? new Date() : new Date(values.at);
    if (Number.isNaN(at.getTime())) throw new AppError('PD_CLI_USAGE', `--at "${values.at}": expected an ISO date and time, e.g. 2026-03-23T09:00:00+05:00`);
    await withApp(async (app) => {
      const digest = await loadDigest(app.ctx.database.db, app.ctx, at);
      if (values.html !== undefined) {
        const mail = app.renderer.render('manager_digest', app.ctx.config.staffLanguage, digestMailVars(digest));
        await writeFile(values.html, mail.html);
      }
      if (values.json) jsonLine(digestJson(digest));
      if (values.print || (!values.json && values.html === undefined)) out(digestText(digest));
    });
    return 0;
  },
};
