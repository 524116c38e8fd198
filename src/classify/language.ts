// Which language a message is written in: Russian, Kazakh, English, or Russian typed in Latin
// letters (translit). Counting letters and frequent short words is enough for letters of a few
// sentences and needs no model; Kazakh wins over Russian on its own letters or its own function
// words, because Kazakh letters mix in Russian loan words (аккаунт, email) all the time.
import type { Language } from '../domain.js';
import { fold, normalize } from './normalize.js';

export interface DetectedLanguage {
  language: Language;
  translit: boolean;
}

const KAZAKH_LETTERS = /[әғқңөұүһі]/;

// Folded forms (Kazakh letters mapped to Russian ones) so that Kazakh typed on a Russian keyboard
// still counts.
const KAZAKH_WORDS = new Set(
  [
    'және', 'мен', 'менің', 'маған', 'үшін', 'туралы', 'бойынша', 'сәлеметсіз', 'сәлем', 'бе', 'ме',
    'рахмет', 'өтінемін', 'сұраймын', 'деректер', 'деректерімді', 'деректерім', 'жою', 'сіздің',
    'сіздер', 'қайырлы', 'күн', 'емес', 'жоқ', 'бар', 'деп', 'осы', 'бұл', 'барлық', 'жеке',
    'құрметті', 'құрметпен', 'алдын', 'ала', 'мүмкін', 'керек', 'қажет', 'егер', 'болса', 'немесе',
    'тек', 'да', 'де', 'ғана', 'себебі', 'сондай-ақ', 'кейін', 'қазір', 'тағы', 'не', 'қандай',
    'жібермеңіз', 'жойыңыз', 'беріңіз', 'түзетіңіз', 'аккаунтымды', 'мәліметтерді', 'дербес',
  ].map(fold),
);

// Folded. Russian words rarely end like this (some do: "орган", "компьютер"; hence half weight).
const KAZAKH_ENDINGS = /[а-я](мын|мин|ныз|низ|нызшы|низши|лар|лер|дар|дер|дык|дик|тык|тик|лык|лик|ган|ген|дан|ден|нан|нен|ды|ди|ты|ти|мыз|миз)$/;

const RUSSIAN_WORDS = new Set([
  'и', 'в', 'не', 'на', 'что', 'я', 'с', 'мои', 'моих', 'мой', 'мою', 'меня', 'мне', 'пожалуйста',
  'прошу', 'данные', 'данных', 'здравствуйте', 'это', 'по', 'для', 'как', 'уважением', 'спасибо',
  'вас', 'ваш', 'все', 'всех', 'или', 'если', 'чтобы', 'из', 'только', 'также', 'добрый', 'день',
  'хочу', 'нужно', 'можно', 'уже', 'был', 'была', 'после', 'этого', 'о', 'обо',
]);

const ENGLISH_WORDS = new Set([
  'the', 'and', 'to', 'of', 'my', 'you', 'your', 'please', 'data', 'is', 'are', 'for', 'this',
  'that', 'with', 'me', 'would', 'like', 'hello', 'hi', 'thanks', 'thank', 'regards', 'dear', 'have',
  'be', 'it', 'all', 'from', 'about', 'we', 'our', 'any', 'can', 'could', 'want', 'not', 'an', 'a',
  'on', 'in', 'i', 'am', 'do', 'information', 'account', 'delete', 'send', 'what', 'if',
]);

// Romanised Russian function words and frequent request words.
const TRANSLIT_WORDS = new Set([
  'i', 'v', 'na', 'ne', 'ya', 'moi', 'moy', 'moj', 'moih', 'moikh', 'moyu', 'moju', 'dannye',
  'dannyh', 'dannykh', 'dannie', 'proshu', 'pozhaluysta', 'pozhaluista', 'pozhalujsta', 'zdravstvuyte',
  'zdravstvuite', 'zdravstvujte', 'spasibo', 'ili', 'eto', 'chto', 'kak', 'dlya', 'dla', 'menya',
  'mne', 'vas', 'vash', 'vashey', 'akkaunt', 'uvazheniem', 'udalit', 'udalite', 'vse', 'vsekh',
  'vseh', 'dobryy', 'dobriy', 'dobry', 'den', 'khochu', 'hochu', 'nuzhno', 'takzhe', 'tolko',
  'esli', 'yesli', 'obo', 'po', 's', 'iz', 'uzhe', 'privet', 'moego', 'moyego', 'lichnye',
]);

const WORD = /[\p{L}']+/gu;

export function detectLanguage(text: string): DetectedLanguage {
  const words = normalize(text).match(WORD) ?? [];
  let cyrillic = 0;
  let latin = 0;
  for (const word of words) {
    if (/[а-яәғқңөұүһі]/.test(word)) cyrillic += 1;
    else if (/^[a-z']+$/.test(word)) latin += 1;
  }
  if (cyrillic === 0 && latin === 0) return { language: 'ru', translit: false };
  if (cyrillic >= latin) return { language: cyrillicLanguage(words), translit: false };
  return latinLanguage(words);
}

function cyrillicLanguage(words: string[]): Language {
  let kazakhLetterWords = 0;
  let kazakhWords = 0;
  let russianWords = 0;
  let cyrillicWords = 0;
  for (const word of words) {
    if (!/[а-яәғқңөұүһі]/.test(word)) continue;
    cyrillicWords += 1;
    if (KAZAKH_LETTERS.test(word)) kazakhLetterWords += 1;
    if (KAZAKH_WORDS.has(fold(word))) kazakhWords += 1;
    if (RUSSIAN_WORDS.has(word)) russianWords += 1;
  }
  // A Kazakh name in a Russian letter adds one Kazakh-letter word; a Kazakh letter has them in
  // every sentence.
  const letterShare = kazakhLetterWords / cyrillicWords;
  if (letterShare >= 0.12 && kazakhLetterWords >= 3) return 'kk';
  // Few Kazakh letters (a Kazakh name in a Russian letter, or Kazakh typed without its letters):
  // weigh them with Kazakh function words and agglutinative endings ("тартамын", "алудан")
  // against Russian function words.
  const endings = words.filter((w) => KAZAKH_ENDINGS.test(fold(w))).length;
  return kazakhLetterWords + kazakhWords + endings / 2 > russianWords ? 'kk' : 'ru';
}

function latinLanguage(words: string[]): DetectedLanguage {
  let english = 0;
  let translit = 0;
  for (const word of words) {
    if (ENGLISH_WORDS.has(word)) english += 1;
    if (TRANSLIT_WORDS.has(word)) translit += 1;
    // Letter clusters English hardly has.
    if (/(zh|kh|shch|yy|iy$|yu|aya$|oye$|ogo$|nye$|ykh$|yh$)/.test(word)) translit += 1;
  }
  return translit > english ? { language: 'ru', translit: true } : { language: 'en', translit: false };
}

/** Latin-script text in none of our languages (German, French, a program's log): among enough
 * words, hardly any of the English or translit function words that a few sentences of either
 * always contain (our own letters of 30 words or more have at least 14%; German prose has 2-5%, a
 * stack trace 1%). An English request above a long pasted log is taken for the log: it goes to
 * triage, where staff read it. */
export function isForeign(text: string): boolean {
  const words = normalize(text).match(WORD) ?? [];
  let latin = 0;
  let known = 0;
  let cyrillic = 0;
  for (const word of words) {
    if (/[а-яәғқңөұүһі]/.test(word)) cyrillic += 1;
    if (!/^[a-z']+$/.test(word)) continue;
    latin += 1;
    if (ENGLISH_WORDS.has(word) || TRANSLIT_WORDS.has(word)) known += 1;
  }
  // A few Russian or Kazakh sentences above a pasted log are a letter we read.
  if (cyrillic >= 5) return false;
  return latin >= FOREIGN_MIN_WORDS && known / latin < FOREIGN_MAX_KNOWN_SHARE;
}

const FOREIGN_MIN_WORDS = 30;
const FOREIGN_MAX_KNOWN_SHARE = 0.06;
