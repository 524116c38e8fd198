import { isActiveStatus, RIGHTS, type Language } from '../../domain.js';
import type { WorkingCalendar } from '../../deadlines/working-days.js';
import type { TicketStory } from '../../db/queries/staff-ticket.js';
import { esc } from '../html.js';
import { fill } from '../pages/render.js';
import type { BoardCopy } from './copy.js';
import { dueCell, shortDate } from './format.js';
import { csrfField } from './layout.js';
import { maskSecretPlaceholders } from '../../outbox/secret-link.js';
import type { StaffSession } from './session.js';

// /staff/tickets/<number>: the ticket's story. Mail text comes from strangers: it is shown only as
// escaped text in <pre> (an HTML mail's markup appears as characters, never as markup), and the
// raw message is a download, never displayed.

export interface TicketView {
  lang: Language;
  timeZone: string;
  calendar: WorkingCalendar;
  now: Date;
  session: StaffSession;
}

export function ticketBody(c: BoardCopy, s: TicketStory, v: TicketView): string {
  return [facts(c, s, v), request(c, s, v), rights(c, s), due(c, s, v), thread(c, s, v), timeline(c, s, v), actionForms(c, s, v.session)].join('\n');
}

function when(d: Date, v: TicketView): string {
  return `<time datetime="${esc(d.toISOString())}">${esc(shortDate(d, v.lang, v.timeZone, true))}</time>`;
}

function facts(c: BoardCopy, s: TicketStory, v: TicketView): string {
  const t = s.ticket;
  const row = (label: string, value: string) => `<dt>${esc(label)}</dt><dd>${value}</dd>`;
  return `<dl class="facts">
${row(c.queue.cols.status, `<span class="status status-${esc(t.status)}">${esc(c.status[t.status] ?? t.status)}</span>${t.triage ? ` <span class="flag">${esc(c.queue.needsTriage)}</span>` : ''}`)}
${row(c.queue.cols.requester, `${t.requesterName ? `${esc(t.requesterName)} ` : ''}<span class="addr">&lt;${esc(t.requesterEmail)}&gt;</span>`)}
${row(c.queue.cols.language, esc(t.language))}
${row(c.queue.cols.received, when(t.receivedAt, v))}
${row(c.queue.cols.assignee, t.assignee ? `<span class="addr">${esc(t.assignee)}</span>` : esc(c.queue.unassigned))}
</dl>`;
}

function request(c: BoardCopy, s: TicketStory, v: TicketView): string {
  const o = s.origin;
  if (!o) return `<section aria-labelledby="h-request"><h2 id="h-request">${esc(c.ticket.request)}</h2><p class="muted">${esc(c.ticket.noText)}</p></section>`;
  return `<section aria-labelledby="h-request">
<h2 id="h-request">${esc(c.ticket.request)}</h2>
<dl class="facts">
<dt>${esc(c.ticket.from)}</dt><dd class="addr">${esc(o.sender ?? '–')}</dd>
<dt>${esc(c.ticket.subject)}</dt><dd>${esc(o.subject ?? '–')}</dd>
<dt>${esc(c.ticket.received)}</dt><dd>${when(o.receivedAt, v)}</dd>
</dl>
<pre class="mail-text" data-part="request">${esc(o.text ?? c.ticket.noText)}</pre>
<p><a href="/staff/messages/${esc(o.id)}.eml" download>${esc(c.ticket.eml)}</a></p>
</section>`;
}

function rights(c: BoardCopy, s: TicketStory): string {
  const t = s.ticket;
  const shown = RIGHTS.filter((r) => t.rights.includes(r) || t.confidence[r] !== undefined);
  const items = shown.map((r) => {
    const conf = t.confidence[r];
    const pct = conf === undefined ? '' : ` <span class="muted">(${esc(c.ticket.confidence.replace('{p}', String(Math.round(conf * 100))))})</span>`;
    const chosen = t.rights.includes(r);
    return `<li${chosen ? ' class="chosen"' : ''}>${chosen ? '<strong>' : ''}${esc(c.rights[r])}${chosen ? '</strong>' : ''} <code>${esc(r)}</code>${pct}</li>`;
  });
  const none = t.rights.length === 0 ? `<p class="flag">${esc(c.ticket.noRights)}</p>` : '';
  return `<section aria-labelledby="h-rights"><h2 id="h-rights">${esc(c.ticket.rights)}</h2>${none}<ul class="rights">${items.join('')}</ul></section>`;
}

function due(c: BoardCopy, s: TicketStory, v: TicketView): string {
  const t = s.ticket;
  const b = t.dueBasis ?? {};
  const str = (k: string) => (typeof b[k] === 'string' || typeof b[k] === 'number' ? String(b[k]) : '');
  const summary = str('workingDays')
    ? `<p>${fill(c.ticket.basisLine, { days: str('workingDays'), start: str('startDate'), clock: str('clockStart'), calendar: str('calendar') })}</p>`
    : '';
  const skipped = Array.isArray(b.skipped) && b.skipped.length > 0 ? `<p>${esc(c.ticket.skipped)}: ${esc((b.skipped as unknown[]).map(String).join(', '))}</p>` : '';
  const ext = Array.isArray(b.extensions) && b.extensions.length > 0
    ? `<p>${esc(c.ticket.extensions)}:</p><ul>${(b.extensions as unknown[]).map((e) => `<li><code>${esc(JSON.stringify(e))}</code></li>`).join('')}</ul>`
    : '';
  const basis = t.dueBasis ? `<details><summary>${esc(c.ticket.basis)}</summary>${summary}${skipped}${ext}<pre class="json">${esc(JSON.stringify(t.dueBasis, null, 2))}</pre></details>` : '';
  return `<section aria-labelledby="h-due"><h2 id="h-due">${esc(c.ticket.due)}</h2>
<p>${dueCell(c, t.dueAt, { ...v, active: isActiveStatus(t.status) })}</p>
${basis}
</section>`;
}

function thread(c: BoardCopy, s: TicketStory, v: TicketView): string {
  const items = s.thread.map((m) => {
    const dir = m.direction === 'in' ? c.ticket.incoming : c.ticket.outgoing;
    const who = m.direction === 'in' ? `${esc(c.ticket.from)}: <span class="addr">${esc(m.from ?? '?')}</span>` : `→ <span class="addr">${esc(m.to ?? '?')}</span>`;
    const eml = m.direction === 'in' && m.downloadable ? ` · <a href="/staff/messages/${esc(m.id)}.eml" download>${esc(c.ticket.eml)}</a>` : '';
    return `<li class="mail mail-${m.direction}" data-direction="${m.direction}">
<article>
<header><strong>${esc(dir)}</strong> · ${when(m.at, v)} · ${who} · <span class="muted">${esc(m.status)}</span>${eml}</header>
<p class="subject">${esc(m.subject ?? '')}</p>
<pre class="mail-text">${esc(m.text === null ? c.ticket.noText : maskSecretPlaceholders(m.text, c.ticket.secretLink))}</pre>
</article>
</li>`;
  });
  return `<section aria-labelledby="h-thread"><h2 id="h-thread">${esc(c.ticket.thread)}</h2><ol class="thread">${items.join('\n')}</ol></section>`;
}

function timeline(c: BoardCopy, s: TicketStory, v: TicketView): string {
  const items = s.events.map((e) => {
    const data = Object.keys(e.data).length > 0 ? `<pre class="json">${esc(JSON.stringify(e.data))}</pre>` : '';
    return `<li data-event="${esc(e.kind)}">${when(e.at, v)} · <span class="addr">${esc(e.actor)}</span> · <strong>${esc(e.kind)}</strong>${data}</li>`;
  });
  return `<section aria-labelledby="h-timeline"><h2 id="h-timeline">${esc(c.ticket.timeline)}</h2><ol class="timeline">${items.join('\n')}</ol></section>`;
}

/** The action forms; each posts to /staff/tickets/<number>/<action> with csrf and updated_at. */
function actionForms(c: BoardCopy, s: TicketStory, session: StaffSession): string {
  const t = s.ticket;
  const base = `/staff/tickets/${encodeURIComponent(t.number)}`;
  const hidden = `${csrfField(session)}<input type="hidden" name="updated_at" value="${esc(t.updatedAt.toISOString())}">`;
  const input = (action: string, name: string, label: string, type = 'text', extra = '') =>
    `<label for="a-${action}-${name}">${esc(label)}</label><input id="a-${action}-${name}" name="${name}" type="${type}"${extra}>`;
  const area = (action: string, name: string, label: string, required = true) =>
    `<label for="a-${action}-${name}">${esc(label)}</label><textarea id="a-${action}-${name}" name="${name}" rows="4"${required ? ' required' : ''}></textarea>`;
  const form = (action: string, title: string, fields: string, danger = false) =>
    `<form method="post" action="${esc(`${base}/${action}`)}" class="action" data-action="${action}">
<fieldset><legend>${esc(title)}</legend>${hidden}${fields}<button type="submit" class="${danger ? 'danger' : 'primary'}">${esc(c.actions.submit)}</button></fieldset>
</form>`;
  return `<section aria-labelledby="h-actions" class="actions-panel">
<h2 id="h-actions">${esc(c.ticket.actions)}</h2>
<p class="hint">${esc(c.ticket.staleHint)}</p>
${form('rights', c.actions.rights, `${input('rights', 'rights', c.actions.rights, 'text', ` value="${esc(t.rights.join(', '))}" aria-describedby="rights-hint" required`)}<p id="rights-hint" class="hint">${esc(c.actions.rightsHint)}</p>`)}
${form('assign', c.actions.assign, input('assign', 'address', c.actions.address, 'email', ` value="${esc(t.assignee ?? session.email)}" required`))}
${form('note', c.actions.note, area('note', 'text', c.actions.text))}
${form('extend', c.actions.extend, `${input('extend', 'days', c.actions.days, 'number', ' min="1" max="60" required')}${area('extend', 'reason', c.actions.reason)}`)}
${form('reply', c.actions.reply, area('reply', 'text', c.actions.text))}
${form('wait', c.actions.wait, area('wait', 'text', c.actions.text))}
${form('close', c.actions.close, area('close', 'text', c.actions.closeText, false))}
${form('reject', c.actions.reject, area('reject', 'reason', c.actions.reason), true)}
</section>`;
}
