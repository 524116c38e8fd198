import { describe, expect, it } from 'vitest';
import type { MailFile } from '../../src/mail/parse.js';
import { describeFile, readableSize, relayFiles } from '../../src/tickets/relay-files.js';
import { rightsWithConfidence } from '../../src/tickets/staff-mail.js';

describe('rightsWithConfidence', () => {
  it('names each right as #rights does, with the classifier confidence as a whole percent', () => {
    expect(rightsWithConfidence(['erasure', 'access'], { erasure: 0.934, access: 0.605 })).toBe('erasure 93%, access 61%');
  });

  it('leaves the percent out for a right the classifier gave no figure for (set by staff)', () => {
    expect(rightsWithConfidence(['portability', 'access'], { access: 1 })).toBe('portability, access 100%');
    expect(rightsWithConfidence([], {})).toBe('');
  });

  it('keeps a figure out of range within 0-100%', () => {
    expect(rightsWithConfidence(['erasure'], { erasure: 1.7 })).toBe('erasure 100%');
    expect(rightsWithConfidence(['erasure'], { erasure: Number.NaN })).toBe('erasure');
  });
});

describe('relay files', () => {
  const file = (name: string, size: number, kept: boolean): MailFile => ({
    filename: name,
    contentType: 'application/octet-stream',
    size,
    content: kept ? new Uint8Array(size) : null,
  });

  it('sends the files whose bytes the reader kept and leaves out the rest, in the mail\'s order', () => {
    const r = relayFiles([file('a.csv', 10, true), file('big.zip', 20_000_000, false), file('b.txt', 5, true)]);
    expect(r.sent.map((f) => f.filename)).toEqual(['a.csv', 'b.txt']);
    expect(r.leftOut.map(describeFile)).toEqual(['big.zip (19 MB)']);
  });

  it('writes sizes as people read them', () => {
    expect([900, 5000, 1_500_000, 10 * 1024 * 1024, 14_900_000].map(readableSize)).toEqual(['900 B', '5 KB', '1.4 MB', '10 MB', '14 MB']);
    expect(describeFile({ filename: null, contentType: 'x/y', size: 3, content: null })).toBe('(no name) (3 B)');
  });
});
