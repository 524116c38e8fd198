// The whole corpus: how many letters of which kind in which language, and the fixed held-out split.
//
// The held-out split is disjoint in wording, not only in letters: every fifth request sentence,
// combination, negation, conditional, cue passage, context and non-request of each pool is kept
// for held-out letters only (and extra.ts adds phrasings to the training side only). So held-out figures measure how the model does on phrasings it has
// never seen, not on re-wrapped copies of its training sentences.
//
// The training split also draws on batches/ (phrasings and whole letters written later by authors
// who never saw the pools): its letter count is set on its own, so the held-out letters stay the
// same whatever is added to training.
import { RIGHTS, type Right } from '../../../domain.js';
import { composeLetter, type Composed, type Kind } from './compose.js';
import { BATCHES } from './batches/index.js';
import { en } from './en.js';
import { EXTRA } from './extra.js';
import { kk } from './kk.js';
import { ru } from './ru.js';
import { seeded, type Random } from './random.js';
import type { ExtraBatch, Pools, Tagged } from './types.js';

export type Split = 'train' | 'heldout';

const LETTERS = { ru: 400, kk: 220, en: 190 } as const;
/** Composed training letters per language (besides the batches' whole letters). */
const TRAIN_LETTERS = { ru: 900, kk: 600, en: 550 } as const;

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
 * gets the extra phrasings (extra.ts) and those of the batches. */
export function poolsFor(pools: Pools, split: Split): Pools {
  const core = perRight(pools.core, split);
  const contexts = perRight(pools.contexts, split);
  const out: Pools = {
    ...pools,
    contexts,
    core,
    combos: part(pools.combos, split),
    negations: part(pools.negations, split),
    conditionals: part(pools.conditionals, split),
    cues: part(pools.cues, split),
    nonRequests: part(pools.nonRequests, split),
    vague: part(pools.vague, split),
  };
  if (split === 'heldout') return out;
  for (const more of [EXTRA[pools.language], ...BATCHES.filter((b) => b.language === pools.language)]) {
    for (const r of RIGHTS) {
      core[r] = [...core[r], ...(more.core?.[r] ?? [])];
      contexts[r] = [...contexts[r], ...(more.contexts?.[r] ?? [])];
    }
    const add = <T>(items: T[], extra: T[] | undefined): T[] => [...items, ...(extra ?? [])];
    // A passage asking for no right ("if I ever leave, can I delete my account?") is no request
    // (LABELLING.md); the generator would label a tagged passage a request.
    const asking = (items: Tagged[] | undefined): Tagged[] => (items ?? []).filter((t) => t.rights.length > 0);
    const askingNothing = [more.combos, more.negations, more.conditionals, more.cues].flatMap((items) =>
      (items ?? []).filter((t) => t.rights.length === 0).map((t) => t.text),
    );
    out.combos = add(out.combos, asking(more.combos));
    out.negations = add(out.negations, asking(more.negations));
    out.conditionals = add(out.conditionals, asking(more.conditionals));
    out.cues = add(out.cues, asking(more.cues));
    out.nonRequests = add(out.nonRequests, [...(more.nonRequests ?? []), ...askingNothing]);
    out.vague = add(out.vague, more.vague);
  }
  return out;
}

/** The batches' whole letters, as training examples. */
function writtenLetters(pools: Pools): Composed[] {
  return BATCHES.filter((b) => b.language === pools.language).flatMap((b) =>
    (b.letters ?? []).map((letter): Composed => {
      const example: Composed['example'] = {
        text: letter.text,
        subject: letter.subject ?? pools.subjects.standard[0] ?? '',
        rights: RIGHTS.filter((r) => letter.rights.includes(r)),
        isRequest: letter.isRequest,
        language: pools.language,
      };
      if (letter.translit === true) example.translit = true;
      return { example, sources: [letter.text] };
    }),
  );
}

/** Both splits; each has its own random stream, so adding training phrasings leaves the held-out
 * letters unchanged. */
export function buildCorpus(seed = 20240601): Record<Split, Composed[]> {
  const out: Record<Split, Composed[]> = { train: [], heldout: [] };
  for (const split of ['train', 'heldout'] as const) {
    const rnd = seeded(seed + (split === 'heldout' ? 1 : 0));
    for (const pools of [ru, kk, en]) {
      const count = split === 'heldout' ? Math.round(LETTERS[pools.language] * HELDOUT_SHARE) : TRAIN_LETTERS[pools.language];
      const rightCycle = new RightCycle(rnd);
      const splitPools = poolsFor(pools, split);
      for (const kind of rnd.shuffle(kindList(count))) {
        const wanted = kind === 'single' ? rightCycle.take(1) : kind === 'multi' ? rightCycle.take(rnd.chance(0.25) ? 3 : 2) : [];
        out[split].push(composeLetter(splitPools, kind, wanted, rnd));
      }
      if (split === 'train') out[split].push(...writtenLetters(pools));
    }
    out[split] = rnd.shuffle(out[split]);
  }
  // Letters without a labelled passage (a bare "Спасибо!", a quote alone) can come out the same in
  // both splits; training keeps none of the held-out letters.
  const heldoutTexts = new Set(out.heldout.map((c) => c.example.text));
  out.train = out.train.filter((c) => !heldoutTexts.has(c.example.text));
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
