import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWebServer, type WebServer } from '../../src/web/server.js';
import { launchChromium, startCatchingListener, startOutboxDelivery, type CatchingListener } from '../helpers/browser.js';
import { describeEachDb } from '../helpers/db.js';
import { waitFor } from '../helpers/wait.js';
import { realClock } from './staff-board-support.js';
import { boardIntake, insertTicket, linkToken, makeFixture, request, ticketOf, type Fixture } from './verify-support.js';

// The whole way a requester goes, in a real browser: the confirm_request mail leaves through the
// outbox worker to an SMTP listener on loopback, the link in it is opened in headless Chromium,
// the button is clicked, and the result page shows while the ticket is open in the database.

describeEachDb('confirmation in a browser', (db) => {
  let listener: CatchingListener;
  let fx: Fixture;
  let web: WebServer;
  let delivery: { stop(): Promise<void> } | undefined;
  let browser: Browser;
  let n = 0;

  beforeAll(async () => {
    listener = await startCatchingListener();
    fx = await makeFixture(db(), { SMTP_URL: `smtp://127.0.0.1:${listener.port}` }, realClock);
    web = createWebServer(fx.ctx, fx.deps, boardIntake(fx));
    await web.start();
    fx.config.http.publicBaseUrl = `http://127.0.0.1:${web.address().port}`;
    delivery = startOutboxDelivery(fx.ctx);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await delivery?.stop();
    await web?.stop();
    if (listener) await listener.close();
  });

  /** A new request, and the link from the confirm_request mail the SMTP listener caught. */
  async function mailedLink(language: 'ru' | 'kk' | 'en' = 'ru') {
    const email = `browser${++n}@example.com`;
    const ticket = await insertTicket(db(), { email, language, rights: ['access', 'erasure'], receivedAt: new Date() });
    await request(fx, ticket);
    const mail = await waitFor(`the confirm_request mail to ${email}`, () =>
      listener.mails.find((m) => m.to.includes(email) && m.subject.includes(ticket.number)),
    );
    const token = linkToken(mail.text);
    return { ticket, email, url: `${fx.config.http.publicBaseUrl}/confirm/${token}` };
  }

  it('opens the mailed link, clicks Confirm, sees the result, and the ticket is open', async () => {
    const { ticket, email, url } = await mailedLink('en');
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    try {
      const res = await page.goto(url);
      expect(res?.status()).toBe(200);
      await page.waitForSelector('main[data-page="form"]');
      expect(await page.textContent('main')).toContain(ticket.number);
      // Opening the page changed nothing.
      expect((await ticketOf(db(), ticket.id)).status).toBe('unverified');
      // The stylesheet loaded under the CSP (the Confirm button has the accent colour).
      const bg = await page.$eval('button.primary', (b) => getComputedStyle(b).backgroundColor);
      expect(bg).toBe('rgb(31, 95, 191)');

      await page.click('button[value="confirm"]');
      await page.waitForSelector('main[data-page="confirmed"]');
      const text = (await page.textContent('main')) ?? '';
      expect(text).toContain('Request confirmed');
      expect(text).toContain(ticket.number);
      expect(text).toMatch(/We will answer by/);
      expect(violations).toEqual([]);
    } finally {
      await page.close();
    }

    const after = await ticketOf(db(), ticket.id);
    expect(after.status).toBe('open');
    expect(after.dueAt).not.toBeNull();
    // The acknowledgement with the due date reaches the requester through the same outbox.
    await waitFor('the acknowledgement', () => listener.mails.filter((m) => m.to.includes(email) && m.subject.includes(ticket.number)).length === 2);
    await waitFor('the staff notice', () => listener.mails.find((m) => m.to.includes(fx.config.staffNotifyAddress) && m.subject.includes(ticket.number)));
  });

  it('switches language, then "this was not me" closes the request', async () => {
    const { ticket, url } = await mailedLink('ru');
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.waitForSelector('main[data-page="form"]');
      expect(await page.getAttribute('html', 'lang')).toBe('ru');
      await page.click('nav.langs a[hreflang="kk"]');
      await page.waitForSelector('html[lang="kk"] main[data-page="form"]');
      await page.click('button[value="reject"]');
      await page.waitForSelector('main[data-page="rejected"]');
      expect(await page.getAttribute('html', 'lang')).toBe('kk');
    } finally {
      await page.close();
    }
    expect((await ticketOf(db(), ticket.id)).status).toBe('rejected');
  });
});
