import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { LANGUAGES } from '../../src/domain.js';
import { isAppError } from '../../src/errors.js';
import { createRenderer, type Renderer } from '../../src/outbox/render.js';
import { hostileVars, sampleVars } from '../../src/outbox/samples.js';
import { REQUESTER_TEMPLATES, TEMPLATE_NAMES, type TemplateName, type TemplateVars } from '../../src/outbox/templates.js';

const config: Config = loadConfig({
  APP_SECRET: 'test-secret-test-secret-test-secret-42',
  DATA_DIR: '/nonexistent/pd-test',
  ORG_NAME: 'Acme Learning',
  SUPPORT_ADDRESS: 'privacy-help@acme.example',
  PRIVACY_POLICY_URL: 'https://acme.example/legal/privacy',
});

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer(config);
});

const render = <N extends TemplateName>(name: N, lang: (typeof LANGUAGES)[number], vars: TemplateVars[N]) => renderer.render(name, lang, vars);

function expectTemplateError(fn: () => unknown, code: 'PD_TEMPLATE_VARIABLE' | 'PD_TEMPLATE_MISSING', detail?: RegExp) {
  try {
    fn();
  } catch (err) {
    expect(isAppError(err, code), String(err)).toBe(true);
    if (detail) expect((err as Error).message).toMatch(detail);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe.each(TEMPLATE_NAMES)('template %s', (name) => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    it('renders every variable, the ticket number and the configured organisation', () => {
      const vars = sampleVars()[name];
      const m = render(name, lang, vars);
      for (const out of [m.subject, m.html, m.text]) {
        expect(out).not.toMatch(/\{\{|\}\}|%%[A-Z]+%%|undefined|\[object Object\]|NaN/);
      }
      if (name === 'staff_login') {
        // Mail of no ticket: a sign-in link.
        expect(m.text).toContain('https://desk.example.com/staff/login/tok_abc123');
        expect(m.html).toContain('https://desk.example.com/staff/login/tok_abc123');
      } else if (name === 'too_large') {
        // Mail of no ticket: none was opened.
        expect(m.text).toContain('31 MB');
        expect(m.html).toContain('25 MB');
      } else if (name !== 'manager_digest') {
        expect(m.subject.startsWith('[DSR-2026-000042] ')).toBe(true);
        expect(m.html).toContain('DSR-2026-000042');
        expect(m.text).toContain('DSR-2026-000042');
      } else {
        expect(m.html).toContain('DSR-2026-000040');
        expect(m.text).toContain('DSR-2026-000041');
      }
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.subject.length).toBeGreaterThan(10);
      // Footer and links come from configuration, in every mail.
      for (const out of [m.html, m.text]) {
        expect(out).toContain('Acme Learning');
        expect(out).toContain('privacy-help@acme.example');
        expect(out).toContain('https://acme.example/legal/privacy');
      }
      // Layout: one 600 px column, the mail's language, and the subject as the HTML title.
      expect(m.html).toContain(`lang="${lang}"`);
      expect(m.html).toMatch(/max-width:\s*600px/);
      expect(m.html).toContain('<meta name="viewport"');
      expect(m.html).toContain(`<title>${m.subject.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</title>`);
      expect(m.text.endsWith('\n')).toBe(true);
      expect(m.text).toContain('\n-- \n');
    });

    it('escapes hostile text and keeps CR/LF out of the subject', () => {
      const m = render(name, lang, hostileVars()[name]);
      expect(m.html).not.toMatch(/<script/i);
      expect(m.subject).not.toMatch(/[\r\n\u202E]/);
      expect(m.text).not.toMatch(/[\r\u202E]/);
      expect(m.html).not.toMatch(/\u202E/);
      // No header can be forged through the subject, and a name stays on its line in the text.
      expect(m.subject).not.toMatch(/\nBcc:/i);
      // One-line fields (names, subjects, addresses) stay on one line even in the text part.
      // The sign-in mail carries no free text at all (a link we make and a date).
      if (name !== 'staff_login') expect(m.text).toContain(`<script>alert(1)</script>"'& Bcc: victim@example.com {{ticketNumber}}gnp.exe`);
      if (m.html.includes('alert(1)')) expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      // A value is inserted once, never expanded: a name like "{{ticketNumber}}" stays text.
      if (m.text.includes('alert(1)')) expect(m.text).toContain('{{ticketNumber}}');
    });
  });
});

describe('what the requester is told', () => {
  it('lists the rights understood in plain words, in the mail language', () => {
    const vars = sampleVars().confirm_request;
    expect(render('confirm_request', 'en', vars).text).toContain('delete your data');
    expect(render('confirm_request', 'ru', vars).text).toContain('удалить ваши данные');
    expect(render('confirm_request', 'kk', vars).text).toContain('деректеріңізді жою');
  });

  it('says "we will read your letter" for triage instead of listing rights', () => {
    const vars = { ...sampleVars().confirm_request, triage: true, rights: [] };
    expect(render('confirm_request', 'en', vars).text).toMatch(/will read it in full/);
    expect(render('confirm_request', 'ru', vars).text).toMatch(/полностью прочитает/);
    expect(render('confirm_request', 'en', vars).text).not.toContain('We understood that you want to');
  });

  it('shows dates in the organisation time zone and the mail language', () => {
    const vars = sampleVars().confirm_request; // expires 2026-03-08 12:00 UTC = 17:00 in Almaty
    expect(render('confirm_request', 'en', vars).text).toMatch(/8 March 2026.*17:00/);
    expect(render('confirm_request', 'ru', vars).text).toMatch(/8 марта 2026.*17:00/);
    expect(render('confirm_request', 'kk', vars).text).toMatch(/2026.*8 наурыз.*17:00/);
    const ack = sampleVars().acknowledgement; // due 2026-03-20 18:59:59 UTC = 23:59:59 on the 20th
    expect(render('acknowledgement', 'en', ack).subject).toBe('[DSR-2026-000042] Your request is registered: answer by 20 March 2026');
  });

  it('uses plural forms of working days', () => {
    const ack = sampleVars().acknowledgement;
    expect(render('acknowledgement', 'ru', { ...ack, workingDays: 10 }).text).toContain('10 рабочих дней');
    expect(render('acknowledgement', 'ru', { ...ack, workingDays: 3 }).text).toContain('3 рабочих дня');
    expect(render('acknowledgement', 'ru', { ...ack, workingDays: 1 }).text).toContain('1 рабочий день');
    expect(render('acknowledgement', 'en', { ...ack, workingDays: 1 }).text).toContain('1 working day,');
  });

  it('greets without a name when there is none', () => {
    const vars = { ...sampleVars().acknowledgement, requesterName: null };
    expect(render('acknowledgement', 'en', vars).text.startsWith('Hello!\n')).toBe(true);
    expect(render('acknowledgement', 'ru', vars).text.startsWith('Здравствуйте!\n')).toBe(true);
  });

  it('keeps the line breaks of a staff answer, escaped, in HTML', () => {
    const vars = { ...sampleVars().staff_reply_relay, answerText: 'Line one\r\nLine <two>' };
    const m = render('staff_reply_relay', 'en', vars);
    expect(m.html).toContain('Line one<br />\nLine &lt;two&gt;');
    expect(m.text).toContain('Line one\nLine <two>');
  });

  it('tells requesters how to start again with the request subject of their language', () => {
    const vars = sampleVars().confirm_expired;
    expect(render('confirm_expired', 'ru', vars).text).toContain('«Запрос на управление данными»');
    expect(render('confirm_expired', 'en', vars).text).toContain('"Data management request"');
  });

  it('marks requester templates as such (they get RFC 3834 auto-replied)', () => {
    expect(REQUESTER_TEMPLATES).toContain('confirm_request');
    expect(REQUESTER_TEMPLATES).not.toContain('staff_new_ticket');
    expect(REQUESTER_TEMPLATES).not.toContain('manager_digest');
  });
});

describe('missing variables', () => {
  it('fails with PD_TEMPLATE_VARIABLE instead of printing a placeholder', () => {
    for (const name of TEMPLATE_NAMES) {
      const vars = { ...sampleVars()[name] } as Record<string, unknown>;
      delete vars[name === 'manager_digest' ? 'date' : name === 'too_large' ? 'size' : name === 'staff_login' ? 'signInUrl' : 'ticketNumber'];
      expectTemplateError(() => renderer.render(name, 'en', vars as never), 'PD_TEMPLATE_VARIABLE', new RegExp(`${name}`));
    }
  });

  it('fails when a required value is null or of the wrong kind', () => {
    const ack = sampleVars().acknowledgement;
    expectTemplateError(() => renderer.render('acknowledgement', 'en', { ...ack, dueAt: null } as never), 'PD_TEMPLATE_VARIABLE');
    expectTemplateError(() => renderer.render('acknowledgement', 'en', { ...ack, dueAt: new Date('x') }), 'PD_TEMPLATE_VARIABLE');
    expectTemplateError(() => renderer.render('acknowledgement', 'en', { ...ack, rights: ['fly'] } as never), 'PD_TEMPLATE_VARIABLE');
  });

  it('refuses a confirmation link that is not http(s)', () => {
    const vars = { ...sampleVars().confirm_request, confirmUrl: 'javascript:alert(1)' };
    expectTemplateError(() => renderer.render('confirm_request', 'en', vars), 'PD_TEMPLATE_VARIABLE', /http/);
  });

  it('knows only its templates and languages', () => {
    expectTemplateError(() => renderer.render('nope' as TemplateName, 'en', {} as never), 'PD_TEMPLATE_MISSING');
    expectTemplateError(() => renderer.render('closing', 'de' as 'en', sampleVars().closing), 'PD_TEMPLATE_MISSING');
  });
});

describe('typing', () => {
  it('rejects a wrong variable set at compile time', () => {
    const check = (r: Renderer) => {
      // @ts-expect-error acknowledgement needs dueAt and workingDays, not a confirmUrl
      r.render('acknowledgement', 'en', sampleVars().confirm_request);
    };
    expect(typeof check).toBe('function');
  });
});
