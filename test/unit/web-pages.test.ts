import { describe, expect, it } from 'vitest';
import type { TicketRow } from '../../src/db/schema.js';
import { LANGUAGES, RIGHTS } from '../../src/domain.js';
import { esc, maskEmail } from '../../src/web/html.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../src/web/http.js';
import { PAGE_COPY } from '../../src/web/pages/copy.js';
import { chooseLanguage, pageForResult, pageForView } from '../../src/web/pages/model.js';
import { fill, renderPage } from '../../src/web/pages/render.js';

const site = { orgName: 'Mexrontal', privacyPolicyUrl: 'https://mexrontal.com/privacy', timeZone: 'Asia/Almaty' };
const TOKEN = 'A'.repeat(43);

function ticket(over: Partial<TicketRow> = {}): TicketRow {
  return {
    id: 7,
    number: 'DSR-2026-000007',
    status: 'unverified',
    requesterEmail: 'ivan.petrov@mail.ru',
    requesterName: 'Ivan',
    language: 'ru',
    rights: ['access', 'erasure'],
    confidence: {},
    triage: false,
    subject: 'Запрос на управление данными',
    originMessageId: null,
    receivedAt: new Date('2026-03-02T05:00:00Z'),
    verifiedAt: null,
    dueAt: null,
    dueBasis: null,
    closedAt: null,
    assignee: null,
    onTime: null,
    purgedAt: null,
    createdAt: new Date('2026-03-02T05:00:00Z'),
    updatedAt: new Date('2026-03-02T05:00:00Z'),
    ...over,
  };
}

const token = { expiresAt: new Date('2026-03-05T05:00:00Z'), usedAt: null, usedFor: null };
const viewOpts = { queryLang: null, token: TOKEN, formToken: 'FORM' };

describe('escaping and masking', () => {
  it('escapes the five HTML characters', () => {
    expect(esc(`<script>alert("x")</script>&'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('fills placeholders with escaped values and escapes the copy too', () => {
    expect(fill('Request {number} <b>', { number: '<img src=x>' })).toBe('Request <strong>&lt;img src=x&gt;</strong> &lt;b&gt;');
  });

  it('masks the requester address', () => {
    expect(maskEmail('ivan.petrov@mail.ru')).toBe('i***@m***.ru');
    expect(maskEmail('a@b.co.uk')).toBe('a***@b***.uk');
    expect(maskEmail('Әлия@пошта.kz')).toBe('Ә***@п***.kz');
    expect(maskEmail('nonsense')).toBe('***');
  });
});

describe('chooseLanguage', () => {
  it('prefers the switch, then the ticket, then the browser, then Russian', () => {
    expect(chooseLanguage('kk', 'ru', 'en')).toBe('kk');
    expect(chooseLanguage('xx', 'en', 'kk')).toBe('en');
    expect(chooseLanguage(null, undefined, 'de-DE,kk;q=0.8,en;q=0.5')).toBe('kk');
    expect(chooseLanguage(null, undefined, undefined)).toBe('ru');
  });
});

describe('page models', () => {
  it('GET of a good link shows the form with the masked address and the rights', () => {
    const m = pageForView({ state: 'valid', ticket: ticket(), token }, viewOpts);
    expect(m).toMatchObject({ kind: 'form', status: 200, lang: 'ru', maskedEmail: 'i***@m***.ru', rights: ['access', 'erasure'], triage: false });
    expect(m.form).toEqual({ action: `/confirm/${TOKEN}`, formToken: 'FORM' });
  });

  it('keeps the chosen language in the form action', () => {
    const m = pageForView({ state: 'valid', ticket: ticket(), token }, { ...viewOpts, queryLang: 'en' });
    expect(m.lang).toBe('en');
    expect(m.form?.action).toBe(`/confirm/${TOKEN}?lang=en`);
  });

  it('a ticket with no rights recognised reads as triage', () => {
    expect(pageForView({ state: 'valid', ticket: ticket({ rights: [] }), token }, viewOpts).triage).toBe(true);
  });

  it('maps each link state to a page and a status', () => {
    const cases = [
      ['confirmed', 'already_confirmed', 200],
      ['rejected', 'already_rejected', 409],
      ['expired', 'link_expired', 410],
      ['request_expired', 'request_expired', 410],
      ['used', 'used', 409],
    ] as const;
    for (const [state, kind, status] of cases) {
      expect(pageForView({ state, ticket: ticket(), token }, viewOpts)).toMatchObject({ kind, status });
    }
    expect(pageForView({ state: 'unknown' }, viewOpts)).toMatchObject({ kind: 'unknown', status: 404 });
  });

  it('after a POST: done is 200, the same again is 200, the opposite is 409', () => {
    const open = ticket({ status: 'open', dueAt: new Date('2026-03-16T18:59:59.999Z') });
    expect(pageForResult({ done: true, action: 'confirm', ticket: open }, 'confirm', { queryLang: null })).toMatchObject({ kind: 'confirmed', status: 200, dueAt: open.dueAt });
    expect(pageForResult({ done: true, action: 'reject', ticket: ticket({ status: 'rejected' }) }, 'reject', { queryLang: null })).toMatchObject({ kind: 'rejected', status: 200 });
    expect(pageForResult({ done: false, state: 'confirmed', ticket: open, token }, 'confirm', { queryLang: null })).toMatchObject({ kind: 'already_confirmed', status: 200 });
    expect(pageForResult({ done: false, state: 'confirmed', ticket: open, token }, 'reject', { queryLang: null })).toMatchObject({ kind: 'already_confirmed', status: 409 });
    expect(pageForResult({ done: false, state: 'rejected', ticket: ticket(), token }, 'reject', { queryLang: null })).toMatchObject({ kind: 'already_rejected', status: 200 });
    expect(pageForResult({ done: false, state: 'rejected', ticket: ticket(), token }, 'confirm', { queryLang: null })).toMatchObject({ kind: 'already_rejected', status: 409 });
    expect(pageForResult({ done: false, state: 'expired', ticket: ticket(), token }, 'confirm', { queryLang: null })).toMatchObject({ kind: 'link_expired', status: 410 });
    expect(pageForResult({ done: false, state: 'unknown' }, 'confirm', { queryLang: 'en' })).toMatchObject({ kind: 'unknown', status: 404, lang: 'en' });
  });
});

describe('rendered pages', () => {
  it('escape every dynamic value', () => {
    const evil = ticket({ number: '<script>x</script>', requesterEmail: '"><img src=x onerror=alert(1)>@evil.com' });
    const html = renderPage(pageForView({ state: 'valid', ticket: evil, token }, viewOpts), site, `/confirm/${TOKEN}`);
    expect(html).not.toContain('<script>x');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('have no script, a POST form with the hidden form token, both buttons and the language switch', () => {
    const html = renderPage(pageForView({ state: 'valid', ticket: ticket(), token }, viewOpts), site, `/confirm/${TOKEN}`);
    expect(html).not.toMatch(/<script|\son[a-z]+=|\sstyle=/i);
    expect(html).toContain(`<form method="post" action="/confirm/${TOKEN}">`);
    expect(html).toContain('<input type="hidden" name="form_token" value="FORM">');
    expect(html).toContain('value="confirm"');
    expect(html).toContain('value="reject"');
    expect(html).toContain(`href="/confirm/${TOKEN}?lang=kk"`);
    expect(html).toContain(`href="/confirm/${TOKEN}?lang=en"`);
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('i***@m***.ru');
    expect(html).not.toContain('ivan.petrov');
    expect(html).toContain(PAGE_COPY.ru.rights.access);
    expect(html).toContain('data-page="form"');
  });

  it('show the due date on the confirmed page, in the time zone and language', () => {
    const open = ticket({ status: 'open', language: 'en', dueAt: new Date('2026-03-16T18:59:59.999Z') });
    const html = renderPage(pageForResult({ done: true, action: 'confirm', ticket: open }, 'confirm', { queryLang: null }), site, `/confirm/${TOKEN}`);
    expect(html).toContain('16 March 2026');
    expect(html).toContain('DSR-2026-000007');
  });

  it('show the working days left beside the due date when the route knows them', () => {
    const open = ticket({ status: 'open', language: 'ru', dueAt: new Date('2026-03-16T18:59:59.999Z') });
    const model = pageForResult({ done: true, action: 'confirm', ticket: open }, 'confirm', { queryLang: null });
    expect(renderPage({ ...model, daysLeft: 9 }, site, `/confirm/${TOKEN}`)).toContain('Осталось рабочих дней: <strong>9</strong>.');
    expect(renderPage(model, site, `/confirm/${TOKEN}`)).not.toContain('Осталось рабочих дней');
  });

  it('exist in every language for every page, rights included', () => {
    for (const lang of LANGUAGES) {
      const copy = PAGE_COPY[lang];
      for (const page of Object.values(copy.pages)) {
        expect(page.title.length).toBeGreaterThan(0);
        expect(page.body.length).toBeGreaterThan(0);
      }
      for (const r of RIGHTS) expect(copy.rights[r].length).toBeGreaterThan(0);
    }
  });
});

describe('security headers', () => {
  it('forbid scripts, framing, referrers and sniffing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});
