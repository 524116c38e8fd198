import { describe, expect, it } from 'vitest';
import { safeText } from '../../src/cli/safe-text.js';

describe('safeText', () => {
  it('shows terminal escapes, C1 controls and bidi overrides as visible \\u escapes', () => {
    expect(safeText('a\u001b[2Jb')).toBe('a\\u001B[2Jb');
    expect(safeText('x\u009by')).toBe('x\\u009By');
    expect(safeText('invoice\u202Efdp.exe')).toBe('invoice\\u202Efdp.exe');
    expect(safeText('\u2066hidden\u2069')).toBe('\\u2066hidden\\u2069');
    expect(safeText('line\nbreak\ttab')).toBe('line\\u000Abreak\\u0009tab');
  });

  it('leaves ordinary text in any script alone', () => {
    const s = 'Запрос на удаление данных — Ғалым, café, 申请';
    expect(safeText(s)).toBe(s);
  });
});
