import { beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { quarantined } from '../../src/db/queries/messages.js';
import { dismissQuarantined, messageEventsOf, reopenQuarantined } from '../../src/db/queries/quarantine-actions.js';
import { silentLogger } from '../../src/log.js';
import { sourceKeyForFile } from '../../src/mail/local-source.js';
import { testConfig } from '../helpers/app.js';
import { describeEachDb } from '../helpers/db.js';
import { buildMail } from '../helpers/mail.js';

// What `cli quarantine retry|dismiss` do to the database, on both drivers: a message quarantined
// as too large becomes a ticket once the limit is raised and it is retried; dismissing takes a
// message off the list; each step is a message event naming who took it.

describeEachDb('quarantine retry and dismiss', (db) => {
  let strict: App;
  let relaxed: App;
  const shared = () => ({ ...db(), close: async () => {} });

  beforeAll(async () => {
    strict = await openApp(testConfig({ MAX_MESSAGE_BYTES: '1024' }), silentLogger(), shared());
    relaxed = await openApp(testConfig(), silentLogger(), shared());
  });

  async function quarantineOne(from: string): Promise<number> {
    const raw = buildMail({ from, body: `Прошу удалить мои данные. ${'x'.repeat(2000)}` });
    const r = await strict.intake.receive({ mailbox: 'cli', sourceKey: sourceKeyForFile('cli', raw), raw });
    expect(r).toMatchObject({ outcome: 'quarantined', reason: 'PD_MSG_TOO_LARGE' });
    if (r.messageRowId === null) throw new Error('the quarantined message was not stored');
    return r.messageRowId;
  }

  it('retry puts the message through intake again from the start and records who asked', async () => {
    const id = await quarantineOne('Gulnara Example <gulnara@example.com>');
    const before = await reopenQuarantined(db().db, id, 'staff:alice');
    expect(before?.reason).toBe('PD_MSG_TOO_LARGE');
    const r = await relaxed.intake.process(id);
    expect(r.outcome).toBe('ticket');
    expect(await reopenQuarantined(db().db, id, 'staff:alice')).toBeNull();
    expect((await messageEventsOf(db().db, id)).map((e) => [e.actor, e.kind, e.data])).toEqual([
      ['staff:alice', 'quarantine_retried', { reason: 'PD_MSG_TOO_LARGE', dismissed: false }],
    ]);
  });

  it('dismiss takes the message off the list once, and a retry brings it back', async () => {
    const id = await quarantineOne('Hasan Example <hasan@example.com>');
    expect(await dismissQuarantined(db().db, id, 'staff:bob', new Date())).toBe(true);
    expect(await dismissQuarantined(db().db, id, 'staff:bob', new Date())).toBe(false);
    expect((await quarantined(db().db)).map((m) => m.id)).not.toContain(id);
    expect((await quarantined(db().db, { includeDismissed: true })).find((m) => m.id === id)?.dismissedAt).toBeInstanceOf(Date);

    await reopenQuarantined(db().db, id, 'staff:carol');
    expect((await strict.intake.process(id)).outcome).toBe('quarantined');
    expect((await quarantined(db().db)).map((m) => m.id)).toContain(id);
    expect((await messageEventsOf(db().db, id)).map((e) => [e.actor, e.kind])).toEqual([
      ['staff:bob', 'quarantine_dismissed'],
      ['staff:carol', 'quarantine_retried'],
    ]);
  });
});
