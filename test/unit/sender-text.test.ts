import { describe, expect, it } from 'vitest';
import { carriesLinkOrAddress, safeDisplayName, withSafeSenderText } from '../../src/outbox/sender-text.js';

describe('sender text', () => {
  it('finds URLs, addresses and domain-like words, spelled out or full-width', () => {
    for (const t of [
      'Prize Desk - claim your reward at https://evil.example',
      'visit evil.example now',
      'EVIL.EXAMPLE',
      'win at evil[.]example',
      'win at evil(dot)example',
      'win at evil [ dot ] example',
      'evil\u3002example',
      'evil．example',
      'www evil',
      'write to prize@evil.example',
      'prize(at)evil',
      'hxxp evil',
      'see x.co.uk',
      'ftp://files',
    ]) {
      expect(carriesLinkOrAddress(t), t).toBe(true);
    }
  });

  it('lets ordinary names through, in any script, with initials and titles', () => {
    for (const t of ['Dana Example', 'Dr. Aigerim Nurlanovna', 'J.R.R. Tolkien', 'Айгерим Нурланкызы', "O'Brien-Smith", 'Мария С.']) {
      expect(carriesLinkOrAddress(t), t).toBe(false);
      expect(safeDisplayName(t)).toBe(t);
    }
  });

  it('drops a name that carries a link, is too long, or is empty, and cleans controls and bidi marks', () => {
    expect(safeDisplayName('Prize Desk - claim your reward at https://evil.example')).toBeNull();
    expect(safeDisplayName('a'.repeat(65))).toBeNull();
    expect(safeDisplayName('   ')).toBeNull();
    expect(safeDisplayName(null)).toBeNull();
    expect(safeDisplayName('Dana\u202E Example\r\n')).toBe('Dana Example');
  });

  it('greets nobody by name in mail to an unconfirmed address; elsewhere only a safe name; staff mail unchanged', () => {
    const vars = { ticketNumber: 'DSR-2026-000001', requesterName: 'Dana Example', receivedAt: new Date(0) };
    expect(withSafeSenderText('confirm_expired', vars).requesterName).toBeNull();
    expect(withSafeSenderText('rejected', { ...vars, reason: null }).requesterName).toBe('Dana Example');
    expect(withSafeSenderText('rejected', { ...vars, reason: null, requesterName: 'see evil.example' }).requesterName).toBeNull();
    const staff = { ...vars, requesterName: 'see evil.example', requesterEmail: 'd@example.com', replyText: '', dueAt: null };
    expect(withSafeSenderText('staff_requester_reply', staff).requesterName).toBe('see evil.example');
  });
});
