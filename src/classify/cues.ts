// Cue rules: what the lexicon and a few fixed patterns say about a message, where statistics
// alone fail.
//   - a right that is only mentioned negated or hypothetically is not asked for: "не удаляйте
//     аккаунт, только исправьте" is rectification only; "жоймаңыз"; "don't delete"; "если вы
//     удалите аккаунт, я потеряю сертификаты"
//   - a parent writing about a child's data -> erasure (policy section 7)
//   - stop the marketing mail -> consent_withdrawal
//   - moving to another service -> portability
//   - "what do you know about me" -> access
//   - "pause while I dispute" -> restriction
// The cues are model features too (cueTokens), so the model learns how much each one weighs.
import { RIGHTS, type Right } from '../domain.js';
import { COMPILED, compile, EXCLUSIONS, FUZZY_STEMS, fuzzyStartsWith, mayMatch, REQUIREMENTS } from './lexicon.js';
import type { HeadScores } from './model.js';
import type { Prepared, Word } from './prepare.js';
import { matches, textScopes } from './text-scopes.js';

export interface MentionCounts {
  positive: number;
  negated: number;
  hypothetical: number;
}

export const CUE_NAMES = ['child', 'stopMarketing', 'moveElsewhere', 'whatDoYouKnow', 'pauseWhileDispute'] as const;
export type CueName = (typeof CUE_NAMES)[number];

export interface Cues {
  mentions: Record<Right, MentionCounts>;
  flags: Record<CueName, boolean>;
  /** The writer says outright that they exercise their personal-data rights: a request even when
   * no right is named ("хочу воспользоваться правами субъекта персональных данных"). */
  rightsClaim: boolean;
}

const RIGHTS_CLAIM = compile(
  '(воспользоваться|реализовать|осуществить) (\\S+ ){0,2}(сво\\S* )?прав|прав\\S* субъект|' +
    'құқ(ық|ығ)\\S* (\\S+ )?(пайдалан|жүзеге)|' +
    'exercis\\S* (\\S+ ){0,2}rights|data subject rights|rights (as a data subject|under (the )?(gdpr|data protection))|' +
    // "I am writing about my personal data": a request whose right staff will set.
    '(по поводу|касательно|относительно|насчет|вопрос по|обращение по) (\\S+ ){0,2}мо\\S* (\\S+ )?(персональн|данн)|' +
    '(дербес )?(деректерім|мәліметтерім)\\S*( \\S+){0,2} (қатысты|туралы|бойынша)|' +
    '(regarding|about|concerning) (the (processing|use) of )?my (personal )?(data|information)',
);

/** Which right each named cue points to. */
export const CUE_RIGHT: Record<CueName, Right> = {
  child: 'erasure',
  stopMarketing: 'consent_withdrawal',
  moveElsewhere: 'portability',
  whatDoYouKnow: 'access',
  pauseWhileDispute: 'restriction',
};

// Each named cue: all patterns of one group must match in the same sentence (in the message, for
// the cues in WHOLE_MESSAGE: a parent's letter often names the child and the missing consent in
// different sentences).
const WHOLE_MESSAGE = new Set<CueName>(['child']);

const CUE_PATTERNS: Record<CueName, string[][]> = {
  child: [
    [
      '(мо(й|я|его|ему|ей|и)|моего|моей) (несовершеннолетн\\S* )?(сын|доч|ребен|ребенк)|дочк|несовершеннолетн|законн\\S* представител|мама ученика|родител|ұлым|қызым|балам|кәмелетке толмаған|ата-ана|заңды өкіл|анасымын|әкесімін|my (underage )?(son|daughter|child|kid)|underage|legal guardian|parents',
      // The parent's consent is missing: said outright, or the child signed up alone. A parent
      // merely naming a child's age or course ("my son is 15, is there a summer course?") is not it.
      'без (\\S+ )?(моего |моей |родительск\\S* )?(согласия|разрешения|ведома|спроса)|(согласи|разрешени)\\S* (\\S+ ){0,2}не да|не дава\\S* (\\S+ )?(согласи|разрешени)|не разреша|' +
        'сам(а|и)? (\\S+ )?(зарегистрир|записал)|самостоятельно|против|' +
        '(келісім|рұқсат|білу)\\S*(сыз|сіз)|келісім(ім)? (берген )?жоқ|келісім берме|өз бетімен|өзі (\\S+ )?тіркел|қарсымын|' +
        'without (my |her |his |their |parental |a parent\\S* )?(consent|permission|knowledge)|never (gave|given) (\\S+ )?(consent|permission)|not consent|' +
        'on (his|her|their) own|by (him|her|them)sel|object',
    ],
  ],
  stopMarketing: [
    [
      'прекрат|перестан|хватит|не присыл|не отправл|не пиш|не шлит|отпиш|убер|исключ|больше не|зачем вы шле|тоқтат|доғар|жібермеңіз|жібере берме|шығарыңыз|алып таста|алғым келмейді|stop|unsubscrib|opt me out|take me off|no more|sick of|fed up|don\'t send',
      'рассыл|реклам|промо|акци|скидк|распродаж|смс|sms|push|уведомлен|звон|жарнама|таратылым|тарату|жазылым|хабарлама|промо|жеңілдік|қоңырау|marketing|newsletter|promo|advert|ads|mailing|sms|text messages|calls|calling|spam|sale',
    ],
  ],
  moveElsewhere: [
    [
      'переход|перевож|переезжа|ухож|уйду|перейти|перевестись|moving|switching|leaving|transferring|move|switch|migrat',
      'друг(?!\\S* (\\S+ )?(курс|тариф|групп|урок))|нов(?!\\S* (\\S+ )?(адрес|номер|телефон|почт|фамили))|(another|different|other)(?! (\\S+ )?(course|plan|tariff|lesson|group))|new(?! (\\S+ )?(address|number|phone|email|surname|name|course|plan))',
    ],
    ['басқа (\\S+ )?(платформа|сервис|мектеп|жүйе|провайдер)', 'көш|ауыс|кет|өт'],
    ['take (\\S+ ){0,3}with me|забрать (\\S+ ){0,3}с собой|перенест\\S* (\\S+ ){0,2}(данн|истори|прогресс|оценк|сертификат)|алып кет'],
  ],
  whatDoYouKnow: [
    ['что (\\S+ ){0,3}(знаете|есть на меня|обо мне знаете|храните обо мне)'],
    ['мен туралы (не|қандай)|не білесіз|не білетін'],
    ["what (do|does) you (\\S+ )?(know|have|hold|store|keep) (\\S+ )?(about|on) me|what you know about me"],
  ],
  pauseWhileDispute: [
    ['(пока|до) ([^\\s,]+ ){0,4}(оспарива|спор|разбира|провер|жалоб|претензи|рассматр|решен|выясн)'],
    ['(дау|тексер|шағым|арыз|мәселе|анықта|шешіл)\\S*( \\S+){0,3} (тоқтата|кідірт|шекте|пайдаланба|қолданба|өңдеме|бұғатта|ештеңе)'],
    ['(while|until|pending) (\\S+ ){0,5}(dispute|complaint|review|check|investigat|resolved|sorted|claim)'],
  ],
};

// A sentence that only supposes the move ("if I ever switch platforms, could I take my grades?")
// or denies it ("басқа платформаға көшпеймін") asks for nothing.
const CUE_UNLESS: Partial<Record<CueName, RegExp>> = {
  moveElsewhere: compile('если|эсли|if|егер|көшпей|ауыспай|кетпей|not (\\S+ )?(moving|switching|leaving)|не (\\S+ )?(перехож|ухож|собираюсь)'),
};

const COMPILED_CUES = Object.fromEntries(
  CUE_NAMES.map((name) => [name, CUE_PATTERNS[name].map((group) => group.map(compile))]),
) as Record<CueName, RegExp[][]>;

export function findCues(prepared: Prepared): Cues {
  const mentions = Object.fromEntries(RIGHTS.map((r) => [r, { positive: 0, negated: 0, hypothetical: 0 }])) as Record<
    Right,
    MentionCounts
  >;
  const seen = new Set<string>();
  const found: Found[] = [];
  // The sentence before the first body sentence is the subject ("Запрос на управление данными"):
  // it names the data of every letter, so it is no object of a body sentence's correction.
  const scopes = textScopes(prepared.cueText, prepared.bodyOffset);
  /** A right's word at `at` counts unless its clause is about something else, its sentence asks
   * about the process, or (for rights that require one) no object of the right is named in its
   * sentence or the one before ("My surname is now Kim. Please change it."). */
  const mentionCounts = (right: Right, at: number): boolean => {
    const exclusion = EXCLUSIONS[right];
    const requirement = REQUIREMENTS[right];
    if (exclusion && scopes.inClause(exclusion, at)) return false;
    if (scopes.inSentence(PROCESS_QUESTION, at)) return false;
    return !requirement || scopes.withPrevious(requirement, at);
  };
  for (const entry of COMPILED) {
    if (!mayMatch(entry.regex, prepared.cueText)) continue;
    for (const match of prepared.cueText.matchAll(entry.regex)) {
      const at = match.index ?? 0;
      if (!mentionCounts(entry.right, at)) continue;
      if (entry.unlessRegex && scopes.inSentence(entry.unlessRegex, at)) continue;
      if (entry.requiresRegex && !scopes.inSentence(entry.requiresRegex, at)) continue;
      const index = wordAt(prepared.offsets, at);
      // Two patterns hitting the same word count once.
      const key = `${entry.right}:${index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const word = prepared.words[index];
      if (!word) continue;
      const weak = entry.weak === true && !scopes.inSentence(NEW_VALUE, at);
      found.push({ right: entry.right, index, negatable: entry.negatable, word, weak });
    }
  }
  // Misspelt key words, where no pattern matched the word for that right.
  prepared.words.forEach((word, index) => {
    for (const right of misspeltRights(word.surface)) {
      if (seen.has(`${right}:${index}`)) continue;
      if (!mentionCounts(right, prepared.offsets[index] ?? 0)) continue;
      seen.add(`${right}:${index}`);
      found.push({ right, index, negatable: true, word, weak: false });
    }
  });
  const described = new Set<Right>();
  for (const m of found) {
    const counts = mentions[m.right];
    if (m.word.hypothetical) counts.hypothetical++;
    else if (m.negatable ? m.word.negated : m.word.strong || refusedInClause(m, found, prepared)) counts.negated++;
    else if (m.weak) described.add(m.right);
    else counts.positive++;
  }
  const flags = Object.fromEntries(
    CUE_NAMES.map((name) => [
      name,
      COMPILED_CUES[name].some((group) =>
        (WHOLE_MESSAGE.has(name) ? [prepared.cueText] : scopes.sentences).some(
          (s) => group.every((re) => matches(re, s)) && !(CUE_UNLESS[name] && matches(CUE_UNLESS[name], s)),
        ),
      ),
    ]),
  ) as Record<CueName, boolean>;
  // A description ("мои данные неверны") is a request only when nothing else is asked for.
  const askedElse = (r: Right): boolean =>
    RIGHTS.some((o) => o !== r && mentions[o].positive > 0) || CUE_NAMES.some((n) => flags[n] && CUE_RIGHT[n] !== r);
  for (const r of described) if (mentions[r].positive === 0 && !askedElse(r)) mentions[r].positive = 1;
  return { mentions, flags, rightsClaim: matches(RIGHTS_CLAIM, prepared.cueText) };
}

interface Found {
  right: Right;
  index: number;
  negatable: boolean;
  word: Word;
  /** A description, not a request (LexiconEntry.weak). */
  weak: boolean;
}

/** The new value itself: "новый номер: +7 ...", "жаңа поштам: x@example.com". */
const NEW_VALUE = compile('#(email|phone|date)');

/** An object word ("рассылку") shares the fate of a negated verb of its right in the same clause:
 * "рассылку не отключайте" does not withdraw consent. */
function refusedInClause(m: Found, found: Found[], prepared: Prepared): boolean {
  const [start, end] = clauseAround(prepared.words, m.index);
  return found.some((o) => o.right === m.right && o.negatable && o.word.negated && o.index >= start && o.index < end);
}

function clauseAround(words: Word[], index: number): [number, number] {
  const isStop = (i: number): boolean => !/[\p{L}\p{N}#]/u.test(words[i]?.surface ?? '.');
  let start = index;
  while (start > 0 && !isStop(start - 1)) start--;
  let end = index;
  while (end < words.length && !isStop(end)) end++;
  return [start, end];
}

// A question about how requests are handled asks for nothing: "как долго вы рассматриваете запросы
// на удаление?", "how long does an access request take?", "деректерді жою туралы сұраныс қанша
// уақытта қаралады?". So does asking whether one could do it oneself ("смогу ли я удалить аккаунт
// сам?", "can I delete it myself?").
const PROCESS_QUESTION = compile(
  '(как долго|сколько (\\S+ )?(времени|дней)|в какие сроки|how long|how many days|қанша (уақыт|күн))( \\S+){0,12} (запрос|заявлени|обращени|request|сұраныс|өтініш)|' +
    '(запрос|заявлени|обращени|request|сұраныс|өтініш)\\S*( \\S+){0,12} (как долго|сколько (\\S+ )?(времени|дней)|в какие сроки|how long|how many days|қанша (уақыт|күн))|' +
    '(смогу|могу|можно) ли( \\S+){0,5} (сам|сама|самостоятельно)|(can|could) i( \\S+){0,5} (myself|on my own)|өзім( \\S+){0,4} (ала(мын|мыз)? ба|бола ма)',
);

// "отзывах" (reviews) is one letter from "отзываю".
const FUZZY_LOOKALIKES = ['основ', 'отзыв'];

/** Remembered per word: the same words come back letter after letter, and trying every stem at
 * every length is most of what the lexicon costs otherwise. Emptied when it grows large. */
const misspelt = new Map<string, readonly Right[]>();
const MISSPELT_MEMO_SIZE = 20_000;

/** The rights whose key stem the word begins with up to one typo, and not spelt right. */
function misspeltRights(surface: string): readonly Right[] {
  let rights = misspelt.get(surface);
  if (rights !== undefined) return rights;
  const found = new Set<Right>();
  // Common words one letter away from a key stem ("основи" from "Основы" in translit, "обнови").
  if (surface.length >= 4 && !FUZZY_LOOKALIKES.some((w) => surface.startsWith(w))) {
    for (const [right, stem] of FUZZY_STEMS) {
      // A correctly spelt word was the patterns' business (they may have excluded it on purpose).
      if (!surface.startsWith(stem) && fuzzyStartsWith(surface, stem)) found.add(right);
    }
  }
  rights = [...found];
  if (misspelt.size >= MISSPELT_MEMO_SIZE) misspelt.clear();
  misspelt.set(surface, rights);
  return rights;
}

function wordAt(offsets: number[], at: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((offsets[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The cues as model tokens: "@erasure" (asked for), "@!erasure" (negated), "@?erasure"
 * (hypothetical), "@child", ... */
export function cueTokens(cues: Cues): string[] {
  const tokens: string[] = [];
  for (const r of RIGHTS) {
    const m = cues.mentions[r];
    if (m.positive > 0) tokens.push(`@${r}`);
    if (m.negated > 0) tokens.push(`@!${r}`);
    if (m.hypothetical > 0) tokens.push(`@?${r}`);
  }
  for (const name of CUE_NAMES) if (cues.flags[name]) tokens.push(`@${name}`);
  if (cues.rightsClaim) tokens.push('@rightsClaim');
  return tokens;
}

/** Rights mentioned only negated or hypothetically: not asked for, whatever the model says. */
export function refusedRights(cues: Cues): Right[] {
  return RIGHTS.filter((r) => {
    const m = cues.mentions[r];
    return m.positive === 0 && m.negated + m.hypothetical > 0;
  });
}

const CUE_FLOOR = 0.9;
const REFUSED_CEILING = 0.05;
const UNSUPPORTED_CEILING = 0.3;
/** Above the VAGUE_REQUEST_THRESHOLD: a rights claim alone makes a request. */
const RIGHTS_CLAIM_FLOOR = 0.95;

export function applyCues(scores: HeadScores, cues: Cues): { rights: Record<Right, number>; request: number } {
  const rights = {} as Record<Right, number>;
  for (const r of RIGHTS) rights[r] = scores[r];
  for (const name of CUE_NAMES) {
    const right = CUE_RIGHT[name];
    if (cues.flags[name]) rights[right] = Math.max(rights[right], CUE_FLOOR);
  }
  for (const r of refusedRights(cues)) rights[r] = Math.min(rights[r], REFUSED_CEILING);
  // The lexicon proposes, the model disposes: a right with no word of its own in the letter (and no
  // cue) is not asked for, however the other words lean. Keeps the model from guessing a right
  // from the company its words usually keep.
  const cuedRights = new Set(CUE_NAMES.filter((n) => cues.flags[n]).map((n) => CUE_RIGHT[n]));
  for (const r of RIGHTS) {
    if (cues.mentions[r].positive === 0 && !cuedRights.has(r)) rights[r] = Math.min(rights[r], UNSUPPORTED_CEILING);
  }
  // A named cue is a request in itself ("my son signed up without my consent").
  const cued = CUE_NAMES.some((name) => cues.flags[name] && rights[CUE_RIGHT[name]] >= CUE_FLOOR);
  const request = cued ? Math.max(scores.request, CUE_FLOOR) : scores.request;
  return { rights, request: cues.rightsClaim ? Math.max(request, RIGHTS_CLAIM_FLOOR) : request };
}
