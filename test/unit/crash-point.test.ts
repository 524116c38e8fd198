import { describe, expect, it } from 'vitest';
import { CRASH_POINTS, armedCrashPoint, createCrashPoint, type CrashPoint } from '../../src/lifecycle/crash-point.js';

// The test-only kill switch must be inert unless both variables say otherwise.

function kills(env: Record<string, string | undefined>, point: CrashPoint): number {
  let n = 0;
  createCrashPoint(env, () => n++)(point);
  return n;
}

describe('crash points', () => {
  it('are inert without PD_TEST_FAULTS=1, whatever PD_TEST_CRASH_AT says', () => {
    for (const point of CRASH_POINTS) {
      expect(kills({ PD_TEST_CRASH_AT: point }, point)).toBe(0);
      expect(kills({ PD_TEST_CRASH_AT: point, PD_TEST_FAULTS: 'true' }, point)).toBe(0);
      expect(kills({ PD_TEST_CRASH_AT: point, PD_TEST_FAULTS: '0' }, point)).toBe(0);
    }
    expect(armedCrashPoint({})).toBeNull();
    expect(armedCrashPoint({ PD_TEST_FAULTS: '1' })).toBeNull();
  });

  it('arm nothing for an unknown point', () => {
    expect(armedCrashPoint({ PD_TEST_FAULTS: '1', PD_TEST_CRASH_AT: 'after-everything' })).toBeNull();
    for (const point of CRASH_POINTS) expect(kills({ PD_TEST_FAULTS: '1', PD_TEST_CRASH_AT: 'after-everything' }, point)).toBe(0);
  });

  it('kill at the armed point only', () => {
    const env = { PD_TEST_FAULTS: '1', PD_TEST_CRASH_AT: 'after-ticket' };
    expect(armedCrashPoint(env)).toBe('after-ticket');
    expect(kills(env, 'after-store')).toBe(0);
    expect(kills(env, 'before-mark-sent')).toBe(0);
    expect(kills(env, 'after-ticket')).toBe(1);
  });

  it('leave the test process itself unarmed', async () => {
    // The runner has neither variable: the module's own hook must be a no-op here.
    const mod = await import('../../src/lifecycle/crash-point.js');
    expect(mod.armedCrashPointAtStart()).toBeNull();
    for (const point of CRASH_POINTS) mod.crashPoint(point);
  });
});
