import { isActiveStatus, isLanguage, isRight, RIGHTS, TICKET_STATUSES, type Language, type TicketStatus } from '../../domain.js';
import type { WorkingCalendar } from '../../deadlines/working-days.js';
import type { QueueFilter, QueuePage } from '../../db/queries/staff-list.js';
import { esc } from '../html.js';
import { fill } from '../pages/render.js';
import type { BoardCopy } from './copy.js';
import { dueCell, shortDate } from './format.js';

// /staff/tickets: the filter form (GET, so a filtered queue is a link) and the table. Filters and
// the page come from the query string, validated: anything unknown is ignored, never echoed raw.

export const PAGE_SIZE = 50;
const MAX_SEARCH = 100;

export interface QueueQuery {
  filter: QueueFilter;
  page: number;
}

export function parseQueueQuery(q: URLSearchParams): QueueQuery {
  const status = q.get('status') ?? '';
  const right = q.get('right') ?? '';
  const assignee = (q.get('assignee') ?? '').trim().slice(0, 254);
  const search = (q.get('q') ?? '').trim().slice(0, MAX_SEARCH);
  const page = Number(q.get('page') ?? '1');
  return {
    filter: {
      status: status === 'all' || (TICKET_STATUSES as readonly string[]).includes(status) ? (status as QueueFilter['status']) : 'current',
      right: isRight(right) ? right : null,
      assignee: assignee === '' ? null : assignee,
      overdue: q.get('overdue') === '1',
      dueSoon: q.get('soon') === '1',
      triage: q.get('triage') === '1',
      search: search === '' ? null : search,
    },
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string of a filter (and page), for links. */
export function queueQueryString(f: QueueFilter, page: number): string {
  const p = new URLSearchParams();
  if (f.status !== 'current') p.set('status', f.status);
  if (f.right) p.set('right', f.right);
  if (f.assignee) p.set('assignee', f.assignee);
  if (f.overdue) p.set('overdue', '1');
  if (f.dueSoon) p.set('soon', '1');
  if (f.triage) p.set('triage', '1');
  if (f.search) p.set('q', f.search);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export interface QueueView {
  lang: Language;
  timeZone: string;
  calendar: WorkingCalendar;
  now: Date;
}

export function queueBody(c: BoardCopy, query: QueueQuery, data: QueuePage, v: QueueView): string {
  const pages = Math.max(1, Math.ceil(data.total / PAGE_SIZE));
  const table =
    data.rows.length === 0
      ? `<p class="empty">${esc(c.queue.none)}</p>`
      : `<div class="table-wrap"><table class="queue cards">
<caption>${fill(c.queue.total, { n: String(data.total) })}</caption>
<thead><tr>${(['number', 'status', 'rights', 'requester', 'language', 'received', 'due', 'assignee', 'triage'] as const)
          .map((k) => `<th scope="col">${esc(c.queue.cols[k])}</th>`)
          .join('')}</tr></thead>
<tbody>
${data.rows.map((r) => queueRow(c, r, v)).join('\n')}
</tbody>
</table></div>`;
  return `${filterForm(c, query.filter)}
${table}
${pager(c, query, pages)}`;
}

function queueRow(c: BoardCopy, r: QueuePage['rows'][number], v: QueueView): string {
  const due = dueCell(c, r.dueAt, { ...v, active: isActiveStatus(r.status) });
  const lang = isLanguage(r.language) ? r.language : '';
  // data-label: on a phone each row is drawn as a card, each cell with its column's name.
  const col = c.queue.cols;
  return `<tr data-ticket="${esc(r.number)}">
<th scope="row" data-label="${esc(col.number)}"><a href="/staff/tickets/${esc(encodeURIComponent(r.number))}">${esc(r.number)}</a></th>
<td data-label="${esc(col.status)}"><span class="status status-${esc(r.status)}">${esc(c.status[r.status] ?? r.status)}</span></td>
<td data-label="${esc(col.rights)}">${r.rights.length === 0 ? '–' : esc(r.rights.map((x) => c.rights[x] ?? x).join(', '))}</td>
<td data-label="${esc(col.requester)}" class="addr">${esc(r.requesterEmail)}</td>
<td data-label="${esc(col.language)}">${esc(lang)}</td>
<td data-label="${esc(col.received)}"><time datetime="${esc(r.receivedAt.toISOString())}">${esc(shortDate(r.receivedAt, v.lang, v.timeZone))}</time></td>
<td data-label="${esc(col.due)}">${due}</td>
<td data-label="${esc(col.assignee)}" class="addr">${r.assignee ? esc(r.assignee) : `<span class="muted">${esc(c.queue.unassigned)}</span>`}</td>
<td data-label="${esc(col.triage)}">${r.triage ? `<span class="flag">${esc(c.queue.needsTriage)}</span>` : ''}</td>
</tr>`;
}

function filterForm(c: BoardCopy, f: QueueFilter): string {
  const opt = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const statuses = [opt('current', c.queue.current, f.status === 'current'), opt('all', c.queue.all, f.status === 'all')]
    .concat(TICKET_STATUSES.map((s: TicketStatus) => opt(s, c.status[s], f.status === s)))
    .join('');
  const rights = [opt('', c.queue.anyRight, f.right === null)].concat(RIGHTS.map((r) => opt(r, c.rights[r], f.right === r))).join('');
  const check = (name: string, label: string, on: boolean) =>
    `<label class="check"><input type="checkbox" name="${name}" value="1"${on ? ' checked' : ''}> ${esc(label)}</label>`;
  return `<form method="get" action="/staff/tickets" class="filters" role="search">
<fieldset>
<legend>${esc(c.queue.filters)}</legend>
<div class="field"><label for="f-q">${esc(c.queue.search)}</label><input id="f-q" name="q" type="search" value="${esc(f.search ?? '')}" placeholder="${esc(c.queue.searchHint)}" maxlength="${MAX_SEARCH}"></div>
<div class="field"><label for="f-status">${esc(c.queue.status)}</label><select id="f-status" name="status">${statuses}</select></div>
<div class="field"><label for="f-right">${esc(c.queue.right)}</label><select id="f-right" name="right">${rights}</select></div>
<div class="field"><label for="f-assignee">${esc(c.queue.assignee)}</label><input id="f-assignee" name="assignee" type="text" value="${esc(f.assignee ?? '')}" maxlength="254"></div>
<div class="checks">${check('overdue', c.queue.overdue, f.overdue)}${check('soon', c.queue.dueSoon, f.dueSoon)}${check('triage', c.queue.triage, f.triage)}</div>
<div class="actions"><button type="submit" class="primary">${esc(c.queue.apply)}</button> <a href="/staff/tickets">${esc(c.queue.reset)}</a></div>
</fieldset>
</form>`;
}

function pager(c: BoardCopy, q: QueueQuery, pages: number): string {
  if (pages <= 1) return '';
  const page = Math.min(q.page, pages);
  const prev = page > 1 ? `<a rel="prev" href="/staff/tickets${esc(queueQueryString(q.filter, page - 1))}">${esc(c.queue.prev)}</a>` : '';
  const next = page < pages ? `<a rel="next" href="/staff/tickets${esc(queueQueryString(q.filter, page + 1))}">${esc(c.queue.next)}</a>` : '';
  const label = c.queue.page.replace('{n}', String(page)).replace('{m}', String(pages));
  return `<nav class="pager" aria-label="${esc(label)}">${prev} <span>${fill(c.queue.page, { n: String(page), m: String(pages) })}</span> ${next}</nav>`;
}
