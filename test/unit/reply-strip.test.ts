import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newText } from '../../src/classify/index.js';
import { parseStaffReply } from '../../src/tickets/commands.js';

// What the requester receives from a staff reply: the answer, without the signature, the mobile
// footer, the client's reply header or the quoted request, for every client and language we see.

const dir = new URL('../fixtures/replies/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<string, string>;
const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

describe('staff replies from real mail clients', () => {
  it('has an expectation for every fixture', () => {
    expect(files.length).toBeGreaterThanOrEqual(19);
    expect(files.filter((f) => !(f in expected))).toEqual([]);
  });

  it.each(files)('%s: only the answer is left', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    expect(newText(text).trim()).toBe(expected[file]);
    const read = parseStaffReply(newText(text));
    expect(read).toMatchObject({ ok: true, commands: [], text: expected[file] });
  });

  it.each(files)('%s with CRLF line ends: the same answer', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8').replace(/\n/g, '\r\n');
    expect(newText(text).trim()).toBe(expected[file]);
  });
});
