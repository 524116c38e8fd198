import { TICKET_STATUSES } from '../../domain.js';
import type { Digest } from '../../sla/digest-model.js';
import { esc } from '../html.js';
import type { BoardCopy } from './copy.js';

// /staff: the digest's figures (src/sla/digest.ts), the same numbers managers get by mail.

/** Buckets of the digest's bar chart that fall within 5 working days (today included). */
const WEEK_BUCKETS = new Set(['today', 'd1', 'd2', 'd3', 'd4_5']);

export function dashboardBody(c: BoardCopy, d: Digest): string {
  const week = d.bars.filter((b) => WEEK_BUCKETS.has(b.bucket)).reduce((n, b) => n + b.count, 0);
  const figure = (key: string, label: string, n: number, href: string | null, warn = false) =>
    `<li class="figure${warn && n > 0 ? ' warn' : ''}" data-figure="${esc(key)}"><span class="n">${esc(n)}</span> <span class="label">${href ? `<a href="${esc(href)}">${esc(label)}</a>` : esc(label)}</span></li>`;
  const statusRows = TICKET_STATUSES.map(
    (s) => `<tr><th scope="row"><a href="/staff/tickets?status=${esc(s)}">${esc(c.status[s])}</a></th><td data-status="${esc(s)}">${esc(d.byStatus[s] ?? 0)}</td></tr>`,
  ).join('\n');
  return `<ul class="figures">
${figure('overdue', c.dashboard.overdue, d.overdue.length, '/staff/tickets?overdue=1', true)}
${figure('due_today', c.dashboard.dueToday, d.dueToday.length, null, true)}
${figure('due_soon', c.dashboard.dueSoon, d.dueSoon.length, '/staff/tickets?soon=1')}
${figure('due_week', c.dashboard.dueThisWeek, week, null)}
${figure('waiting', c.dashboard.waiting, d.waitingConfirmation.length, '/staff/tickets?status=unverified')}
${figure('quarantined', c.dashboard.quarantined, d.problems.quarantinedLastDay, '/staff/quarantine', true)}
${figure('failed_mail', c.dashboard.failedMail, d.problems.failedOutbound, null, true)}
</ul>
<table class="compact">
<caption>${esc(c.dashboard.byStatus)}</caption>
<tbody>
${statusRows}
</tbody>
</table>
<p><a class="button" href="/staff/tickets">${esc(c.dashboard.toQueue)}</a></p>`;
}
