// The whole corpus: how many letters of which kind in which language, and the fixed held-out split.
//
// The held-out split is disjoint in wording, not only in letters: every fifth request sentence,
// combination, negation, conditional, cue passage, context and non-request of each pool is kept
// for held-out letters only. So held-out figures measure how the model does on phrasings it has
// never seen, not on re-wrapped copies of its training sentences.
import { RIGHTS, type Right } from '../../../domain.js';
import { composeLetter, type Example, type Kind } from './compose.js';
import { en } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';
import { seeded, type Random } from './random.js';
import type { Pools } from './types.js';

export type Split = 'train' | 'heldout';

const LETTERS = { ru: 400, kk: 220, en: 190 } as const;

// Share of each kind of letter.
const KIND_SHARES: Array<[Kind, number]> = [
  ['single', 0.29], ['multi', 0.17], ['combo', 0.07], ['negation', 0.1], ['conditional', 0.07], ['cue', 0.08],
  ['nonRequest', 0.16], ['vague', 0.03], ['empty', 0.03],
];

const HELDOUT_EVERY = 5;
const HELDOUT_AT = 2;

export function isHeldout(index: number): boolean {
  return index % HELDOUT_EVERY === HELDOUT_AT;
}

function part<T>(items: T[], split: Split): T[] {
  const kept = items.filter((_, i) => isHeldout(i) === (split === 'heldout'));
  return kept.length > 0 ? kept : items;
}

function perRight(pool: Record<Right, string[]>, split: Split): Record<Right, string[]> {
  const out = {} as Record<Right, string[]>;
  for (const r of RIGHTS) out[r] = part(pool[r], split);
  return out;
}

/** The pools a letter of one split may draw its labelled passages from. */
export function poolsFor(pools: Pools, split: Split): Pools {
  return {
    ...pools,
    contexts: perRight(pools.contexts, split),
    core: perRight(pools.core, split),
    combos: part(pools.combos, split),
    negations: part(pools.negations, split),
    conditionals: part(pools.conditionals, split),
    cues: part(pools.cues, split),
    nonRequests: part(pools.nonRequests, split),
    vague: part(pools.vague, split),
  };
}

export function buildCorpus(seed = 20240601): Record<Split, Example[]> {
  const rnd = seeded(seed);
  const out: Record<Split, Example[]> = { train: [], heldout: [] };
  for (const pools of [ru, kk, en]) {
    const total = LETTERS[pools.language];
    const kinds = rnd.shuffle(kindList(total));
    const rightCycle = new RightCycle(rnd);
    kinds.forEach((kind, i) => {
      const split: Split = isHeldout(i) ? 'heldout' : 'train';
      const wanted = kind === 'single' ? rightCycle.take(1) : kind === 'multi' ? rightCycle.take(rnd.chance(0.25) ? 3 : 2) : [];
      out[split].push(composeLetter(poolsFor(pools, split), kind, wanted, rnd));
    });
  }
  return { train: rnd.shuffle(out.train), heldout: rnd.shuffle(out.heldout) };
}

function kindList(total: number): Kind[] {
  const kinds: Kind[] = [];
  for (const [kind, share] of KIND_SHARES) for (let i = 0; i < Math.round(total * share); i++) kinds.push(kind);
  while (kinds.length < total) kinds.push('single');
  return kinds.slice(0, total);
}

/** Hands out rights in shuffled rounds so every right gets about as many letters. */
class RightCycle {
  private queue: Right[] = [];
  constructor(private readonly rnd: Random) {}

  take(n: number): Right[] {
    const out: Right[] = [];
    while (out.length < n) {
      if (this.queue.length === 0) this.queue = this.rnd.shuffle(RIGHTS);
      const next = this.queue.shift() as Right;
      if (!out.includes(next)) out.push(next);
    }
    return out;
  }
}
