import { LANGUAGES, type Language } from '../../domain.js';
import { esc, pageHead } from '../html.js';
import { DATE_LOCALES, PAGE_COPY, type PageCopy } from './copy.js';
import type { PageModel } from './model.js';

// Page HTML from a PageModel. No script at all (the CSP forbids it); one stylesheet from our own
// origin. Copy is escaped like everything else; placeholders are filled with escaped values in
// <strong>, so no value can open a tag.

export interface PageSite {
  orgName: string;
  privacyPolicyUrl: string;
  timeZone: string;
}

/** Escapes `text` and puts each `{name}` value, escaped, in <strong>. */
export function fill(text: string, vars: Record<string, string>): string {
  return esc(text).replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = vars[name];
    return v === undefined ? whole : `<strong>${esc(v)}</strong>`;
  });
}

export function formatDate(date: Date, lang: Language, timeZone: string, withTime = false): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[lang], {
    timeZone,
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
  }).format(date);
}

export function renderPage(model: PageModel, site: PageSite, selfPath: string): string {
  const copy = PAGE_COPY[model.lang];
  const page = copy.pages[model.kind];
  const vars: Record<string, string> = {};
  if (model.ticketNumber) vars.number = model.ticketNumber;
  if (model.maskedEmail) vars.email = model.maskedEmail;

  const parts: string[] = [];
  if (model.ticketNumber) parts.push(`<p class="ticket">${fill(copy.ticket, vars)}</p>`);
  for (const line of page.body) parts.push(`<p>${fill(line, vars)}</p>`);
  if (model.dueAt && (model.kind === 'confirmed' || model.kind === 'already_confirmed')) {
    const left = model.daysLeft !== undefined && model.daysLeft >= 0 ? ` ${fill(copy.daysLeftLine, { n: String(model.daysLeft) })}` : '';
    parts.push(`<p class="due">${fill(copy.dueLine, { date: formatDate(model.dueAt, model.lang, site.timeZone) })}${left}</p>`);
  }
  if (model.kind === 'form' && model.form) parts.push(renderForm(model, copy, site));

  return `${pageHead(model.lang, `${esc(page.title)} · ${esc(site.orgName)}`, '/assets/page.css')}
<body>
<main class="card" data-page="${esc(model.kind)}">
${renderLanguageSwitch(model.lang, selfPath)}
<h1>${esc(page.title)}</h1>
${parts.join('\n')}
</main>
<footer>${esc(site.orgName)} · <a href="${esc(site.privacyPolicyUrl)}" rel="noreferrer">${esc(copy.privacyPolicy)}</a></footer>
</body>
</html>
`;
}

function renderForm(model: PageModel, copy: PageCopy, site: PageSite): string {
  const form = model.form!;
  const understood =
    model.triage || !model.rights || model.rights.length === 0
      ? `<p>${esc(copy.form.triage)}</p>`
      : `<p>${esc(copy.form.understood)}</p>\n<ul class="rights">${model.rights.map((r) => `<li>${esc(copy.rights[r])}</li>`).join('')}</ul>`;
  const expires = model.expiresAt
    ? `<p class="hint">${fill(copy.form.expires, { date: formatDate(model.expiresAt, model.lang, site.timeZone, true) })}</p>`
    : '';
  return `<p class="from">${fill(copy.form.sentFrom, { email: model.maskedEmail ?? '' })}</p>
${understood}
<form method="post" action="${esc(form.action)}">
<input type="hidden" name="form_token" value="${esc(form.formToken)}">
<div class="actions">
<button type="submit" name="action" value="confirm" class="primary">${esc(copy.form.confirm)}</button>
<button type="submit" name="action" value="reject" class="secondary">${esc(copy.form.reject)}</button>
</div>
</form>
<p class="hint">${esc(copy.form.rejectHint)}</p>
${expires}
<p class="hint">${esc(copy.form.why)}</p>`;
}

/** Links to the same page in the other languages; the current one is marked, not linked. */
function renderLanguageSwitch(current: Language, selfPath: string): string {
  const items = LANGUAGES.map((l) =>
    l === current
      ? `<span aria-current="true" lang="${l}">${esc(PAGE_COPY[l].langName)}</span>`
      : `<a href="${esc(`${selfPath}?lang=${l}`)}" hreflang="${l}" lang="${l}">${esc(PAGE_COPY[l].langName)}</a>`,
  );
  return `<nav class="langs">${items.join(' ')}</nav>`;
}
