import { describe, expect, it } from 'vitest';
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
