import type { Language } from '../../domain.js';
import { ERROR_CODES, type ErrorCode } from '../../errors.js';
import type { QuarantinedMessage } from '../../db/queries/messages.js';
import { esc } from '../html.js';
import type { BoardCopy, QuarantineReason } from './copy.js';
import { shortDate } from './format.js';
import { csrfField } from './layout.js';
import type { StaffSession } from './session.js';

// /staff/quarantine: what intake set aside, with its code and what the code means (the meanings
// in the page's language, else those of src/errors.ts as `cli quarantine show` prints them), the raw message as a download, and the
// two decisions as forms.

export function quarantineBody(c: BoardCopy, list: QuarantinedMessage[], v: { lang: Language; timeZone: string; session: StaffSession }): string {
  if (list.length === 0) return `<p class="empty">${esc(c.quarantine.empty)}</p>`;
  const q = c.quarantine.cols;
  const rows = list.map((m) => {
    const code = m.reason && m.reason in ERROR_CODES ? (m.reason as ErrorCode) : null;
    const meaning = code ? (c.reasons[code as QuarantineReason] ?? ERROR_CODES[code].message) : '';
    const form = (action: 'open' | 'dismiss', label: string) =>
      `<form method="post" action="/staff/quarantine/${esc(m.id)}/${action}" class="inline">${csrfField(v.session)}<button type="submit" class="${action === 'open' ? 'primary' : 'secondary'}">${esc(label)}</button></form>`;
    return `<tr data-message="${esc(m.id)}">
<th scope="row"><a href="/staff/messages/${esc(m.id)}.eml" download>${esc(m.id)}</a></th>
<td><time datetime="${esc(m.receivedAt.toISOString())}">${esc(shortDate(m.receivedAt, v.lang, v.timeZone, true))}</time></td>
<td class="addr">${esc(m.sender ?? '–')}</td>
<td>${esc(m.subject ?? '–')}</td>
<td><code>${esc(m.reason ?? '–')}</code></td>
<td>${esc(meaning)}${m.reasonDetail ? `<br><span class="muted">${esc(m.reasonDetail.slice(0, 300))}</span>` : ''}</td>
<td class="row-actions">${form('open', c.quarantine.open)} ${form('dismiss', c.quarantine.dismiss)}</td>
</tr>`;
  });
  return `<div class="table-wrap"><table class="queue">
<thead><tr>${(['id', 'received', 'from', 'subject', 'code', 'meaning', 'actions'] as const).map((k) => `<th scope="col">${esc(q[k])}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}
