// Writes one letter from the pools: a greeting, who is writing, why, the request(s), a legal
// reference, a closing, sometimes a signature or a quoted earlier mail, in short, long or one-line
// form. The labels come from the request passages; nothing else in a letter asks for a right.
import { RIGHTS, type Language, type Right } from '../../../domain.js';
import { casual, toTranslit, withoutKazakhLetters, withTypos } from './augment.js';
import { fill, fillFor } from './people.js';
import type { Random } from './random.js';
import type { Pools, Tagged } from './types.js';

export interface Example {
  text: string;
  subject: string;
  rights: Right[];
  isRequest: boolean;
  language: Language;
  translit?: boolean;
}

export const KINDS = ['single', 'multi', 'combo', 'negation', 'conditional', 'cue', 'nonRequest', 'vague', 'empty'] as const;
export type Kind = (typeof KINDS)[number];
type Style = 'oneLiner' | 'short' | 'long';

interface Body {
  passages: string[];
  /** The pool entries the labelled passages came from, before slots were filled. */
  sources: string[];
  rights: Right[];
  isRequest: boolean;
}

/** A letter and the pool entries its labelled passages came from (for phrase-grouped
 * cross-validation; not written to the data files). */
export interface Composed {
  example: Example;
  sources: string[];
}

export function composeLetter(pools: Pools, kind: Kind, wanted: Right[], rnd: Random): Composed {
  const values = fillFor(pools.language, rnd);
  const style: Style = kind === 'empty' ? 'short' : rnd.pick<Style>(['oneLiner', 'short', 'short', 'long', 'long']);
  const body = requestBody(pools, kind, wanted, rnd);
  let text = kind === 'empty' ? emptyBody(pools, rnd) : wrap(pools, body, style, rnd);
  text = fill(text, values);
  let subject = fill(chooseSubject(pools, body, kind, rnd), values);

  let translit = false;
  if (pools.language === 'ru' && kind !== 'empty' && rnd.chance(0.15)) {
    translit = true;
    text = toTranslit(text, rnd);
    if (rnd.chance(0.3)) subject = toTranslit(subject, rnd);
  }
  if (pools.language === 'kk' && rnd.chance(0.25)) text = withoutKazakhLetters(text, rnd);
  if (kind !== 'empty' && rnd.chance(0.18)) text = withTypos(text, pools.misspellings, rnd);

  const example: Example = {
    text,
    subject,
    rights: RIGHTS.filter((r) => body.rights.includes(r)),
    isRequest: kind !== 'empty' && body.isRequest,
    language: pools.language,
  };
  if (translit) example.translit = true;
  return { example, sources: body.sources };
}

function requestBody(pools: Pools, kind: Kind, wanted: Right[], rnd: Random): Body {
  const tagged = (list: Tagged[]): Body => {
    const t = rnd.pick(list);
    return { passages: [t.text], sources: [t.text], rights: t.rights, isRequest: true };
  };
  switch (kind) {
    case 'single':
    case 'multi':
    {
      const sources: string[] = [];
      const passages = wanted.map((r, i) => {
        const sentence = rnd.pick(pools.core[r]);
        sources.push(sentence);
        return i === 0 ? sentence : `${rnd.pick(pools.connectors)} ${lowerFirst(sentence)}`;
      });
      return { passages, sources, rights: wanted, isRequest: true };
    }
    case 'combo':
      return tagged(pools.combos);
    case 'negation':
      return tagged(pools.negations);
    case 'conditional':
      return tagged(pools.conditionals);
    case 'cue':
      return tagged(pools.cues);
    case 'vague': {
      const text = rnd.pick(pools.vague);
      return { passages: [text], sources: [text], rights: [], isRequest: true };
    }
    case 'nonRequest': {
      const text = rnd.pick(pools.nonRequests);
      return { passages: [text], sources: [text], rights: [], isRequest: false };
    }
    case 'empty':
      return { passages: [], sources: [], rights: [], isRequest: false };
  }
}

function wrap(pools: Pools, body: Body, style: Style, rnd: Random): string {
  if (style === 'oneLiner') {
    const line = body.passages.join(' ');
    return rnd.chance(0.4) ? casual(line) : line;
  }
  const long = style === 'long';
  const paragraphs: string[] = [];
  if (rnd.chance(long ? 0.9 : 0.6)) paragraphs.push(rnd.pick(pools.greetings));
  const about: string[] = [];
  if (rnd.chance(long ? 0.8 : 0.25)) about.push(rnd.pick(pools.intros));
  const reason = body.rights.length > 0 && rnd.chance(long ? 0.6 : 0.25) ? rnd.pick(body.rights) : null;
  if (reason) about.push(rnd.pick(pools.contexts[reason]));
  if (about.length > 0) paragraphs.push(about.join(' '));
  paragraphs.push(long && body.passages.length > 1 && rnd.chance(0.5) ? body.passages.join('\n') : body.passages.join(' '));
  if (body.isRequest && rnd.chance(long ? 0.5 : 0.1)) paragraphs.push(rnd.pick(pools.legal));
  if (rnd.chance(long ? 0.85 : 0.5)) paragraphs.push(rnd.pick(pools.closings));
  if (rnd.chance(0.1)) paragraphs.push(rnd.pick(pools.signatures));
  let text = paragraphs.join(rnd.chance(0.7) ? '\n\n' : '\n');
  if (rnd.chance(0.1)) text += `\n\n${quoted(pools, rnd)}`;
  return text;
}

function quoted(pools: Pools, rnd: Random): string {
  const header = rnd.pick(pools.quoteHeaders);
  const lines = rnd.pick(pools.quotes).split('\n');
  const plain = header.startsWith('---');
  return [header, ...lines.map((l) => (plain ? l : `> ${l}`))].join('\n');
}

function emptyBody(pools: Pools, rnd: Random): string {
  return rnd.pick(['', '\n', rnd.pick(pools.signatures), rnd.pick(pools.closings), quoted(pools, rnd)]);
}

function chooseSubject(pools: Pools, body: Body, kind: Kind, rnd: Random): string {
  const roll = rnd.next();
  if (kind === 'empty' || roll < 0.72) return rnd.pick(pools.subjects.standard);
  if (body.rights.length > 0 && roll < 0.9) return rnd.pick(pools.subjects.byRight[rnd.pick(body.rights)]);
  return rnd.pick(pools.subjects.other);
}

/** "Прошу удалить" -> "прошу удалить" after a connector; "I", acronyms and brand names keep
 * their capitals. */
function lowerFirst(sentence: string): string {
  const first = sentence.split(/[\s,.:;!?]/)[0] ?? '';
  if (first === 'I' || /^I'/.test(first) || /\p{Lu}/u.test(first.slice(1)) || first.startsWith('{')) return sentence;
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

