import { describe, expect, it } from 'vitest';
import { safeJson, safeLine, safeText } from '../../src/cli/safe-text.js';

describe('safe-text', () => {
  it('shows bidi overrides, isolates and marks as visible escapes', () => {
    expect(safeLine('invoice\u202Efdp.exe')).toBe('invoice\\u202Efdp.exe');
    expect(safeLine('\u2066a\u2069 \u200E\u200F\u061C')).toBe('\\u2066a\\u2069 \\u200E\\u200F\\u061C');
  });

  it('shows C1 controls, DEL, ESC and a carriage return as escapes', () => {
    expect(safeLine('a\u0085b\u009Bc\u007F\u001B[2Jd\re')).toBe('a\\u0085b\\u009Bc\\u007F\\u001B[2Jd\\u000De');
  });

  it('keeps newlines and tabs in multi-line text, escapes them on one line', () => {
    expect(safeText('one\n\ttwo\u202E')).toBe('one\n\ttwo\\u202E');
    expect(safeLine('one\n\ttwo')).toBe('one\\u000A\\u0009two');
  });

  it('escapes zero-width and tag characters beyond the BMP', () => {
    expect(safeLine('a\u200Bb\uFEFF')).toBe('a\\u200Bb\\uFEFF');
    expect(safeLine('x\u{E0041}')).toBe('x\\u{E0041}');
  });

  it('leaves letters of every script, punctuation and emoji alone', () => {
    const text = 'Әлия Жұмабекова <aliya@example.com> — Запрос «данные» 🙂 مرحبا';
    expect(safeLine(text)).toBe(text);
  });

  it('writes JSON that parses back to the same value, with no raw C1 or bidi character in it', () => {
    const value = { name: 'Ann\u202Eevil\u0085', tag: 'x\u{E0041}', plain: 'ok "quoted"\n' };
    const json = safeJson(value);
    expect(json).not.toMatch(/[\u0080-\u009F\u202A-\u202E\u2066-\u2069\uDB40]/);
    expect(json).toContain('\\u202E');
    expect(json).toContain('\\uDB40\\uDC41');
    expect(JSON.parse(json)).toEqual(value);
  });
});
