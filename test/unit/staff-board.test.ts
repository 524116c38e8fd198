import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/domain.js';
import { esc } from '../../src/web/html.js';
import { BOARD_COPY } from '../../src/web/staff/copy.js';
import { flashOf } from '../../src/web/staff/flash.js';
import { counted, dueState } from '../../src/web/staff/format.js';
import { renderShell } from '../../src/web/staff/layout.js';
import { parseQueueQuery, queueQueryString } from '../../src/web/staff/pages-queue.js';
import { boardCookie, checkCsrf, csrfToken, IDLE_MS, MAX_LIFE_MS, sessionExpiry } from '../../src/web/staff/session.js';

// The staff board's pure parts: the queue's query string, session expiry, CSRF tokens, cookies,
// due-date states and the page shell.

describe('queue query', () => {
  it('defaults to unfinished tickets, page 1, no filters', () => {
    const q = parseQueueQuery(new URLSearchParams(''));
    expect(q).toEqual({
      filter: { status: 'current', right: null, assignee: null, overdue: false, dueSoon: false, triage: false, search: null },
      page: 1,
    });
    expect(queueQueryString(q.filter, 1)).toBe('');
  });

  it('reads every filter and ignores what it does not know', () => {
    const q = parseQueueQuery(new URLSearchParams('status=waiting&right=erasure&assignee=anna@mexrontal.com&overdue=1&soon=1&triage=1&q=%20DSR-2026%20&page=3'));
    expect(q.filter).toEqual({ status: 'waiting', right: 'erasure', assignee: 'anna@mexrontal.com', overdue: true, dueSoon: true, triage: true, search: 'DSR-2026' });
    expect(q.page).toBe(3);
    expect(parseQueueQuery(new URLSearchParams(queueQueryString(q.filter, q.page).slice(1)))).toEqual(q);
    const bad = parseQueueQuery(new URLSearchParams('status=drop table&right=fly&overdue=yes&page=-2'));
    expect(bad.filter.status).toBe('current');
    expect(bad.filter.right).toBeNull();
    expect(bad.filter.overdue).toBe(false);
    expect(bad.page).toBe(1);
    expect(parseQueueQuery(new URLSearchParams(`q=${'x'.repeat(500)}`)).filter.search).toHaveLength(100);
  });
});

describe('sessions', () => {
  const created = new Date('2026-03-02T05:00:00Z');
  it('expire 8 hours after the last request, and 7 days after sign-in at the latest', () => {
    expect(sessionExpiry(created, created).getTime()).toBe(created.getTime() + IDLE_MS);
    const late = new Date(created.getTime() + MAX_LIFE_MS - 3_600_000);
    expect(sessionExpiry(created, late).getTime()).toBe(created.getTime() + MAX_LIFE_MS);
  });

  it('take a CSRF token of their own session only', () => {
    const s = { email: 'anna@mexrontal.com', idHash: 'a'.repeat(64), csrf: csrfToken('secret-1', 'a'.repeat(64)) };
    expect(checkCsrf(s, s.csrf)).toBe(true);
    expect(checkCsrf(s, csrfToken('secret-1', 'b'.repeat(64)))).toBe(false);
    expect(checkCsrf(s, csrfToken('secret-2', 'a'.repeat(64)))).toBe(false);
    expect(checkCsrf(s, null)).toBe(false);
    expect(checkCsrf(s, '')).toBe(false);
  });

  it('live in a strict cookie, Secure over https', () => {
    expect(boardCookie('pd_staff', 'v', { secure: false, maxAgeSeconds: 60 })).toBe('pd_staff=v; Path=/staff; SameSite=Strict; Max-Age=60; HttpOnly');
    expect(boardCookie('pd_staff', '', { secure: true, maxAgeSeconds: 0 })).toBe('pd_staff=; Path=/staff; SameSite=Strict; Max-Age=0; HttpOnly; Secure');
  });
});

describe('due states', () => {
  it('are overdue below 0, soon up to 3 working days, else ok', () => {
    expect(dueState(null)).toBe('none');
    expect(dueState(-1)).toBe('overdue');
    expect(dueState(0)).toBe('soon');
    expect(dueState(3)).toBe('soon');
    expect(dueState(4)).toBe('ok');
  });
});

describe('working days in words', () => {
  const words = (lang: 'ru' | 'kk' | 'en', n: number) => counted(BOARD_COPY[lang].due.left, n, lang).replace(/<\/?strong>/g, '');

  it('takes the plural form the language needs for the number', () => {
    expect(words('en', 1)).toBe('1 working day left');
    expect(words('en', 2)).toBe('2 working days left');
    expect(words('ru', 1)).toBe('остался 1 рабочий день');
    expect(words('ru', 3)).toBe('осталось 3 рабочих дня');
    expect(words('ru', 5)).toBe('осталось 5 рабочих дней');
    expect(words('ru', 21)).toBe('остался 21 рабочий день');
    expect(words('kk', 1)).toBe('1 жұмыс күні қалды');
    expect(words('kk', 7)).toBe('7 жұмыс күні қалды');
  });

  it('says overdue days in the same forms, the number in bold', () => {
    expect(counted(BOARD_COPY.en.due.overdue, 1, 'en')).toBe('overdue by <strong>1</strong> working day');
    expect(counted(BOARD_COPY.ru.due.overdue, 2, 'ru')).toBe('просрочено на <strong>2</strong> рабочих дня');
  });
});

describe('page shell', () => {
  it.each(LANGUAGES)('in %s: no script, the language, escaped title and address, both sign-out forms with the token', (lang) => {
    const html = renderShell({
      lang,
      orgName: '<Org & Co>',
      title: '<script>alert(1)</script>',
      section: 'queue',
      session: { email: '"><img src=x>@example.com', idHash: 'x', csrf: 'tok"en' },
      flash: flashOf(BOARD_COPY[lang], { kind: 'refused', code: 'PD_TICKET_CHANGED', message: 'DSR-2026-000001 changed <b>now</b>' })!,
      body: '<p>body</p>',
    });
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;Org &amp; Co&gt;');
    expect(html).toContain('name="csrf" value="tok&quot;en"');
    expect(html).toContain('action="/staff/logout"');
    expect(html).toContain('action="/staff/logout/everywhere"');
    expect(html).toContain('<a href="/staff/tickets" aria-current="page">');
    expect(html).toContain(esc(BOARD_COPY[lang].refusal.changed));
    expect(html).toContain('changed &lt;b&gt;now&lt;/b&gt; <code>PD_TICKET_CHANGED</code>');
    expect(html).toContain('role="alert"');
    expect(html).toContain('href="/assets/board.css"');
  });
});
