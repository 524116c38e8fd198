import { describe, expect, it } from 'vitest';
import { createGate } from '../../src/lifecycle/gate.js';

describe('gate', () => {
  it('settles once: opened it resolves, and a later shut changes nothing', async () => {
    const g = createGate();
    g.open();
    g.shut(new Error('too late'));
    await expect(g.settled).resolves.toBeUndefined();
  });

  it('shut before anyone waits, it rejects with the first reason and keeps it', async () => {
    const g = createGate();
    g.shut(new Error('withdrawn'));
    g.shut(new Error('again'));
    expect(g.shutBy?.message).toBe('withdrawn');
    // Nobody awaited it until now, and vitest fails a run on an unhandled rejection.
    await new Promise((r) => setTimeout(r, 10));
    await expect(g.settled).rejects.toThrow('withdrawn');
  });
});
