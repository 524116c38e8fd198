// A Kazakh suffix stripper (natural has no Kazakh stemmer). Kazakh is agglutinative: a root takes
// endings in a fixed order, noun + plural + possessive + case ("деректер-ім-ді" = "my data",
// accusative), verb + negation + mood/person ("жой-ма-ңыз" = "do not delete"). We strip at most one
// ending per slot, from the outside in; that keeps short roots ("жой", "бер") from being eaten by
// repeated one-letter endings. Works on folded text (see normalize.ts), so words typed without
// Kazakh letters meet the proper spelling.
//
// Negation is a suffix, so the stemmer reports it: the caller must not turn "do not delete" into
// "delete".
import { fold } from './normalize.js';

interface Ending {
  suffix: string;
  /** The ending only attaches after this (e.g. dative "-а" only after a possessive). */
  after?: RegExp;
}

const AFTER_POSSESSIVE = /[мныи]$/; // folded: м, ң, ы, і
const AFTER_VOWEL = /[аеиоуыэюя]$/;
const AFTER_CONSONANT = /[^аеиоуыэюя]$/;

function endings(list: string[], after?: RegExp): Ending[] {
  return list.map((s) => (after ? { suffix: fold(s), after } : { suffix: fold(s) }));
}

function slot(...groups: Ending[][]): Ending[] {
  return groups.flat().sort((a, b) => b.suffix.length - a.suffix.length);
}

// Slots from the end of the word inwards.
const SLOTS: Ending[][] = [
  // verb mood and person
  slot(
    endings([
      'ыңыздар', 'іңіздер', 'ыңызшы', 'іңізші', 'ңыздар', 'ңіздер', 'ңызшы', 'ңізші', 'ыңыз', 'іңіз',
      'ңыз', 'ңіз', 'ыңдар', 'іңдер', 'ңдар', 'ңдер', 'ймын', 'ймін', 'ймыз',
      'йміз', 'амын', 'емін', 'мын', 'мін', 'бын', 'бін', 'пын', 'пін', 'мыз', 'міз', 'сыңдар',
      'сіңдер', 'сыздар', 'сіздер', 'сың', 'сің', 'шы', 'ші', 'ған', 'ген', 'қан', 'кен', 'атын',
      'етін', 'йтын', 'йтін', 'ып', 'іп',
    ]),
  ),
  // case
  slot(
    endings([
      'ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'ға', 'ге', 'қа', 'ке', 'на', 'не', 'ны', 'ні', 'ды',
      'ді', 'ты', 'ті', 'нда', 'нде', 'да', 'де', 'та', 'те', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен',
      'мен', 'бен', 'пен', 'ша', 'ше',
    ]),
    endings(['а', 'е', 'н'], AFTER_POSSESSIVE),
  ),
  // possessive
  slot(
    endings(['ымыз', 'іміз', 'ыңыз', 'іңіз', 'ңыз', 'ңіз', 'ым', 'ім', 'ың', 'ің', 'сы', 'сі']),
    endings(['м', 'ң'], AFTER_VOWEL),
    endings(['ы', 'і'], AFTER_CONSONANT),
  ),
  // plural
  slot(endings(['лар', 'лер', 'дар', 'дер', 'тар', 'тер'])),
  // adjectives from nouns ("жарнамалық" = advertising, from "жарнама")
  slot(endings(['лық', 'лік', 'дық', 'дік', 'тық', 'тік'])),
  // verbal noun "-у" ("жою" is "жой" + "у" written as one letter, handled below)
  slot(endings(['у'])),
];

// Negative verb: root + negation + a verb ending (imperative, converb, person, verbal noun, past).
export const NEGATED_VERB = new RegExp(
  `^(.{2,}?)(ма|ме|ба|бе|па|пе)(${[
    'ңыздар', 'ңіздер', 'ңыз', 'ңіз', 'ңдар', 'ңдер', 'ймын', 'ймін', 'ймыз', 'йміз', 'йды', 'йді',
    'йсыз', 'йсіз', 'й', 'уыңызды', 'уіңізді', 'уды', 'уді', 'уын', 'уін', 'уға', 'уге', 'у',
    'дыңыз', 'діңіз', 'ды', 'ді', 'ған', 'ген', 'йтын', 'йтін',
  ]
    .map(fold)
    .join('|')})$`,
);

// Nouns that end like a negated verb ("жарнама" = advertising, "қолданба" = app).
const NOT_NEGATED = [
  'жарнама', 'хабарлама', 'бағдарлама', 'анықтама', 'мәлімдеме', 'ескертпе', 'қолданба', 'жазба',
  'тізбе', 'қосымша', 'кестеме', 'көшірме', 'сұрама',
].map(fold);

const MIN_STEM = 2;

export interface KazakhStem {
  stem: string;
  negated: boolean;
}

/** Stem one lower-case word; the word is folded first. */
export function stemKazakh(word: string): KazakhStem {
  const folded = fold(word);
  const negation = NOT_NEGATED.some((noun) => folded.startsWith(noun)) ? null : NEGATED_VERB.exec(folded);
  let stem = negation?.[1] ?? folded;
  if (!negation) {
    for (const ending of SLOTS) stem = stripOne(stem, ending);
  }
  if (stem.endsWith('ю') && stem.length > MIN_STEM) stem = `${stem.slice(0, -1)}й`;
  return { stem, negated: negation !== null };
}

function stripOne(word: string, slotEndings: Ending[]): string {
  for (const { suffix, after } of slotEndings) {
    if (word.length - suffix.length < MIN_STEM || !word.endsWith(suffix)) continue;
    const rest = word.slice(0, -suffix.length);
    if (after && !after.test(rest)) continue;
    return rest;
  }
  return word;
}
