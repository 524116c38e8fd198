import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { reopenQuarantined } from '../../src/db/queries/quarantine-actions.js';
import { outbox } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail, type MailSpec } from '../helpers/mail.js';

// A request over MAX_MESSAGE_BYTES is quarantined, and its sender gets one note saying how to send
// it without the attachment; automatic mail, our own addresses, doubtful senders and ordinary mail get nothing.

describeEachDb('a request too large to take', (db) => {
  let app: App;
  const shared = () => ({ ...db(), close: async () => {} });

  beforeAll(async () => {
    app = await openApp(testConfig({ MAX_MESSAGE_BYTES: '4096', STAFF_ADDRESSES: '@staff.example.com' }), silentLogger(), shared());
  });

  async function receive(spec: MailSpec): Promise<number> {
    const raw = buildMail({ attachments: [{ filename: 'passport-scan.pdf', contentType: 'application/pdf', content: Buffer.alloc(8000, 1) }], ...spec });
    const r = await app.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
    expect(r).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_TOO_LARGE' });
    return r.messageRowId!;
  }
  const notesTo = (address: string) => db().db.select().from(outbox).where(eq(outbox.toAddress, address));

  it('is quarantined and its sender is told, in their language, how to send it again', async () => {
    const id = await receive({ from: 'Dana Example <dana.large@example.com>', messageId: '<large-1@example.com>' });
    const [note, ...more] = await notesTo('dana.large@example.com');
    expect(more).toEqual([]);
    expect(note).toMatchObject({ template: 'too_large', language: 'ru', ticketId: null, inReplyTo: '<large-1@example.com>' });
    expect(note!.text).toContain('4 KB');
    expect(note!.text).not.toContain('Dana');

    // Retried by staff and quarantined again: no second note.
    await reopenQuarantined(db().db, id, 'staff:test');
    expect((await app.intake.process(id)).reason).toBe('PD_MSG_TOO_LARGE');
    expect(await notesTo('dana.large@example.com')).toHaveLength(1);
  });

  it('answers English in English', async () => {
    await receive({ from: 'sam.large@example.com', subject: 'Data management request' });
    const [note] = await notesTo('sam.large@example.com');
    expect(note).toMatchObject({ template: 'too_large', language: 'en' });
  });

  it('writes to nobody for ordinary mail, automatic mail, or mail from our own and staff addresses', async () => {
    await receive({ from: 'ordinary.large@example.com', subject: 'Invoice for March' });
    await receive({ from: 'robot.large@example.com', headers: { 'Auto-Submitted': 'auto-replied' } });
    await receive({ from: 'lena@staff.example.com' });
    await receive({ from: 'help@mexrontal.com' });
    for (const address of ['ordinary.large@example.com', 'robot.large@example.com', 'lena@staff.example.com', 'help@mexrontal.com']) {
      expect(await notesTo(address), address).toEqual([]);
    }
  });

  it('writes to nobody when intake would doubt the sender: several authors, or a name posing as ours', async () => {
    await receive({ from: 'two.large@example.com', headers: { From: 'other.large@example.org' } });
    await receive({ from: '"help@mexrontal.com" <posing.large@example.net>' });
    for (const address of ['two.large@example.com', 'other.large@example.org', 'posing.large@example.net']) {
      expect(await notesTo(address), address).toEqual([]);
    }
  });
});
