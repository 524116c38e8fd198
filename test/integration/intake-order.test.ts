import { asc, eq, isNull, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { rows } from '../../src/db/client.js';
import { messages, tickets } from '../../src/db/schema.js';
import { createIntakeWorkers } from '../../src/intake-workers.js';
import type { IncomingMail } from '../../src/mail/incoming.js';
import { openTestIntake } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';

// Intake stores a fetched batch at once and processes several stored messages at a time. One
// sender's messages must still go one after the other, in arrival order: a follow-up processed
// before its request would find no ticket and open a second one.

const SENDERS = 40;

// One message at a time per worker, and batches of eight (those pointing at no ticket in one
// transaction): the order holds either way.
for (const batchSize of [1, 8]) {
  describeEachDb(`intake workers keep one sender in arrival order (batches of ${batchSize})`, (db) => {
    it('a request and its follow-up in one batch thread in order; many senders at once get one ticket each', async () => {
      const app = openTestIntake(db(), { INTAKE_CONCURRENCY: '4' });
      let uid = 0;
      const mail = (raw: Buffer): IncomingMail => ({ mailbox: 'imap:INBOX', sourceKey: `imap:INBOX:7:${++uid}`, uidValidity: 7, uid, raw });
      const batch: IncomingMail[] = [];
      // The pair whose order matters, first in the batch where every worker starts at once.
      batch.push(mail(buildMail({ from: 'Asel Example <asel@example.com>', messageId: '<asel-request@example.com>' })));
      batch.push(
        mail(
          buildMail({
            from: 'asel@example.com',
            subject: 'Re: Запрос на управление данными',
            messageId: '<asel-follow-up@example.com>',
            inReplyTo: '<asel-request@example.com>',
            references: ['<asel-request@example.com>'],
            body: 'Забыла добавить: мой номер договора 12345.',
          }),
        ),
      );
      for (let i = 0; i < SENDERS; i++) batch.push(mail(buildMail({ from: `person${i}@example.org`, messageId: `<flood-${i}@example.org>` })));
      // Two separate requests of one person, far apart in the batch: they open tickets in order.
      batch.splice(5, 0, mail(buildMail({ from: 'Dana <dana@example.net>', messageId: '<dana-1@example.net>' })));
      batch.push(mail(buildMail({ from: 'dana@example.net', subject: 'Data management request', messageId: '<dana-2@example.net>' })));

      await app.intake.storeBatch(batch.slice(0, 20));
      await app.intake.storeBatch(batch.slice(20));
      const [cursor] = await rows<{ last_uid: number | string }>(db().db, sql`select last_uid from mailbox_cursors where mailbox = 'imap:INBOX'`);
      // No cursor row was made for this mailbox here; where one exists the batch moved it (imap tests).
      expect(cursor === undefined || Number(cursor.last_uid) === uid).toBe(true);

      const workers = createIntakeWorkers(app.ctx, app.intake, { concurrency: 4, batchSize, idleMs: 50 });
      workers.start();
      try {
        for (let waited = 0; ; waited += 50) {
          const left = await db().db.select({ id: messages.id }).from(messages).where(isNull(messages.outcome));
          if (left.length === 0) break;
          if (waited > 60_000) throw new Error(`${left.length} messages still unprocessed`);
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await workers.stop();
      }

      const stored = await db().db.select().from(messages).where(eq(messages.mailbox, 'imap:INBOX')).orderBy(asc(messages.id));
      expect(stored).toHaveLength(batch.length);
      const byId = new Map(stored.map((m) => [m.messageId, m]));
      const request = byId.get('<asel-request@example.com>')!;
      const followUp = byId.get('<asel-follow-up@example.com>')!;
      expect(request.outcome).toBe('ticket');
      expect(followUp.outcome).toBe('thread');
      expect(followUp.ticketId).toBe(request.ticketId);
      expect(followUp.processedAt!.getTime()).toBeGreaterThanOrEqual(request.processedAt!.getTime());

      const dana1 = byId.get('<dana-1@example.net>')!;
      const dana2 = byId.get('<dana-2@example.net>')!;
      expect(dana1.processedAt!.getTime()).toBeLessThanOrEqual(dana2.processedAt!.getTime());

      const opened = await db().db.select().from(tickets).orderBy(asc(tickets.id));
      const perPerson = new Map<string, number[]>();
      for (const t of opened) perPerson.set(t.requesterEmail, [...(perPerson.get(t.requesterEmail) ?? []), t.id]);
      expect(perPerson.get('asel@example.com')).toHaveLength(1);
      for (let i = 0; i < SENDERS; i++) expect(perPerson.get(`person${i}@example.org`), `person${i}`).toHaveLength(1);
      // Dana's second letter is a request of its own or joins the first; either way after the first.
      const dana = perPerson.get('dana@example.net')!;
      expect(dana[0]).toBe(dana1.ticketId);
      if (dana2.outcome === 'ticket') expect(dana2.ticketId!).toBeGreaterThan(dana1.ticketId!);
      expect(stored.every((m) => m.attempts === 1)).toBe(true);
    }, 120_000);
  });
}
