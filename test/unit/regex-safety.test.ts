import { describe, expect, it } from 'vitest';
import { checkPatterns, distinct, onlyBoundedRepeats, patternKey, readChecked, runtimePatterns, sourcePatterns } from '../helpers/regex-scan.js';

// Every regular expression in src/ goes through recheck, a ReDoS checker: one pattern that
// backtracks super-linearly on a crafted line holds the CPU for as long as the line is long
// (issue 12: a closing formula followed by 300,000 spaces froze the service for 36 s).
// Checking all ~900 patterns takes minutes, so test/fixtures/regex-checked.json records the
// verdict per exact pattern (`npm run check:regex` rewrites it): a pattern that is new or changed
// in any way is not in the record and is checked here, every time, until the record is renewed.

describe('onlyBoundedRepeats', () => {
  it('accepts bounded repeats and escapes with braces, rejects *, + and {n,} outside a class', () => {
    expect(onlyBoundedRepeats(String.raw`(?<![\p{L}\p{N}])был\S{0,40} (\S{1,40} ){0,2}x`)).toBe(true);
    expect(onlyBoundedRepeats(String.raw`[*+]a?\*\+\u{1F600}`)).toBe(true);
    expect(onlyBoundedRepeats('a*')).toBe(false);
    expect(onlyBoundedRepeats('(ab)+')).toBe(false);
    expect(onlyBoundedRepeats('a{2,}')).toBe(false);
    expect(onlyBoundedRepeats(String.raw`[\]]x+`)).toBe(false);
  });
});

describe('regular expressions in src/', () => {
  const { literals, unknownDynamic } = sourcePatterns();
  const patterns = distinct([...literals, ...runtimePatterns()]);
  const checked = readChecked();

  it('are all known to the scan (a pattern built at run time is added to runtimePatterns)', () => {
    expect(literals.length).toBeGreaterThan(50);
    expect(unknownDynamic).toEqual([]);
  });

  it('none is recorded as vulnerable, and at most a few stay undecided', () => {
    const recorded = patterns.filter((p) => patternKey(p) in checked);
    expect(recorded.filter((p) => checked[patternKey(p)] === 'vulnerable').map((p) => `${p.where} /${p.source}/`)).toEqual([]);
    expect(recorded.filter((p) => checked[patternKey(p)] === 'unknown').length).toBeLessThan(patterns.length / 2);
  });

  it('none that is new or changed since the record is vulnerable to catastrophic backtracking (recheck)', async () => {
    const fresh = patterns.filter((p) => !(patternKey(p) in checked));
    const vulnerable: string[] = [];
    await checkPatterns(fresh, (p, verdict, summary) => {
      if (verdict === 'vulnerable') vulnerable.push(`${p.where} /${p.source}/${p.flags}: ${summary}`);
    });
    expect(vulnerable).toEqual([]);
  }, 900_000);
});
