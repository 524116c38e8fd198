// The words for access: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

// "Send me all my data" is access, unless the same sentence is about a file or another service
// ("send me all my data as a file, I am moving to another platform" is portability), or about
// deleting or correcting what is held ("delete the data you still keep about me").
const OTHER_RIGHT =
  'удал|стер|уничтож|жой|өшір|delet|eras|remov|wipe|destroy|get rid|файл|фаил|формат|csv|json|xml|excel|экспорт|в[ыи]груз|' +
  'платформ|сервис|перен|импорт|file|format|export|platform|service|transfer|migrat|import|' +
  'исправ|обнов|измен|смен|поменя|түзет|жаңарт|ауыстыр|rectif|correct|fix|updat|chang';

// Wordings that ask for access only where nothing in the sentence points elsewhere (OTHER_RIGHT).
const WEAK_ACCESS = [
  // ru
  'вы (\\S+ )?(храните|собираете|ведете|записываете)',
  '(пришлите|вышлите|отправьте|направьте|скиньте|выслать|прислать|отправить|направить) (\\S+ ){0,4}(все|всю|что)',
  'предостав\\S* (мне )?(\\S+ ){0,3}(данн|сведени|информаци)',
  '(пришлите|вышлите|отправьте|направьте|выслать|прислать) (мне )?(\\S+ )?(все )?мо\\S* (\\S+ )?(данн|сведени|информаци|записи|документ)',
  // kk
  'барлық (\\S+ )?(дерек|мәлімет|ақпарат|жазба)\\S* (\\S+ ){0,3}жібер',
  'маған қатысты (\\S+ ){0,2}(барлық|дерек|мәлімет|ақпарат|жазба)',
  // "деректерімді үшінші тараптарға бересіздер ме?"
  '(дерек|мәлімет|ақпарат|нөмір)\\S* (\\S+ ){0,3}(бересіз|бердіңіз|бөлісесіз|бөлістіңіз|сатасыз|жинайсыз|сақтайсыз)\\S* (ба|ма|ме|бе)(?![\\p{L}])',
  '(мәлімет|ақпарат|дерек|жазба)\\S* (\\S+ ){0,2}ұсын', '(дерек|мәлімет|ақпарат)\\S* (маған )?(жіберіңіз|көрсет)',
  // en
  'do you (\\S+ )?(keep|hold|store|record)',
  '(do|did) you (\\S+ )?(sell|share|pass|give|transfer|disclos|use|collect|process|track)\\S* (\\S+ )?(my|data|info|personal)',
  'which (\\S+ ){0,4}(details|data|info|information|records)', 'which of my',
  'see (\\S+ ){0,2}(data|information|details|records) you',
  '(data|info|information|details|records) ((that|which|what|all|still) )?(you|your company) (\\S+ )?(hold|keep|store|process|have)',
  '(data|info|information|details|records?|everything|anything) (\\S+ ){0,4}(about|on) me(?![\\p{L}])',
  '(have|hold|keep|store|stored|kept|collected|recorded) (\\S+ ){0,2}(about|on) me(?![\\p{L}])',
  'request(ing)? (\\S+ ){0,2}(personal )?(data|information) ', '(information|data) (\\S+ )?stored',
  'send (me )?(over )?(everything|what|all)', 'send (me )?(over )?(all (of )?)?my (\\S+ ){0,2}(data|info|information|details|records|profile)',
  'provide (me )?(with )?(\\S+ ){0,3}(my |the )?(data|info|information|details|records?|copy|overview)',
  'everything in my (profile|account)',
];

// A list in a machine format is portability ("spisok ... v formate dlja importa").
const FORMAT = 'файл|фаил|формат|csv|json|xml|excel|экспорт|в[ыи]груз|импорт|машиночит|file|format|export|import';
const LIST = [
  'список (\\S+ ){0,3}(мо|данн|сведени|информаци|всего|всех|того|что|категори|получател|третьих|лиц|компани|партнер)',
  'list of (\\S+ ){0,3}(my|data|info|information|details|records|everything|what|categor|recipients|third|compan|partners)',
];

// "Что вы делаете с моими данными", "откуда у вас мой номер" ask for access, but not inside a
// restriction request ("поставьте на паузу всё, что вы делаете с моими данными", "пока я выясняю,
// откуда у вас мой номер").
const PAUSE =
  'пока|до (\\S+ ){0,2}(выяснени|окончани|решени|ответ)|пауз|приостан|огранич|заблок|блокир|прекрат|шекте|тоқтат|кідірт|бұғат|' +
  'restrict|pause|freez|suspend|stop|until|while';
const WHAT_YOU_DO = [
  'откуда (\\S+ )?(у вас|вы|вам|взял|получ)', 'где (\\S+ ){0,2}(взял|получил|нашл)',
  'что (\\S+ ){0,2}(делаете|делают|происходит) с (мо|эт)', 'зачем (\\S+ )?вам (\\S+ )?мо',
  '(зачем|для чего) (\\S+ )?вы (\\S+ )?(собира|хран|обрабатыва|использу|запрашива|передае)',
  '(what|how|why) (are |do |does |did )?(you|your company) (\\S+ )?(use|using|do|doing|process|processing|need) (\\S+ )?my',
];

// Words that ask for access only about the person's data: Kazakh who / where / where from / the
// list / access ("деректерімді кімдерге бересіздер", "деректеріме қол жеткізу"), not "сертификатты
// кім береді?", "курстар тізімін жіберіңіз"; "explain" ("объясните, зачем вам мой номер").
const ABOUT_DATA =
  'данн|сведени|информаци|номер|почт|дерек|мәлімет|ақпарат|нөмір|мекенжай|профил|жазба|сервер|байланыс|' +
  'data|info|number|e - mail|email|address|details';
const ON_DATA = [
  '(кім(ге|дер|мен)\\S*|кім) (\\S+ ){0,4}(бер|жібер|бөліс|таны|ашы|көрд|көрг|көре ал|қара|екен|кірг)',
  'қайдан (\\S+ )?(алды|алған|алын|шық|білд|білген|түс|жина)',
  'қайда (\\S+ )?(сақта|жібер|беріл|өңде|тұр)', 'қай ел', 'қалай (\\S+ )?(пайдалана|қолдана|өңдей)\\S*(сыз|сіз)',
  'қай (\\S+ )?(партнер|серіктес|компани|тарап|ұйым|мекеме)', 'тізім\\S* (\\S+ )?(жібер|бер|көрсет|ұсын)',
  'қол (\\S+ )?жеткіз', 'қолжетім', 'көрсетіңіз', 'көрсету(іңіз|ді)', 'көрсетсеңіз', 'көрсетіп бер',
];

const EXPLAIN = ['объясните|поясните|түсіндіріңіз|түсіндіріп бер|explain'];

export const access: RightLexicon = {
  right: 'access',
  words: [
    // ru
    // Not a backup copy nor a copy of an identity document (erasure asks to delete those).
    '(?<!(резервн|удостоверени|паспорт|удал|уничтож|сотр)\\S* )копи(?!\\S* (\\S+ )?(удостоверени|паспорт|чек|договор|сертификат|диплом|квитанц))',
    'в[ыи]писк', 'перечень', 'ознаком', 'отчет обо', 'досье',
    // "кто-то получил доступ к моему аккаунту" reports a break-in, it asks for nothing.
    '(?<!(получил|получила|получили|имеет|имел)\\S* )доступ (ко|к) (\\S+ )?(мо|сво)',
    'получить (\\S+ ){0,2}(информаци|сведени|доступ|копи)', 'прав\\S* на доступ',
    'перечисл\\S* (\\S+ ){0,2}(данн|сведени|категори|все|мо)', 'что хранится',
    'которые вы (\\S+ ){0,2}(собрал|собира|хран)',
    'предостав\\S* (мне )?(\\S+ ){0,3}(копи|сведени|информаци|доступ|перечень)',
    'направ\\S* (мне )?(\\S+ ){0,2}(копи|сведени|перечень|список|в[ыи]писк)',
    // "какая-то информация обо мне" is no question.
    'как(ие|ую|ая|ой|их)(?! - то) (\\S+ ){0,3}(дан(н|ы|е)|сведени|информаци)',
    'какие (\\S+ )?именно (\\S+ )?(по |о |обо )?(мо|мне)', 'какие сведения',
    'что (\\S+ ){0,4}(знае?т|хран|собира|есть (на|обо) мен)', 'обо мне (\\S+ )?(есть|имеет|хран|известн|собран)',
    'на меня в', 'на меня (\\S+ )?собра', 'хочу (\\S+ )?(знат|увидет|посмотрет)',
    // "собираете ли вы геолокацию", "хранятся ли у вас записи", "передаете ли мои данные".
    '(собира|хран|обрабатыва|переда|прода|использу)\\S* ли (у )?(вы|вас|мо)', 'передавал\\S* ли',
    'кому (\\S+ ){0,2}переда', 'кому именно', 'каким (\\S+ )?(третьим|парт|именно|компани|организаци|лицам)',
    'кто (\\S+ ){0,2}(видел|смотрел|просматрива|имеет доступ|имел доступ|может видеть|видит)',
    'источник\\S* (\\S+ )?(получени|данн|сведени|информаци)',
    'где (\\S+ )?(хран|обрабатыва)\\S* (\\S+ )?(мо|данн|сведени|персональн)',
    'как долго (\\S+ ){0,3}(хран|обрабатыва|будете|держ|использ)', 'сколько (\\S+ ){0,3}(храните|будете хранить|обрабатываете)',
    'сколько (времени )?(хранятся|хранится) (\\S+ )?(мо|данн|персональн)', 'факт\\S* (\\S+ )?(обработк|хранени)',
    // Not "заблокируйте до конца срока хранения".
    '(?<!(конца|истечени\\S*|окончани\\S*) )срок\\S* (\\S+ )?(хранени|обработк)',
    'на каком основании', 'с какой целью', '(для|в) каких целях',
    'узна(ть|ю)', 'покажите', 'скиньте', 'расскажите', 'раскры',
    'поделит\\S* (\\S+ ){0,3}(информаци|сведени|данн)',
    'посмотреть (\\S+ ){0,2}(все|всё|что|мо)',
    // kk
    '(?<!(сақтық|куәлі\\S*) )көшірме(?!лер)', 'қандай (\\S+ ){0,2}(дерек|мәлімет|ақпарат)',
    'мен туралы (не|қандай|(\\S+ ){0,3}(сақта|жина|бар(?![\\p{L}])))', 'не біле',
    // Kazakh "не" is "what", but it is read as a negation: match at "не" itself.
    'не (\\S+ ){0,3}(көргім|білгім|білуге|жаз\\S*ған|сақтал|сақта|жина|бар екен)',
    'танысу', 'есеб',
    // A list of the data, not the mailing list ("таратылым тізімінен").
    '(дерек|мәлімет|ақпарат|жазба)\\S* (\\S+ )?тізім',
    'дереккөз', 'не үшін (\\S+ )?(қолдан|пайдалан|жина|сақта|өңде)', 'қандай мақсат',
    '(тарап|серіктес|компания)\\S* (\\S+ )?(бер|жібер|бөліс)\\S* (ба|ма|ме|бе)(?![\\p{L}])',
    'қанша уақыт (\\S+ )?(сақта|өңде)', 'білгім келеді', 'білуге', 'көргім келеді', '(мәлімет|ақпарат) бер',
    // en
    // Not a backup, a machine-readable copy (portability), a copy to destroy, or of a course document.
    '(?<!(backup|machine - readable|delete|destroy|remove|erase|wipe) (all |any |the ){0,3})cop(y|ies)' +
      '(?! of (my id|(the |my |your )?(invoice|receipt|contract|certificate|syllabus|diploma|agreement|book|lecture|video|slides)))',
    'acc?ess?( to)? (all )?(my|the) (\\S+ )?(data|info|information|records|file|pers\\S* (data|info\\S*|details|file|records))',
    'right of access', 'subject access', 'dsar',
    "what (\\S+ ){0,3}(data|info|information|details|you('ve| have)? (\\S+ ){0,2}(have|hold|stor|keep|kept|collect|know))",
    '(want|like|need) to know', '(entitled|right) to (know|see|access|view|receive|a copy)', 'know (\\S+ ){0,2}about me',
    '(?<!machine - readable )(copy|overview|summary) of (all |everything|(the |my )(data|info|personal|records|details|information))',
    'full (\\S+ )?(acc?ount|overview|picture|report) of',
    'full (list|set) of (\\S+ )?(data|info|information|details|records|everything|what)',
    'on file about me', 'let me see', 'share (\\S+ ){0,2}(that |the |this )?(information|data|details)',
    'summary of', 'report of', 'which categories', '(what|which) purposes?', 'purposes? of (the )?processing',
    'how long (\\S+ ){0,3}(keep|retain|store|hold)', 'whether (or not )?you (\\S+ )?(process|hold|have|store|keep|collect)',
    'have you shared', 'who (\\S+ ){0,2}(you )?(share|pass|give|sell|disclos|transfer)\\S* (it|them|my|this|that|data)',
    'who (\\S+ ){0,4}(has|have|had) (\\S+ )?(access|accessed|looked|seen|viewed|my)(?![\\p{L}])', 'who (else )?can see',
    'who (\\S+ )?(accessed|viewed|opened|looked at|saw) (\\S+ )?(my|the|this)',
    'where (did|do) you (\\S+ )?(get|obtain|find|source)\\S* (\\S+ )?(my|me|this|that|it|the (data|info|number|email|contact|address))',
    'tell me the source',
    'source of (my|this|the|that) (\\S+ )?(data|info|information|details|number|phone|email|e - mail|address|contact)',
    '(want|like|wish) to (see|view|review) (\\S+ ){0,3}(data|info|information|details|records|log|file|what|everything|all|who)',
    'see my (personal )?(data|info|information|details|records)',
    'disclose', 'printout', 'pdf of (everything|all|my (data|profile|records))',
    'show me', '(want to )?see (\\S+ ){0,2}(all|everything)', 'send (me )?(the )?documents', '(you have |you )?collected',
  ],
  guarded: [
    // "Information about me" named, not asked for: "сведения о моей работе у вас неверные".
    { patterns: ['информаци\\S* о (сво|мо)', 'сведени\\S* о (мо|мне)'], negatable: true, weak: true },
    { patterns: WEAK_ACCESS, negatable: true, unless: OTHER_RIGHT },
    { patterns: LIST, negatable: true, unless: FORMAT },
    { patterns: WHAT_YOU_DO, negatable: true, unless: PAUSE },
    { patterns: ON_DATA, negatable: true, requires: ABOUT_DATA },
    { patterns: EXPLAIN, negatable: true, requires: ABOUT_DATA, unless: OTHER_RIGHT },
  ],
  exclusion: 'к курсу|курс\\S* (\\S+ )?(кір|қолжетім|қол жеткіз)|to the course|продлить|extend',
  fuzzy: ['ознаком', 'расскаж'],
};
