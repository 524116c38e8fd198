// The words for access: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

// "Send me all my data" is access, unless the same sentence is about a file or another service
// ("send me all my data as a file, I am moving to another platform" is portability).
const PORTABLE = 'удал|стер|уничтож|жой|өшір|delet|eras|remov|wipe|destroy|get rid|файл|фаил|формат|csv|json|xml|excel|экспорт|в[ыи]груз|платформ|сервис|перен|импорт|file|format|export|platform|service|transfer|migrat|import';
// Wordings that ask for access only where nothing in the sentence points to portability.
const WEAK_ACCESS = [
  'вы (\\S+ )?(храните|собираете|ведете|записываете)', 'do you (\\S+ )?(keep|hold|store|record)',
  'which (\\S+ ){0,4}(details|data|information|records)', 'see (\\S+ ){0,2}(data|information|details|records) you',
  '(data|information|details|records) (\\S+ )?(you|your company) (\\S+ )?(hold|keep|store|process|have)',
  'request(ing)? (\\S+ ){0,2}(personal )?(data|information) ', '(information|data) (\\S+ )?stored',
  '(пришлите|вышлите|отправьте|направьте|скиньте|выслать|прислать|отправить|направить) (\\S+ ){0,4}(все|всю|что)',
  'предостав\\S* (мне )?(\\S+ ){0,2}(данн|сведени|информаци)',
  'send (me )?(over )?(everything|what|all)', 'барлық (\\S+ )?(дерек|мәлімет|ақпарат)\\S* жібер',
];

export const access: RightLexicon = {
  right: 'access',
  words: [
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
  ],
  guarded: [{ patterns: WEAK_ACCESS, negatable: true, unless: PORTABLE }],
  exclusion:
    'к курсу|курсқа|to the course|продлить|extend',
  fuzzy: ['ознаком'],
};
