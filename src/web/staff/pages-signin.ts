import { esc } from '../html.js';
import type { BoardCopy } from './copy.js';

// The sign-in pages' bodies. None of them says whether an address is on the staff list.

export function signInFormBody(c: BoardCopy): string {
  return `<p>${esc(c.signIn.intro)}</p>
<form method="post" action="/staff/login" class="stack">
<label for="email">${esc(c.signIn.email)}</label>
<input id="email" name="email" type="email" autocomplete="email" required maxlength="254" inputmode="email">
<button type="submit" class="primary">${esc(c.signIn.send)}</button>
</form>`;
}

export function linkSentBody(c: BoardCopy): string {
  return `<p data-signin="sent">${esc(c.signIn.sent)}</p>`;
}

export function limitedBody(c: BoardCopy): string {
  return `<p data-signin="limited">${esc(c.signIn.limited)}</p>`;
}

/** The link's GET page: a button, nothing signed in (mail scanners open links). */
export function linkButtonBody(c: BoardCopy, action: string, formToken: string): string {
  return `<p>${esc(c.signIn.link)}</p>
<form method="post" action="${esc(action)}">
<input type="hidden" name="form_token" value="${esc(formToken)}">
<button type="submit" class="primary">${esc(c.signIn.linkButton)}</button>
</form>`;
}

export function linkInvalidBody(c: BoardCopy): string {
  return `<p data-signin="invalid">${esc(c.signIn.invalid)}</p>
<p><a href="/staff">${esc(c.signIn.title)}</a></p>`;
}
