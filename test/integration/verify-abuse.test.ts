import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { tickets } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { confirmRequest } from '../../src/verify/confirm.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';
import { eventsOf, latestLink, mailsOf } from './verify-support.js';

// Issue 12 through the real intake: forged requests cannot spend a person's budget under many
// spellings of one address, nor a whole domain's, nor starve a sender our server authenticated;
// and a forger's display name never reaches the victim in our mail.
// The tests share one hourly budget and run in order: the flood comes last.

const AUTHSERV = 'mx.mexrontal.com';

describeEachDb('verification abuse', (db) => {
  let app: App;

  beforeAll(async () => {
    const config = testConfig({ AUTHSERV_ID: AUTHSERV, CONFIRM_MAX_PER_DOMAIN_PER_HOUR: '4', CONFIRM_MAX_PER_HOUR: '14', CONFIRM_MAX_PER_HOUR_AUTHENTICATED: '5' });
    app = await openApp(config, silentLogger(), { ...db(), close: async () => {} });
  });

  /** Ingests one request; returns its ticket and what happened to its confirmation mail. */
  async function requestFrom(from: string, headers: Record<string, string> = {}) {
    const raw = buildMail({ from, headers });
    const r = await app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
    expect(r.outcome).toBe('ticket');
    const [ticket] = await db().db.select().from(tickets).where(eq(tickets.number, r.ticket!));
    const mails = await mailsOf(db(), ticket!.id);
    const held = await eventsOf(db(), ticket!.id, 'confirmation_held');
    return { ticket: ticket!, mails, heldReason: held[0]?.data.reason as string | undefined };
  }

  it('greets nobody by name before confirmation, and never prints a name that carries a link', async () => {
    const prize = await requestFrom('"Prize Desk - claim your reward at https://evil.example" <winner@prize.example.org>');
    const dana = await requestFrom('Dana Example <dana@names.example.org>');
    for (const { mails } of [prize, dana]) {
      expect(mails.map((m) => m.template)).toEqual(['confirm_request']);
    }
    for (const body of [prize.mails[0]!.text, prize.mails[0]!.html]) {
      expect(body).not.toContain('evil.example');
      expect(body).not.toContain('Prize Desk');
    }
    expect(dana.mails[0]!.text).not.toContain('Dana');

    for (const t of [prize.ticket, dana.ticket]) {
      expect(await confirmRequest(db().db, app.verify, await latestLink(db(), t.id))).toMatchObject({ done: true });
    }
    const [, prizeAck, prizeStaff] = await mailsOf(db(), prize.ticket.id);
    expect(prizeAck!.template).toBe('acknowledgement');
    expect(prizeAck!.text + prizeAck!.html).not.toContain('evil.example');
    // Staff see what the sender wrote: the notice is internal.
    expect(prizeStaff!.text).toContain('evil.example');
    const [, danaAck] = await mailsOf(db(), dana.ticket.id);
    expect(danaAck!.text).toContain('Dana Example');
  });

  it('counts sub-addresses and dotted Gmail spellings as one recipient', async () => {
    const tagged = [];
    for (let i = 1; i <= 4; i++) tagged.push(await requestFrom(`bob+${i}@tags.example.org`));
    expect(tagged.map((r) => r.mails.length)).toEqual([1, 1, 1, 0]);
    expect(tagged[3]!.heldReason).toBe('recipient_limit');

    const gmail = [];
    for (const a of ['b.o.b.abuse@gmail.com', 'bobabuse@googlemail.com', 'Bob.Abuse+x@gmail.com', 'bobabuse@gmail.com']) gmail.push(await requestFrom(a));
    expect(gmail.map((r) => r.mails.length)).toEqual([1, 1, 1, 0]);
    expect(gmail[3]!.heldReason).toBe('recipient_limit');
  });

  it('limits the mail to one domain per hour', async () => {
    const sent = [];
    for (let i = 1; i <= 5; i++) sent.push(await requestFrom(`person${i}@one-domain.example.net`));
    expect(sent.map((r) => r.mails.length)).toEqual([1, 1, 1, 1, 0]);
    expect(sent[4]!.heldReason).toBe('domain_limit');
  });

  it('a forged flood exhausts the unauthenticated budget while a DMARC-pass request still gets its link', async () => {
    let last: Awaited<ReturnType<typeof requestFrom>> | undefined;
    for (let i = 1; i <= 8 && last?.heldReason !== 'hourly_limit'; i++) {
      // A forger writes an Authentication-Results of their own: not our server's, not trusted.
      last = await requestFrom(`victim${i}@flood${i}.example.net`, { 'Authentication-Results': 'mx.attacker.example; dmarc=pass; spf=pass' });
    }
    expect(last!.heldReason).toBe('hourly_limit');
    expect(last!.mails).toHaveLength(0);

    const real = await requestFrom('Real Person <real@authentic.example.org>', {
      'Authentication-Results': `${AUTHSERV}; spf=pass smtp.mailfrom=authentic.example.org; dkim=pass header.d=authentic.example.org; dmarc=pass header.from=authentic.example.org`,
    });
    expect(real.mails.map((m) => m.template)).toEqual(['confirm_request']);
    expect((await eventsOf(db(), real.ticket.id, 'confirmation_sent'))[0]!.data).toMatchObject({ authenticated: true });

    const spfOnly = await requestFrom('spf@spf-only.example.org', { 'Authentication-Results': `${AUTHSERV}; spf=pass smtp.mailfrom=spf-only.example.org` });
    expect(spfOnly.mails).toHaveLength(1);
    // Still no room for the next forgery.
    expect((await requestFrom('victim99@flood99.example.net')).heldReason).toBe('hourly_limit');
  });
});
