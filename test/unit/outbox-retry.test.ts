import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelayMs } from '../../src/outbox/retry.js';

describe('retry backoff', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };

  it('doubles per attempt up to the cap', () => {
    const top = (n: number) => retryDelayMs(n, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(top)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(top(1000)).toBe(60_000);
    expect(top(0)).toBe(1000);
  });

  it('jitters between half and all of the delay', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(2000);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(3000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(4, policy);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });

  it('gives up after about one to two hours with the defaults (8 attempts)', () => {
    const total = (r: number) => [1, 2, 3, 4, 5, 6, 7].reduce((s, n) => s + retryDelayMs(n, DEFAULT_RETRY, () => r), 0);
    expect(total(1) / 3_600_000).toBeCloseTo(2.05, 2);
    expect(total(0) / 3_600_000).toBeCloseTo(1.025, 2);
  });
});
