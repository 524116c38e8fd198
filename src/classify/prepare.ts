// Text preparation: from a subject and a plain-text body to what the model and the cue rules read.
//   body     the new text only (quotes and signature removed)
//   words    the subject's and the body's words: normalised surface form (translit mapped to Cyrillic, Kazakh letters
//            folded), stem, and whether the word stands under a negation or inside an "if" clause
//   cueText  the surface words joined by spaces, for the cue rules' patterns; offsets[i] is where
//            words[i] starts in it
//   tokens   subject and body stems for the model; a negated stem gets a "!" ("не удаляйте" ->
//            "!удаля")
import type { Language } from '../domain.js';
import { detectLanguage, isForeign } from './language.js';
import { normalize } from './normalize.js';
import { newText } from './quotes.js';
import { readWords, type Word } from './words.js';

export type { Word } from './words.js';

export interface Prepared {
  language: Language;
  translit: boolean;
  /** Written in none of ru, kk, en (see isForeign): nothing here can be classified. */
  foreign: boolean;
  body: string;
  words: Word[];
  cueText: string;
  offsets: number[];
  /** Where the body begins in cueText (0 without a subject). */
  bodyOffset: number;
  tokens: string[];
}

/** The classifier reads this much of a letter's text. A request is a few paragraphs; beyond this
 * is pasted logs, documents or history, and reading megabytes of it would only cost time (a
 * ticket is opened whatever the classifier says). */
export const MAX_CLASSIFIED_CHARS = 64 * 1024;
const SUBJECT_PREFIX = /^\s*((re|fw|fwd|ответ|отв|пересл|жауап)\s*(\[\d+\]\s*)?:\s*)+/i;

export function prepare(input: { subject: string; text: string }): Prepared {
  const body = newText(input.text.slice(0, MAX_CLASSIFIED_CHARS));
  const subject = input.subject.slice(0, 1000).replace(SUBJECT_PREFIX, '').trim();
  // Nothing new written (only a signature or a quote): the quoted thread still tells the language.
  const detected = detectLanguage(body.trim() === '' ? `${subject}\n${input.text.slice(0, MAX_CLASSIFIED_CHARS)}` : body);
  const bodyWords = readWords(normalize(body), detected.language, detected.translit);
  const subjectLanguage = detectLanguage(subject);
  const subjectWords = readWords(normalize(subject), subjectLanguage.language, subjectLanguage.translit);
  // The subject is read as the letter's first sentence: "Удалите мой аккаунт" over "Сделайте это".
  const subjectEnd: Word = { surface: '.', stem: '', negated: false, strong: false, hypothetical: false };
  const words = subjectWords.length > 0 ? [...subjectWords, subjectEnd, ...bodyWords] : bodyWords;
  const offsets: number[] = [];
  let cueText = '';
  for (const word of words) {
    if (cueText !== '') cueText += ' ';
    offsets.push(cueText.length);
    cueText += word.surface;
  }
  const tokens: string[] = [];
  for (const word of words) {
    if (word.stem === '') continue;
    tokens.push(word.negated && !word.stem.startsWith('#') ? `!${word.stem}` : word.stem);
  }
  const bodyOffset = subjectWords.length > 0 ? (offsets[subjectWords.length + 1] ?? cueText.length) : 0;
  return { language: detected.language, translit: detected.translit, foreign: isForeign(body), body, words, cueText, offsets, bodyOffset, tokens };
}
