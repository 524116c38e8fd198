// The whole corpus: how many letters of which kind in which language, and the fixed held-out split.
//
// The held-out split is disjoint in wording, not only in letters: every fifth request sentence,
// combination, negation, conditional, cue passage, context and non-request of each pool is kept
// for held-out letters only (and extra.ts adds phrasings to the training side only). So held-out figures measure how the model does on phrasings it has
// never seen, not on re-wrapped copies of its training sentences.
import { RIGHTS, type Right } from '../../../domain.js';
import { composeLetter, type Composed, type Kind } from './compose.js';
import { en } from './en.js';
import { EXTRA } from './extra.js';
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

const HELDOUT_SHARE = 0.2;
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

/** The pools a letter of one split may draw its labelled passages from; the training split also
 * gets the extra phrasings (extra.ts). */
export function poolsFor(pools: Pools, split: Split): Pools {
  const extra = EXTRA[pools.language];
  const withExtra = <T>(items: T[], more: T[]): T[] => (split === 'train' ? [...items, ...more] : items);
  const core = perRight(pools.core, split);
  for (const r of RIGHTS) core[r] = withExtra(core[r], extra.core[r] ?? []);
  return {
    ...pools,
    contexts: perRight(pools.contexts, split),
    core,
    combos: part(pools.combos, split),
    negations: withExtra(part(pools.negations, split), extra.negations),
    conditionals: part(pools.conditionals, split),
    cues: part(pools.cues, split),
    nonRequests: withExtra(part(pools.nonRequests, split), extra.nonRequests),
    vague: withExtra(part(pools.vague, split), extra.vague),
  };
}

/** Both splits; each has its own random stream, so adding training phrasings leaves the held-out
 * letters unchanged. */
export function buildCorpus(seed = 20240601): Record<Split, Composed[]> {
  const out: Record<Split, Composed[]> = { train: [], heldout: [] };
  for (const split of ['train', 'heldout'] as const) {
    const rnd = seeded(seed + (split === 'heldout' ? 1 : 0));
    for (const pools of [ru, kk, en]) {
      const total = LETTERS[pools.language];
      const count = split === 'heldout' ? Math.round(total * HELDOUT_SHARE) : total - Math.round(total * HELDOUT_SHARE);
      const rightCycle = new RightCycle(rnd);
      const splitPools = poolsFor(pools, split);
      for (const kind of rnd.shuffle(kindList(count))) {
        const wanted = kind === 'single' ? rightCycle.take(1) : kind === 'multi' ? rightCycle.take(rnd.chance(0.25) ? 3 : 2) : [];
        out[split].push(composeLetter(splitPools, kind, wanted, rnd));
      }
    }
    out[split] = rnd.shuffle(out[split]);
  }
  return out;
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
