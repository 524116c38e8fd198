// HTML output helpers. Every dynamic value on a page goes through `esc` (or `attr`), which
// escapes all five characters that matter in text and quoted attributes.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * What the page shows of the requester's address: enough to recognise it, not enough to harvest
 * it from a leaked link. `ivan.petrov@mail.ru` -> `i***@m***.ru`.
 */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${[...local][0] ?? ''}***@${[...host][0] ?? ''}***${tld}`;
}

/**
 * A page's doctype and head: the same on the confirmation pages and the staff board. No referrer
 * (links carry tokens), no indexing, one stylesheet of our own. `title` is already escaped.
 */
export function pageHead(lang: string, titleHtml: string, stylesheet: string): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<title>${titleHtml}</title>
<link rel="stylesheet" href="${esc(stylesheet)}">
</head>`;
}
