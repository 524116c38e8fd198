import { describe, expect, it } from 'vitest';
import { localDate, localTime } from '../../src/cli/local-time.js';

describe('localTime', () => {
  it('shows the wall-clock time of the zone with its offset', () => {
    expect(localTime(new Date('2026-03-18T05:00:00Z'), 'Asia/Almaty')).toBe('2026-03-18 10:00 +05:00');
    expect(localTime(new Date('2026-03-18T05:00:00Z'), 'UTC')).toBe('2026-03-18 05:00 +00:00');
    expect(localTime(new Date('2026-07-01T12:30:00Z'), 'America/New_York')).toBe('2026-07-01 08:30 -04:00');
  });

  it('turns the date over at local midnight, not at UTC midnight', () => {
    expect(localDate(new Date('2026-03-18T20:00:00Z'), 'Asia/Almaty')).toBe('2026-03-19');
  });
});
