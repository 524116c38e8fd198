import { describe, expect, it } from 'vitest';
import { computeMetrics, formatMetrics, type Outcome } from '../../../src/classify/metrics.js';
import type { Right } from '../../../src/domain.js';

const outcome = (gold: Right[], predicted: Right[], goldRequest = true, predictedRequest = true): Outcome => ({
  gold: { rights: gold, isRequest: goldRequest, language: 'ru', translit: false },
  predicted: { rights: predicted, isRequest: predictedRequest, language: 'ru', translit: false },
});

describe('computeMetrics', () => {
  const m = computeMetrics([
    outcome(['erasure'], ['erasure']),
    outcome(['erasure', 'access'], ['erasure']),
    outcome(['rectification'], ['erasure']),
    outcome([], [], false, true),
  ]);

  it('counts precision, recall and F1 per right', () => {
    expect(m.perRight.erasure).toMatchObject({ tp: 2, fp: 1, fn: 0, precision: 2 / 3, recall: 1 });
    expect(m.perRight.erasure.f1).toBeCloseTo(0.8);
    expect(m.perRight.access).toMatchObject({ tp: 0, fn: 1, recall: 0, f1: 0 });
  });

  it('counts exact-set and isRequest accuracy over all messages', () => {
    expect(m.exactSet).toBe(2 / 4);
    expect(m.isRequestAccuracy).toBe(3 / 4);
  });

  it('lists which right was mistaken for which', () => {
    expect(m.confusions).toEqual({ 'access -> -': 1, 'rectification -> erasure': 1 });
  });

  it('prints a table with every right', () => {
    const text = formatMetrics(m, 'test');
    for (const r of ['access', 'rectification', 'erasure', 'restriction', 'portability', 'consent_withdrawal']) expect(text).toContain(r);
    expect(text).toContain('macro-F1');
  });
});
