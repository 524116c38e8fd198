import { planRetention, runRetention } from '../sla/retention.js';
import { withApp } from './runtime.js';
import { jsonLine, out, parse, type Command } from './io.js';

const usage = 'cli retention [--dry-run] [--json]';

export const retentionCommand: Command = {
  name: 'retention',
  summary: 'anonymise tickets and mail past their retention period (--dry-run: only show what would go)',
  usage: `${usage}\n\nTickets closed, rejected or expired more than RETENTION_YEARS ago lose names, addresses and texts;\nquarantined and ignored mail older than RETENTION_UNMATCHED_DAYS loses its content. The service does\nthis daily by itself.`,
  async run(argv) {
    const { values } = parse(argv, { 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } }, usage);
    await withApp(async (app) => {
      if (values['dry-run']) {
        const plan = await planRetention(app.ctx, app.ctx.now(), 100_000);
        const summary = {
          dryRun: true,
          ticketsClosedBefore: plan.ticketsBefore.toISOString(),
          tickets: plan.tickets.map((t) => t.number),
          messagesReceivedBefore: plan.messagesBefore.toISOString(),
          messages: plan.messages.length,
        };
        if (values.json) return jsonLine(summary);
        out(`would purge ${plan.tickets.length} ticket(s) closed before ${summary.ticketsClosedBefore}${plan.tickets.length ? `: ${summary.tickets.join(', ')}` : ''}`);
        out(`would purge ${plan.messages.length} quarantined or ignored message(s) received before ${summary.messagesReceivedBefore}`);
        return;
      }
      const r = await runRetention(app.ctx);
      if (values.json) return jsonLine({ dryRun: false, ...r });
      out(`purged ${r.tickets} ticket(s) and ${r.messages} unmatched message(s)`);
    });
    return 0;
  },
};
