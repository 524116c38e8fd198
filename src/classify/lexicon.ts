// The words people use for each right, in Russian (also reached from translit), Kazakh and
// English. A mention is counted with its polarity: asked for, negated ("не удаляйте") or
// hypothetical ("если вы удалите ..."). Mentions become model features ("@erasure") and drive the
// cue rules; a lexicon generalises across paraphrases and languages where a few hundred letters of
// training data cannot.
//
// Patterns run on Prepared.cueText: lower case, ё as е, Kazakh letters folded to Russian ones (the
// patterns are written with Kazakh letters and folded when compiled), words separated by single
// spaces, punctuation as separate words. A pattern matches at the start of a word.
import type { Right } from '../domain.js';
import { fold } from './normalize.js';

export interface LexiconEntry {
  right: Right;
  pattern: string;
  /** Skip the mention when its sentence matches this (see WEAK_ACCESS). */
  unless?: string;
  /** Count the mention only when its sentence also matches this (see MARKETING_OBJECTS). */
  requires?: string;
  /** A negation before the word cancels it ("не удаляйте"). False for words whose negation is
   * itself the request ("не присылайте рекламу"). */
  negatable: boolean;
}

const MAILING = '(расс[ыи]л|списк|маркетинг|тарату|таратылым|тізім|mailing|newsletter|list)';

const ENTRIES: Array<[Right, boolean, string[]]> = [
  ['access', true, [
    // ru
    '(?<!(резервн|удостоверени|паспорт)\\S* )копи(?!\\S* (удостоверени|паспорт))', 'в[ыи]писк', 'перечень', 'ознаком',
    'отчет обо', 'доступ (ко|к) (\\S+ )?(мо|сво)', 'получить (\\S+ ){0,2}(информаци|сведени|доступ|копи)',
    'информаци\\S* о (сво|мо)', 'что хранится', 'список', 'которые вы (\\S+ ){0,2}(собрал|собира|хран)', 'предостав\\S* (мне )?(копи|сведени|информаци|доступ|перечень)',
    'как(ие|ую|ая|ой|их) (\\S+ ){0,3}(дан(н|ы|е)|сведени|информаци)', 'что (\\S+ ){0,4}(знае?т|хран|собира|есть (на|обо) мен)', 'хочу (\\S+ )?(знат|увидет|посмотрет)',
    'на меня в', 'передавал\\S* ли', 'кому (\\S+ ){0,2}переда', 'каким (\\S+ )?(третьим|партнер|именно)',
    'как долго', 'на каком основании', 'с какой целью', 'узна(ть|ю)', 'покажите',
    'скиньте', 'расскажите', 'поделит\\S* (\\S+ ){0,3}(информаци|сведени|данн)',
    'раскры', 'каким (\\S+ )?(компани|организаци|лицам)', 'какие сведения', 'сведени\\S* о (мо|мне)', 'посмотреть (\\S+ ){0,2}(все|всё|что|мо)',
    // kk
    '(?<!(сақтық|куәлі\\S*) )көшірме(?!лер)', 'қандай (\\S+ ){0,2}(дерек|мәлімет|ақпарат)',
    'мен туралы (не|қандай|(\\S+ ){0,3}(сақта|жина|бар(?![\\p{L}])))', 'не біле',
    'танысу', 'тізім(ін|і)', 'есеб', 'көрсетіңіз', 'кімге (\\S+ )?бер', 'қанша уақыт', 'білгім келеді', 'білуге', 'көргім келеді', '(мәлімет|ақпарат) бер',
    // en
    '(?<!backup )cop(y|ies)(?! of my id)', 'access to (all )?(my|the) (\\S+ )?(data|information|personal|records)', 'right of access', 'subject access',
    "what (\\S+ ){0,3}(data|information|details|you('ve| have)? (have|hold|stor|keep|kept|collect|know))",
    '(want|like|need) to know', 'know (\\S+ ){0,2}about me',
    '(copy|overview|summary) of (all |everything|the )', 'on file about me', 'let me see', 'share (\\S+ ){0,2}(that |the |this )?(information|data|details)',
    'list of', 'summary of', 'report of', 'which categories', 'how long you keep',
    'whether you process', 'have you shared', 'who you share', 'show me', '(want to )?see (\\S+ ){0,2}(all|everything)', 'send (me )?(the )?documents', '(you have |you )?collected',
    
  ]],
  ['rectification', true, [
    'исправ', 'поправ', 'измени(ть|те|ла|л)?(?![\\p{L}])', 'изменени', 'обнов', 'замен', 'поменя', 'скорректир',
    'корректир', 'смени(те|ть)', 'внес(ите|ти) (\\S+ ){0,3}(в профил|в анкет|в аккаунт|изменени)', 'актуализ', 'уточни(ть|те) (\\S+ ){0,2}(данн|сведени|фамили|им|адрес|номер|дат)', 'перевыпуст', 'неверн', 'неправильн', 'с ошибкой',
    'ошибк\\S* в (написании|фамили|имени|дате|номер)', 'опечатк', 'устар', 'актуальн\\S* (—|-|:|адрес|номер|телефон|почт|фамили)', 'перепутан', 'должн\\S* быть',
    'чуж(ой|ого) номер', 'а (правильно|надо|нужно)', 'записан\\S* (как|неверно|с ошибкой)', '(фамили|номер|адрес|почт|им)\\S* (теперь|сейчас)',
    '(surname|name|number|address|email) is now', 'now (\\S+ )?(surname|name|number|address|email) is', 'постав(ьте|ить) (\\S+ ){0,4}нов', 'нов(ый|ую|ое|ая) (\\S+ )?(номер|адрес|почт|телефон|фамили|email)',
    'стар(ый|ая|ую|ой|ое) (\\S+ )?(адрес|номер|телефон|почт|фамили|email)', 'ескі (\\S+ )?(мекенжай|нөмір|пошта|тег|телефон)',
    'old (\\S+ )?(address|number|phone|email|surname|name)', 'my new one',
    'енгіз', 'жаңа (\\S+ )?(нөмір|мекенжай|пошта|тег|телефон)',
    'put (\\S+ ){0,3}new', 'new (\\S+ )?(address|number|phone|email|surname|name) (on file|is|please)',
    'түзет', 'өзгерт', 'жаңарт', 'ауыстыр', 'дұрыста', 'қате', 'ескі', 'жаңасы', 'дұрыс (емес|жазылма)', 'дұрысы',
    'correct', 'fix', 'updat', 'chang', 'amend', 'rectif', 'replac', 'switch (it|my \\S+) to', 'reissu', 'typo',
    'misspel', 'wrong', 'incorrect', 'out of date', 'outdated', 'current one', 'inaccura', 'should be', 'swapped', 'belongs to someone else',
  ]],
  ['erasure', true, [
    `(уд[ао]л|убер|исключ)(?!\\S*( \\S+){0,6} (из|от) (\\S+ )?${MAILING})`, 'стере', 'стир', 'сотр(и|ите)', 'уничтож', 'ликвидир', 'избав',
    'закро(йте|ите)', 'закрыть (\\S+ )?(аккаунт|учет|профил)', 'забуд', 'безвозвратно',
    'жой', 'жою', 'өшір', `(?<!${MAILING}\\S* (\\S+ )?)алып таста(?!\\S*( \\S+){0,2} ${MAILING})`, 'жабыңыз', 'тазала',
    'delet', 'eras(e|ure|ing)', `remov(?!\\S*( \\S+){0,3} from (\\S+ ){0,2}${MAILING})`, 'wipe', 'destroy',
    'get rid of', 'close (and delete )?(my|the) account', 'forget me', 'permanently',
  ]],
  ['restriction', true, [
    'огранич', 'приостанов', 'замороз', 'заморож', 'заблокир', 'блокир', 'пауз', 'временно', 'на время', 'придерж',
    'пока (\\S+ ){0,3}(идет|не |длится|провер|разбира|рассматр|спор|выясня|решаю|оспарива|за границ)',
    'до (выяснения|окончания|решения|тех пор|завершения|конца)', 'оспарива', 'кроме хранения',
    'не (используйте|обрабатывайте|передавайте|использовать|обрабатывать)(?!( \\S+){0,4} (для|в) (реклам|маркетинг))',
    'шекте', 'тоқтат\\S* тұр', 'уақытша', 'бұғатта', 'кідірт', '\\S+(ганша|генше|канша|кенше)(?![\\p{L}])',
    'restrict', 'paus', 'suspend', 'freez', 'on hold', 'block', 'limit (the )?(use|processing)', 'temporar', 'until',
    'while (my|the|this|it|its|i) ', 'pending', 'for the time being', 'for that time', 'dispute',
    "(?<!i )(don't|do not) (use|process)(?!( \\S+){0,4} (for|in) (advertis|marketing|ads))", 'apart from storage',
    'rather than delet',
  ]],
  // Kazakh "do not use / process" is itself the request (the negation is in the verb).
  ['restriction', false, ['(?<!(жарнама|маркетинг)\\S* (\\S+ )?)(пайдаланба|қолданбаңыз|қолданбау|өңдеме)']],
  ['portability', true, [
    'в[ыи]груз', 'экспорт', 'машиночитаем', 'json', 'csv', 'xml', 'excel', 'йсон', 'джсон', 'цсв', 'ксмл', 'экскел',
    'нов\\S* (систем|платформ|сервис|школ)', 'перен(ес|ос)', 'перевож', 'переход', 'переезжа', 'ухож(у)? (на|в) друг', 'импорт', 'архив',
    'переносимост', 'забрать',
    'друг(ой|ую|ому|ие|им) (\\S+ )?(сервис|платформ|школ|систем|оператор|провайдер)',
    'басқа (\\S+ )?(платформа|сервис|мектеп|жүйе|провайдер|оператор)', 'көшу үшін', 'көшіру', 'ауысу', 'ауысып жатыр', 'ауысамын',
    'тасымалда', 'жүктеп ал', 'в электронном виде', 'электронды түрде', 'electronic form',
    'export', 'machine( - | |-)?read', 'spreadsheet', 'portab', 'transfer', 'migrat', 'move (\\S+ ){0,2}(to|elsewhere)',
    'moving to', 'switch(ing)? (to another|providers)', '(another|different|other|new) (\\S+ )?(service|platform|school|provider)',
    'import', 'take (\\S+ ){0,2}with me', 'leaving for',
  ]],
  ['consent_withdrawal', true, [
    'отз[ыи]ва(ю|иу|ть|ем)', 'отзов', 'отозв', 'отозван', 'отз[ыи]в согласи', 'отпис', 'отключ', 'отказыва', 'кері (қайтар|ал)', 'қайтарып ал', 'қайтарамын', 'бас тарт', 'withdraw',
    'revok', 'unsubscrib', 'opt (me )?out', 'no longer consent', 'no longer agree', 'не соглас(ен|на)',
  ]],
  ['consent_withdrawal', false, [
    'хватит', 'перестаньте',
    'больше не (присыл|пиш|отправл|шлит|звон)', 'прекратите (\\S+ )?(присыл|рассыл|звон|отправ|слать)', 'не присылайте',
    'қоңырау шалуды', 'доғар', 'жібермеңіз', 'жібере берме',
    'stop (sending|emailing|calling|spamming|the newsletter)', 'no more (\\S+ ){0,3}(email|message|sms|text|call)',
  ]],
];

// Marketing words ("рассылка", "newsletter") withdraw consent only next to a word that stops or
// refuses them: "the promo code from your marketing email does not work" asks for nothing.
const MARKETING_OBJECTS = [
  'расс?[ыи]л(к|ок)', 'реклам', 'маркетинг', 'промо', 'распродаж', 'подписк(у|и)? на (\\S+ )?(рассыл|новост)', 'спам',
  'жарнама', 'таратылым', 'тарату', 'жазылым(ыма|ымды|нан)',
  'newsletter', 'marketing', 'promo', 'advert', 'ads', 'spam', 'mailing',
];
const STOPS_MARKETING =
  'прек(?!расн)|перестан|отмен|не дава|без (\\S+ )?(соглас|спрос|разрешени)|хватит|не присыл|не отправл|не пиш|не шл|не звон|не над|не нуж|не хочу|не желаю|отпис|отключ|отказ|отз[ыо]в|убер|уберите|исключ|удал|больше не|надоел|достал|зачем|сколько можно|' +
  'тоқтат|доғар|жібермеңіз|жібере берме|жібермеу|шығар|алып таста|алғым келмейді|қажет емес|керек емес|жой|өшір|бас тарт|қайтар|мазала|' +
  'stop|unsubscrib|opt|take me off|remove|no more|no longer|sick of|fed up|tired of|(don|do not|didn|did not)\\S*( \\S+){0,2} (want|send|need|ask)|not interested|withdraw|without (\\S+ )?(consent|permission)|never (agreed|consented|gave)|delete|cancel|turn off|off (your|the|all|my)';

// A file, a table or a format is about portability only when the person's data goes into it: "where
// do I download the certificate as a PDF" asks for nothing.
const FILE_WORDS = ['таблиц', 'формат', 'фаил', 'файл', 'архив', 'archive', '(?<!on )files?(?![\\p{L}])'];
const DATA_OBJECT =
  'данн|даные|дерек|мәлімет|истори|тарих|прогресс|оценк|баға|результат|нәтиже|статистик|профил|анкет|информаци|ақпарат|сведени|все|всё|барлық|' +
  'экспорт|в[ыи]груз|перен|друг|басқа|data|history|progress|records|grades|results|information|profile|statistics|everything|export|another|other';

// "Send me all my data" is access, unless the same sentence is about a file or another service
// ("send me all my data as a file, I am moving to another platform" is portability).
const PORTABLE = 'удал|стер|уничтож|жой|өшір|delet|eras|remov|wipe|destroy|get rid|файл|фаил|формат|csv|json|xml|excel|экспорт|в[ыи]груз|платформ|сервис|перен|импорт|file|format|export|platform|service|transfer|migrat|import';
const WEAK_ACCESS = [
  'вы (\\S+ )?(храните|собираете|ведете|записываете)', 'do you (\\S+ )?(keep|hold|store|record)',
  'which (\\S+ ){0,4}(details|data|information|records)', 'see (\\S+ ){0,2}(data|information|details|records) you',
  '(data|information|details|records) (\\S+ )?(you|your company) (\\S+ )?(hold|keep|store|process|have)',
  'request(ing)? (\\S+ ){0,2}(personal )?(data|information) ', '(information|data) (\\S+ )?stored',
  '(пришлите|вышлите|отправьте|направьте|скиньте|выслать|прислать|отправить|направить) (\\S+ ){0,4}(все|всю|что)',
  'предостав\\S* (мне )?(\\S+ ){0,2}(данн|сведени|информаци)',
  'send (me )?(over )?(everything|what|all)', 'барлық (\\S+ )?(дерек|мәлімет|ақпарат)\\S* жібер',
];

export const LEXICON: LexiconEntry[] = [
  ...ENTRIES.flatMap(([right, negatable, patterns]) => patterns.map((pattern) => ({ right, negatable, pattern }))),
  ...FILE_WORDS.map((pattern): LexiconEntry => ({ right: 'portability', negatable: true, pattern, requires: DATA_OBJECT })),
  ...MARKETING_OBJECTS.map((pattern): LexiconEntry => ({ right: 'consent_withdrawal', negatable: false, pattern, requires: STOPS_MARKETING })),
  ...WEAK_ACCESS.map((pattern): LexiconEntry => ({ right: 'access', negatable: true, pattern, unless: PORTABLE })),
];

/** A mention in a sentence matching its right's exclusion does not count: "change my password"
 * is no correction of personal data, "extend my access to the course" no access request. */
export const EXCLUSIONS: Partial<Record<Right, RegExp>> = {
  rectification: compile(
    'пароль|парол|password|құпиясөз|тариф|plan|автопродлен|войти|log in|басқа (\\S+ )?(сервис|платформа|мектеп)|оплат|төлем|payment|billing|списан|' +
      // course material, not the person's data: "fix the error in the module 4 test", "update the webinar link"
      'тест|урок|ссылк|вебинар|домашн|задани|видео|ответ|модул|сабақ|сілтеме|тапсырма|жауап|экзамен|балл|емтихан|интерфейс|язык|тіл|календар|кесте|language|interface|calendar|start time|quiz|exam|score|lesson|link|webinar|homework|video|answer|title|key is|update me|keep me updated',
  ),
  access: compile('к курсу|курсқа|to the course|продлить|extend'),
  erasure: compile('автопродл|auto-renew|автомат\\S* ұзарт|ұзартылу'),
  portability: compile('к курсу|курсқа|to the course|другого человека|another person|подар|gift|не загружа|не открыва|слишком больш|too (big|large)|won\\S* upload|жүктелмей'),
};

/** A mention counts only in a sentence that matches its right's requirement: a correction is of
 * the person's data ("fix the wrong time in the schedule" asks for nothing). */
export const REQUIREMENTS: Partial<Record<Right, RegExp>> = {
  rectification: compile(
    'фамили|имя|имени|отчеств|дат[аеуы]|рожден|телефон|номер|почт|e-?mail|мейл|адрес|город|пол(?![\\p{L}])|иин|паспорт|данн|даные|сведени|профил|анкет|акк?аунт|кабинет|учетн|сертификат|диплом|документ|запис|контакт|латиниц|инициал|логин|' +
      'тег|аты|есім|әке|туған|нөмір|пошта|мекен|қала|дерек|мәлімет|жсн|деп(?![\\p{L}])|\\d|#(date|phone|email)|' +
      'name|surname|birth|dob|phone|number|mobile|address|details|data|profile|account|record|certificate|diploma|information|info|city|gender|contact|spell',
  ),
};

/** Key stems found also when misspelt by one letter ("удлить", "отываю", "unsubscibe"): typos
 * are common in these letters and a missed key word costs the whole right. Only long stems that
 * one edit does not turn into another common word ("change"/"charge", "предостав"/"представ",
 * Kazakh "жойыңыз"/"қойыңыз" are out). */
export const FUZZY_STEMS: Array<[Right, string]> = [
  ['access', 'ознаком'],
  ['rectification', 'исправ'], ['rectification', 'обнови'], ['rectification', 'поменяй'], ['rectification', 'correct'],
  ['rectification', 'update'],
  ['erasure', 'удалит'], ['erasure', 'удалени'], ['erasure', 'уничтож'], ['erasure', 'delete'],
  ['restriction', 'огранич'], ['restriction', 'приостанов'], ['restriction', 'restrict'], ['restriction', 'suspend'],
  ['portability', 'выгруз'], ['portability', 'экспорт'], ['portability', 'машиночит'],
  ['consent_withdrawal', 'отзываю'], ['consent_withdrawal', 'отпишите'], ['consent_withdrawal', 'рассылк'],
  ['consent_withdrawal', 'реклам'], ['consent_withdrawal', 'unsubscrib'], ['consent_withdrawal', 'withdraw'],
  ['consent_withdrawal', 'newsletter'], ['consent_withdrawal', 'жарнама'], ['consent_withdrawal', 'таратылым'],
].map(([right, stem]) => [right as Right, fold(stem as string)]);

/** Whether a word begins with `stem` up to one typo (a letter added, dropped, changed or two
 * swapped). */
export function fuzzyStartsWith(word: string, stem: string): boolean {
  if (word.length < stem.length - 1) return false;
  for (const len of [stem.length - 1, stem.length, stem.length + 1]) {
    if (len > word.length) continue;
    if (distanceAtMostOne(word.slice(0, len), stem)) return true;
  }
  return false;
}

function distanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // one changed
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // two swapped
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export interface CompiledEntry extends LexiconEntry {
  regex: RegExp;
  unlessRegex?: RegExp;
  requiresRegex?: RegExp;
}

/** Compile a pattern for cueText: folded, anchored at a word start, global, Unicode. */
export function compile(pattern: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${fold(pattern)})`, 'gu');
}

export const COMPILED: CompiledEntry[] = LEXICON.map((entry) => ({
  ...entry,
  regex: compile(entry.pattern),
  ...(entry.unless ? { unlessRegex: compile(entry.unless) } : {}),
  ...(entry.requires ? { requiresRegex: compile(entry.requires) } : {}),
}));
