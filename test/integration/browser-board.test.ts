import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tickets, type TicketRow } from '../../src/db/schema.js';
import type { Language, Right, TicketStatus } from '../../src/domain.js';
import type { Intake, RightsClassifier } from '../../src/intake.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { launchChromium, startCatchingListener, startOutboxDelivery, type CatchingListener } from '../helpers/browser.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';
import { repoRoot } from '../helpers/service.js';
import { waitFor } from '../helpers/wait.js';
import { realClock, startBoard, type Board } from './staff-board-support.js';
import { boardIntake } from './verify-support.js';

// The staff board as staff use it, in headless Chromium: ask for a link on /staff, take it from the
// mail the outbox worker delivered to an SMTP listener, open it and press the button, see the
// queue, open a ticket, answer the requester (the relayed mail reaches the listener; a tab drawn
// before the answer then loses the race), close it
// with an answer, and see it closed with its timeline. Along the way: no CSP violation, every form
// control has a label, keyboard focus is visible. Screenshots of the queue and a ticket, on a
// desktop and a phone, are kept in test-results/board/ (git-ignored).

const OUT = path.join(repoRoot, 'test-results', 'board');
const STAFF = 'lena@desk.example.org';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;

/** Each invented letter read in its own language, so the mail we send back is in it too. */
const BY_LANGUAGE: RightsClassifier = {
  classify: ({ text }) => {
    const language: Language = /[әғқңөұүһі]/i.test(text) ? 'kk' : /[а-яё]/i.test(text) ? 'ru' : 'en';
    return { rights: ['erasure'], confidence: { erasure: 0.93, access: 0.41 }, language, isRequest: true };
  },
};

/** Form controls a person can use that no label names (by `for`, by wrapping, or by ARIA). */
function unlabelled(page: Page): Promise<string[]> {
  return page.$$eval('input:not([type="hidden"]), select, textarea', (els) =>
    els
      .filter((el) => {
        const c = el as HTMLInputElement;
        const labelled = (c.labels?.length ?? 0) > 0 && [...c.labels!].some((l) => (l.textContent ?? '').trim() !== '');
        return !labelled && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby');
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** Tabs through the first controls and reports any that take focus without a visible outline. */
async function invisibleFocus(page: Page, presses = 8): Promise<string[]> {
  const bad: string[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { what: el.outerHTML.slice(0, 80), visible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 };
    });
    if (seen && !seen.visible) bad.push(seen.what);
  }
  return bad;
}

describeEachDb('the staff board in a browser', (db, kind) => {
  let listener: CatchingListener;
  let b: Board;
  let intake: Intake;
  let delivery: { stop(): Promise<void> } | undefined;
  let browser: Browser;
  let n = 0;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    listener = await startCatchingListener();
    b = await startBoard(db(), { SMTP_URL: `smtp://127.0.0.1:${listener.port}`, STAFF_ADDRESSES: '@desk.example.org' }, realClock);
    intake = boardIntake(b.fx, BY_LANGUAGE).intake;
    delivery = startOutboxDelivery(b.fx.ctx);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await delivery?.stop();
    await b?.web.stop();
    if (listener) await listener.close();
  });

  /** A request by mail through intake, then moved to how the queue should show it. */
  async function request(from: string, body: string, set: { status: TicketStatus; rights: Right[]; language: Language; dueInDays?: number; assignee?: string; triage?: boolean }): Promise<TicketRow> {
    const raw = buildMail({ messageId: `<board-e2e-${++n}-${Date.now()}@example.com>`, from, subject: 'Data management request', body });
    const r = await intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
    expect(r.outcome).toBe('ticket');
    const [t] = await db()
      .db.update(tickets)
      .set({
        status: set.status,
        rights: set.rights,
        language: set.language,
        triage: set.triage ?? false,
        assignee: set.assignee ?? null,
        ...(set.dueInDays === undefined ? {} : { verifiedAt: new Date(), dueAt: new Date(Date.now() + set.dueInDays * DAY) }),
        updatedAt: new Date(),
      })
      .where(eq(tickets.number, r.ticket!))
      .returning();
    return t!;
  }

  it('sign in by mail → queue → ticket → reply → close, labelled, focus visible, no CSP violation', async () => {
    const main = await request('Dana Example <dana.example@example.com>', 'Hello,\nplease delete my account and every copy of my data you hold.\nThank you,\nDana', {
      status: 'open',
      rights: ['erasure'],
      language: 'en',
      dueInDays: 2,
      assignee: STAFF,
    });
    await request('Timur Example <timur@example.org>', 'Прошу предоставить копию моих персональных данных.', { status: 'in_progress', rights: ['access', 'portability'], language: 'ru', dueInDays: -1 });
    await request('Aigerim Example <aigerim@example.net>', 'Менің деректерімді түзетуді сұраймын.', { status: 'waiting', rights: ['rectification'], language: 'kk', dueInDays: 12, assignee: 'olga@desk.example.org' });
    await request('Sam Example <sam@example.com>', 'Stop using my data for marketing.', { status: 'unverified', rights: [], language: 'en', triage: true });

    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    try {
      // Sign in: the form, the mail, the link's button.
      await page.goto(`${b.base}/staff?lang=en`);
      expect(await unlabelled(page)).toEqual([]);
      await page.getByLabel('Work email address').fill(STAFF);
      await page.getByRole('button', { name: 'Send me a link' }).click();
      await page.waitForSelector('[data-signin="sent"]');
      const mail = await waitFor('the sign-in mail at the SMTP listener', () => listener.mails.find((m) => m.to.includes(STAFF)));
      const link = /(http:\/\/127\.0\.0\.1:\d+\/staff\/login\/[A-Za-z0-9_-]{43})\b/.exec(mail.text)?.[1];
      expect(link).toBeDefined();
      await page.goto(link!);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${b.base}/staff/tickets`);

      // The queue.
      await page.waitForSelector(`tr[data-ticket="${main.number}"]`);
      await page.screenshot({ path: path.join(OUT, `queue-desktop-${kind}.png`), fullPage: true });
      await page.setViewportSize(PHONE);
      await page.screenshot({ path: path.join(OUT, `queue-phone-${kind}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.setViewportSize(DESKTOP);
      expect(await unlabelled(page)).toEqual([]);
      expect(await invisibleFocus(page)).toEqual([]);

      // A ticket.
      await page.locator(`a[href="/staff/tickets/${main.number}"]`).first().click();
      await page.waitForURL(`${b.base}/staff/tickets/${main.number}`);
      expect(await page.textContent('[data-part="request"]')).toContain('please delete my account');
      await page.screenshot({ path: path.join(OUT, `ticket-desktop-${kind}.png`), fullPage: true });
      await page.setViewportSize(PHONE);
      await page.screenshot({ path: path.join(OUT, `ticket-phone-${kind}.png`), fullPage: true });
      await page.setViewportSize(DESKTOP);
      expect(await unlabelled(page)).toEqual([]);
      expect(await invisibleFocus(page, 12)).toEqual([]);

      // A second tab on the same ticket, drawn before the reply below: it goes stale.
      const stale = await context.newPage();
      await stale.goto(`${b.base}/staff/tickets/${main.number}`);

      // Reply to the requester: the relayed mail reaches the listener.
      const reply = page.locator('form[data-action="reply"]');
      await reply.getByLabel('Text').fill('Dear Dana,\nwe have found your account and are deleting it now; we will confirm when it is done.');
      await reply.getByRole('button').click();
      await page.waitForSelector('p.flash[data-flash="ok"]');
      expect(await page.textContent('p.flash')).toContain('your answer is on its way to the requester');
      const relayed = await waitFor('the relayed answer at the SMTP listener', () =>
        listener.mails.find((m) => m.to.includes('dana.example@example.com') && m.text.includes('we have found your account')),
      );
      expect(relayed.subject).toContain(main.number);
      expect(await page.textContent('.facts .status')).toBe('in progress');
      await page.screenshot({ path: path.join(OUT, `ticket-replied-desktop-${kind}.png`), fullPage: true });

      // The stale tab loses the race: said in red, and nothing applied.
      const note = stale.locator('form[data-action="note"]');
      await note.getByLabel('Text').fill('Checked the CRM: one account.');
      await note.getByRole('button').click();
      await stale.waitForSelector('p.flash[data-flash="error"][role="alert"]');
      const lost = (await stale.textContent('p.flash')) ?? '';
      expect(lost).toContain('Nothing was applied: someone changed this ticket after this page was drawn.');
      // It names the change (the answer), not the outbox's delivery record after it.
      expect(lost).toContain(`by staff:${STAFF}, reply_relayed`);
      expect(await stale.$eval('p.flash', (p) => getComputedStyle(p).backgroundColor)).toBe('rgb(253, 236, 234)');
      expect(await stale.$$eval('ol.timeline > li[data-event="note"]', (items) => items.length)).toBe(0);
      await stale.screenshot({ path: path.join(OUT, `ticket-stale-desktop-${kind}.png`) });
      await stale.close();

      // Close with an answer.
      const close = page.locator('form[data-action="close"]');
      await close.getByLabel('Answer (optional)').fill('Your account and all its data are deleted.');
      await close.getByRole('button').click();
      await page.waitForSelector('p.flash[data-flash="ok"]');
      expect(await page.textContent('p.flash')).toContain('closed');
      expect(await page.textContent('.facts .status')).toBe('closed');
      const timeline = await page.$$eval('ol.timeline > li', (items) => items.map((li) => li.textContent ?? ''));
      expect(timeline.some((t) => t.includes(`staff:${STAFF}`) && t.includes('reply_relayed'))).toBe(true);
      expect(timeline.some((t) => t.includes(`staff:${STAFF}`) && /clos/.test(t))).toBe(true);
      await waitFor('the closing mail at the SMTP listener', () =>
        listener.mails.find((m) => m.to.includes('dana.example@example.com') && m.text.includes('Your account and all its data are deleted.')),
      );
      await page.screenshot({ path: path.join(OUT, `ticket-closed-desktop-${kind}.png`), fullPage: true });
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
