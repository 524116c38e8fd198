import { describe, expect, it } from 'vitest';
import { addressesInName } from '../../src/mail/display-name.js';
import { parseMail } from '../../src/mail/parse.js';
import { authorBySender, ourAddresses, senderProblem } from '../../src/mail/sender.js';

// Issue 13 points 1 and 2: a message must name one sender, and its display name must not pass
// it off as ours.

const OURS = ourAddresses({ supportAddress: 'help@mexrontal.com', staffAddresses: ['privacy@mexrontal.com', '@staff.example.com', 'dpo@example.org'] });

/** A minimal message with the given header lines (raw, so From may occur twice). */
function raw(...headers: string[]): Buffer {
  const lines = [...headers, 'To: help@mexrontal.com', 'Subject: Data management request', 'Message-ID: <s1@example.com>', 'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8', '', 'Please delete my data.', ''];
  return Buffer.from(lines.join('\r\n'), 'utf8');
}
const problemOf = async (...headers: string[]) => senderProblem(await parseMail(raw(...headers)), OURS);

describe('parseMail: every From and Sender header', () => {
  it('lists the mailboxes of both From headers, where mailparser keeps only the first', async () => {
    const m = await parseMail(raw('From: Dana <dana@example.com>', 'From: =?UTF-8?B?0JzQsNGA0LDRgg==?= <marat@example.org>'));
    expect(m.from).toEqual({ address: 'dana@example.com', name: 'Dana' });
    expect(m.fromMailboxes).toEqual([{ address: 'dana@example.com', name: 'Dana' }, { address: 'marat@example.org', name: 'Марат' }]);
  });

  it('reads a raw UTF-8 display name in a second From header as UTF-8', async () => {
    const m = await parseMail(raw('From: dana@example.com', 'From: Айгерим <aigerim@example.org>'));
    expect(m.fromMailboxes[1]).toEqual({ address: 'aigerim@example.org', name: 'Айгерим' });
  });

  it('lists every mailbox of one From header, groups opened, and the Sender addresses', async () => {
    const m = await parseMail(raw('From: a@example.com, Team: b@example.org, c@example.net;', 'Sender: B <B@example.org>'));
    expect(m.fromMailboxes.map((x) => x.address)).toEqual(['a@example.com', 'b@example.org', 'c@example.net']);
    expect(m.senderAddresses).toEqual(['b@example.org']);
  });

  it('answers the author a single Sender names among several From mailboxes', async () => {
    const m = await parseMail(raw('From: Dana <dana@example.com>, Marat <marat@example.org>', 'Sender: marat@example.org'));
    expect(m.from).toEqual({ address: 'marat@example.org', name: 'Marat' });
  });

  it('keeps the first From mailbox when the Sender names nobody in From', async () => {
    const m = await parseMail(raw('From: dana@example.com, marat@example.org', 'Sender: assistant@example.net'));
    expect(m.from?.address).toBe('dana@example.com');
  });
});

describe('senderProblem: several authors (PD_MSG_AMBIGUOUS_SENDER)', () => {
  it('two From headers with different addresses', async () => {
    expect(await problemOf('From: Dana <dana@example.com>', 'From: Mallory <mallory@example.net>')).toEqual({
      code: 'PD_MSG_AMBIGUOUS_SENDER',
      detail: 'From names 2 addresses (dana@example.com, mallory@example.net); no Sender',
    });
  });

  it('one From header listing several mailboxes and no Sender, groups included', async () => {
    expect(await problemOf('From: dana@example.com, marat@example.org')).toMatchObject({ code: 'PD_MSG_AMBIGUOUS_SENDER' });
    expect(await problemOf('From: dana@example.com, Team: marat@example.org;')).toMatchObject({ code: 'PD_MSG_AMBIGUOUS_SENDER' });
  });

  it('several mailboxes with a Sender that is not one of them, or two Senders', async () => {
    expect(await problemOf('From: dana@example.com, marat@example.org', 'Sender: assistant@example.net')).toMatchObject({
      code: 'PD_MSG_AMBIGUOUS_SENDER',
      detail: expect.stringContaining('Sender assistant@example.net is not one of them'),
    });
    expect(await problemOf('From: dana@example.com, marat@example.org', 'Sender: dana@example.com', 'Sender: marat@example.org')).toMatchObject({ code: 'PD_MSG_AMBIGUOUS_SENDER' });
  });

  it('is no problem: the same address twice (in any case), a Sender naming one of the authors, one From with a Sender', async () => {
    expect(await problemOf('From: Dana <dana@example.com>', 'From: DANA@EXAMPLE.COM')).toBeNull();
    expect(await problemOf('From: dana@example.com, Dana Work <dana@example.com>')).toBeNull();
    expect(await problemOf('From: dana@example.com, marat@example.org', 'Sender: Dana <dana@example.com>')).toBeNull();
    expect(await problemOf('From: dana@example.com', 'Sender: list-bounces@example.net')).toBeNull();
  });

  it('an unusable second mailbox does not make a sender ambiguous', async () => {
    expect(await problemOf('From: dana@example.com, undisclosed-recipients:;')).toBeNull();
  });

  it('lists at most five addresses in the detail', () => {
    const fromMailboxes = Array.from({ length: 8 }, (_, i) => ({ address: `p${i}@example.com`, name: null }));
    const p = senderProblem({ from: fromMailboxes[0]!, fromMailboxes, senderAddresses: [] }, OURS);
    expect(p?.detail).toBe('From names 8 addresses (p0@example.com, p1@example.com, p2@example.com, p3@example.com, p4@example.com and 3 more); no Sender');
  });
});

describe('senderProblem: a display name posing as ours (PD_MSG_SPOOFED_NAME)', () => {
  it.each<[string, string]>([
    ['From: "help@mexrontal.com" <someone@evil.example>', 'help@mexrontal.com'],
    ['From: help@mexrontal.com <someone@evil.example>', 'help@mexrontal.com'],
    ['From: "HELP@MEXRONTAL.COM" <someone@evil.example>', 'help@mexrontal.com'],
    ['From: "Support (help@mexrontal.com)" <someone@evil.example>', 'help@mexrontal.com'],
    ['From: "privacy@mexrontal.com via Forms" <someone@evil.example>', 'privacy@mexrontal.com'],
    ['From: "ceo@mexrontal.com" <someone@evil.example>', 'ceo@mexrontal.com'],
    ['From: "lawyer@staff.example.com" <someone@evil.example>', 'lawyer@staff.example.com'],
    ['From: "dpo@example.org" <someone@evil.example>', 'dpo@example.org'],
    ['From: "help @ mexrontal.com" <someone@evil.example>', 'help@mexrontal.com'],
    ['From: "mailto:help@mexrontal.com." <someone@evil.example>', 'help@mexrontal.com'],
    ['From: =?UTF-8?B?aGVscEBtZXhyb250YWwuY29t?= <someone@evil.example>', 'help@mexrontal.com'],
    // Cyrillic е, о, р and а in place of the Latin letters.
    ['From: "h\u0435l\u0440@m\u0435xr\u043ent\u0430l.com" <someone@evil.example>', 'help@mexrontal.com'],
    // Full-width commercial at, and a zero-width space inside the local part.
    ['From: "help\uff20mexrontal.com" <someone@evil.example>', 'help@mexrontal.com'],
    ['From: "he\u200blp@mexrontal.com" <someone@evil.example>', 'help@mexrontal.com'],
  ])('%s', async (from, shown) => {
    const p = await problemOf(from);
    expect(p).toEqual({ code: 'PD_MSG_SPOOFED_NAME', detail: `display name shows ${shown}, address is someone@evil.example` });
  });

  it('checks the name of every From mailbox, not only the first', async () => {
    expect(await problemOf('From: dana@example.com, "help@mexrontal.com" <dana@example.com>')).toMatchObject({ code: 'PD_MSG_SPOOFED_NAME' });
  });

  it('finds the address past a long padding that the stored name cuts off', async () => {
    expect(await problemOf(`From: "${'\u200b'.repeat(200)}help@mexrontal.com" <someone@evil.example>`)).toMatchObject({ code: 'PD_MSG_SPOOFED_NAME' });
  });

  it.each([
    'From: "Dana Example" <dana@example.com>',
    'From: "dana@example.com" <dana@example.com>',
    'From: "dana.old@example.org" <dana@example.com>',
    'From: "Айгерим Сапарова" <aigerim@example.org>',
    'From: "help@mexrontal.com" <help@mexrontal.com>',
    'From: "privacy@mexrontal.com" <lawyer@staff.example.com>',
    'From: "Служба помощи Mexrontal" <someone@example.net>',
    'From: "help@mexrontal.community" <someone@example.net>',
  ])('is no problem: %s', async (from) => {
    expect(await problemOf(from)).toBeNull();
  });
});

describe('addressesInName', () => {
  it('finds nothing in a name without an @', () => {
    expect(addressesInName('Ольга Сидорова')).toEqual([]);
    expect(addressesInName(null)).toEqual([]);
  });

  it('folds look-alike letters, width forms, case and spaces around the @', () => {
    expect(addressesInName('Ѕuрроrt <НЕLР ＠ mexrontal.com>, copy: dpo@example.org.')).toEqual(['help@mexrontal.com', 'dpo@example.org']);
  });
});

describe('authorBySender', () => {
  const mb = (address: string) => ({ address, name: null });
  it('chooses only among several authors, by exactly one Sender', () => {
    expect(authorBySender([mb('a@example.com')], ['a@example.com'])).toBeNull();
    expect(authorBySender([mb('a@example.com'), mb('b@example.org')], ['b@example.org'])).toEqual(mb('b@example.org'));
    expect(authorBySender([mb('a@example.com'), mb('b@example.org')], [])).toBeNull();
    expect(authorBySender([mb('a@example.com'), mb('b@example.org')], ['a@example.com', 'b@example.org'])).toBeNull();
  });
});
