import { describe, expect, it } from 'vitest';
import { senderKeyOf } from '../../src/mail/sender-key.js';

// The key that keeps one sender's messages in arrival order while intake processes several at once.

function raw(...headers: string[]): Buffer {
  return Buffer.from([...headers, 'Subject: Data management request', '', 'From: body@example.org is not a header', ''].join('\r\n'), 'utf8');
}

describe('senderKeyOf', () => {
  it.each([
    ['From: Alice Example <Alice@Example.COM>', 'alice@example.com'],
    ['From: alice@example.com', 'alice@example.com'],
    ['from:   <alice+privacy@example.com>', 'alice@example.com'],
    ['From: "bob@example.net" <alice@example.com>', 'alice@example.com'],
    ['From: "Doe, Jane" (work) jane@example.org', 'jane@example.org'],
    ['From: =?UTF-8?B?0JDQu9C40YHQsA==?= <alisa@example.com>', 'alisa@example.com'],
    ['From: jdöe@mächine.example', 'jdöe@mächine.example'],
  ])('%s -> %s', (header, key) => {
    expect(senderKeyOf(raw(header))).toBe(key);
  });

  it('reads a folded From and the first of two', () => {
    expect(senderKeyOf(raw('From: Alice', ' <alice@example.com>'))).toBe('alice@example.com');
    expect(senderKeyOf(raw('From: first@example.com', 'From: second@example.com'))).toBe('first@example.com');
  });

  it('is null without a From address, and never reads the body', () => {
    expect(senderKeyOf(raw('To: help@mexrontal.com'))).toBeNull();
    expect(senderKeyOf(raw('From: undisclosed-recipients:;'))).toBeNull();
    expect(senderKeyOf(Buffer.from(''))).toBeNull();
  });

  it('reads a hostile From of 60,000 brackets, quotes or at-signs without trouble', () => {
    expect(senderKeyOf(raw(`From: ${'<'.repeat(60_000)}`))).toBeNull();
    expect(senderKeyOf(raw(`From: ${'"('.repeat(30_000)}`))).toBeNull();
    expect(senderKeyOf(raw(`From: <${'@'.repeat(60_000)}>`))).toBeNull();
  });
});
