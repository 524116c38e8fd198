// Runs the intake building blocks over every fixture in test/fixtures/mail and checks them against
// expected.json (written by scripts/fixtures/generate-mail.ts, which holds the notes on each file).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RIGHTS } from '../../src/domain.js';
import { detectAuto, type AutoKind } from '../../src/mail/auto-reply.js';
import { parseMail, type ParsedMail } from '../../src/mail/parse.js';
import { ourAddresses, senderProblem } from '../../src/mail/sender.js';
import { extractTicketNumber, matchesRequestSubject } from '../../src/mail/subject.js';
import type { Expected, Outcome } from '../../scripts/fixtures/generate-mail.js';

const SUBJECTS = ['Запрос на управление данными', 'Деректерді басқаруға сұрау', 'Data management request'] as const;
const OWN = ['help@mexrontal.com'] as const;
const OURS = ourAddresses({ supportAddress: 'help@mexrontal.com', staffAddresses: ['privacy@mexrontal.com'] });
const OUR_MESSAGE_ID = /^<pd-DSR-\d{4}-\d{6}-[^@>]*@mexrontal\.com>$/i;

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mail');
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
const emlFiles = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();

/** What the routing rules of issue 2 point 5 make of one parsed message, from the building blocks. */
function route(m: ParsedMail): { outcome: Outcome; subjectMatches: boolean; auto: AutoKind; ticketNumber: string | null } {
  const subjectMatches = matchesRequestSubject(m.subject, SUBJECTS);
  const auto = detectAuto({ headers: m.headers, from: m.from?.address ?? null, contentType: m.contentType, ownAddresses: OWN }).kind;
  const ticketNumber = extractTicketNumber(m.subject);
  let outcome: Outcome;
  if (m.from === null || senderProblem(m, OURS)) outcome = 'quarantined';
  else if (auto !== 'none') outcome = 'auto';
  else if (ticketNumber !== null || [m.inReplyTo ?? '', ...m.references].some((id) => OUR_MESSAGE_ID.test(id))) outcome = 'thread';
  else if (subjectMatches) outcome = 'ticket';
  else outcome = 'ignored';
  return { outcome, subjectMatches, auto, ticketNumber };
}

describe('the fixture corpus', () => {
  it('has between 45 and 70 messages', () => {
    expect(emlFiles.length).toBeGreaterThanOrEqual(45);
    expect(emlFiles.length).toBeLessThanOrEqual(70);
  });

  it('has an expected.json entry for every .eml file and no entry without a file', () => {
    expect(Object.keys(expected).sort()).toEqual(emlFiles);
  });

  it('uses CRLF line ends in most files and LF in a few', () => {
    let crlf = 0;
    let lf = 0;
    for (const f of emlFiles) {
      const text = readFileSync(path.join(dir, f)).toString('latin1');
      if (f === 'bad-garbage-binary.eml' || text.length === 0) continue;
      if (/\r\n/.test(text) && !/[^\r]\n/.test(text)) crlf++;
      else if (!text.includes('\r')) lf++;
    }
    expect(crlf).toBeGreaterThan(emlFiles.length / 2);
    expect(lf).toBeGreaterThanOrEqual(3);
  });

  it('names only example.* domains and our own mexrontal.com in addresses', () => {
    const allowed = /@([a-z0-9-]+\.)*(example\.(com|org|net)|mexrontal\.com)$/i;
    for (const f of emlFiles.filter((name) => name !== 'bad-garbage-binary.eml')) {
      const text = readFileSync(path.join(dir, f)).toString('latin1');
      for (const addr of text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []) {
        expect(`${f}: ${addr}`).toMatch(allowed);
      }
    }
  });

  it('writes every expectation with canonical values', () => {
    for (const [file, e] of Object.entries(expected)) {
      expect(['none', 'auto_reply', 'bounce', 'loop'], file).toContain(e.auto);
      expect(['ticket', 'thread', 'ignored', 'auto', 'quarantined'], file).toContain(e.expectedOutcome);
      expect([null, 'ru', 'kk', 'en'], file).toContain(e.language);
      for (const r of e.rights) expect(RIGHTS as readonly string[], file).toContain(r);
      expect(e.note.length, file).toBeGreaterThan(10);
    }
  });

  it('covers every outcome and every kind of automatic mail', () => {
    const outcomes = new Set(Object.values(expected).map((e) => e.expectedOutcome));
    const kinds = new Set(Object.values(expected).map((e) => e.auto));
    expect([...outcomes].sort()).toEqual(['auto', 'ignored', 'quarantined', 'thread', 'ticket']);
    expect([...kinds].sort()).toEqual(['auto_reply', 'bounce', 'loop', 'none']);
    const languages = new Set(Object.values(expected).filter((e) => e.expectedOutcome === 'ticket').map((e) => e.language));
    expect(languages).toEqual(new Set(['ru', 'kk', 'en']));
  });
});

describe.each(emlFiles)('%s', (file) => {
  const e = expected[file];
  if (!e) throw new Error(`${file} has no entry in expected.json`);

  if (e.parseRejects) {
    it('is rejected by parseMail with an error (→ quarantined)', async () => {
      await expect(parseMail(readFileSync(path.join(dir, file)))).rejects.toBeInstanceOf(Error);
      expect(e.expectedOutcome).toBe('quarantined');
    });
    return;
  }

  // Parsed once, on first use (so a rejection is never left unhandled between tests).
  let cache: Promise<ParsedMail> | undefined;
  const parsed = (): Promise<ParsedMail> => (cache ??= parseMail(readFileSync(path.join(dir, file))));

  it(`subject ${e.subjectMatches ? 'matches' : 'does not match'} a request subject`, async () => {
    expect(matchesRequestSubject((await parsed()).subject, SUBJECTS)).toBe(e.subjectMatches);
  });

  it(`is detected as ${e.auto}`, async () => {
    const m = await parsed();
    expect(detectAuto({ headers: m.headers, from: m.from?.address ?? null, contentType: m.contentType, ownAddresses: OWN }).kind).toBe(e.auto);
  });

  it(`carries ticket number ${String(e.ticketNumber)}`, async () => {
    expect(extractTicketNumber((await parsed()).subject)).toBe(e.ticketNumber);
  });

  if (e.fromAddress !== undefined) {
    it(`has sender ${String(e.fromAddress)}`, async () => {
      expect((await parsed()).from?.address ?? null).toBe(e.fromAddress);
    });
  }

  it(`routes to ${e.expectedOutcome}`, async () => {
    expect(route(await parsed()).outcome).toBe(e.expectedOutcome);
  });
});
