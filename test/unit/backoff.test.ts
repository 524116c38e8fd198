import { describe, expect, it } from 'vitest';
import { Backoff } from '../../src/lifecycle/backoff.js';

describe('Backoff', () => {
  const noJitter = () => 0;

  it('starts at 2 s and grows by 1.5 up to 30 s', () => {
    const b = new Backoff({ random: noJitter });
    const delays = Array.from({ length: 10 }, () => b.next(0));
    expect(delays).toEqual([2000, 3000, 4500, 6750, 10125, 15188, 22781, 30000, 30000, 30000]);
    expect(b.failures).toBe(10);
  });

  it('adds up to one second of jitter', () => {
    expect(new Backoff({ random: () => 0.999 }).next(0)).toBe(2999);
    expect(new Backoff({ random: () => 0.5 }).next(0)).toBe(2500);
  });

  it('resets only after the connection stayed up for five minutes', () => {
    const b = new Backoff({ random: noJitter });
    b.next(0);
    b.next(0);
    b.next(0);
    // Up for a minute, then dropped: still backing off.
    b.connected(1_000);
    expect(b.next(61_000)).toBe(6750);
    // Up for five minutes: the next failure starts over.
    b.connected(100_000);
    expect(b.next(100_000 + 5 * 60_000)).toBe(2000);
  });

  it('forgets a connection once the next delay is taken', () => {
    const b = new Backoff({ random: noJitter });
    b.next(0);
    b.connected(0);
    b.next(1_000);
    // No new connected(): a long pause alone is no stable connection.
    expect(b.next(10 * 60_000)).toBe(4500);
  });
});
