// The words for erasure: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';
import { MAILING } from './shared.js';

// Up to n words of the same clause: no punctuation and no "и"/"and" that would start the next
// request ("удалите аккаунт и отпишите от рассылки" keeps its erasure).
// "Please" and its commas do not end the clause ("уберите, пожалуйста, мой номер из рассылки").
const gap = (n: number): string =>
  `( (, )?(пожалуйста|please|pls|plz|kindly)( ,)?| (?![,;:.!?—-]|(и|а|and|but|then|also|жане|және)(?!\\S))\\S+){0,${n}}`;

// "Удалите меня из рассылки", "remove me from the mailing list", "тізімнен алып тастаңыз"
// unsubscribe: they erase nothing (consent_withdrawal).
const NOT_FROM_MAILING = `(?<!${MAILING}\\S*${gap(3)} )(?!\\S*${gap(8)} (из|от|с|from|off|of) (\\S+ ){0,2}${MAILING})`;
// "Келісімімді алып тастаймын" withdraws consent; "хабарламаларды өшіріңіз" turns notifications off.
const NOT_CONSENT = '(?<!(келісім|рұқсат|consent)\\S* (\\S+ )?)';
const NOT_NOTIFICATIONS = '(?<!(хабарла|уведомлен|notification)\\S* (\\S+ )?)';
// "Жоюды сұрамаймын" (I do not ask to delete): a refusal placed after the verb.
const NOT_REFUSED_KK = '(?!\\S* (\\S+ )?(сұрамай|қажет емес|керек емес))';

export const erasure: RightLexicon = {
  right: 'erasure',
  words: [
    // ru
    `${NOT_FROM_MAILING}(уд[ао]л|убер|убра|исключ|вычерк|избав)`,
    'стере', 'стир', 'сотр(и|ите)(?!\\p{L})', 'уничтож', 'ликвидир',
    // Colloquial "снесите мой акк".
    'снос(и|ите|ить)(?!\\p{L})', 'снес(и|ите|ти)(?!\\p{L})',
    // "Снимите моё фото с сайта".
    'сним(и|ите|ать) (\\S+ ){0,2}(фото|снимок|снимк|изображени|отзыв|данн|номер|анкет|профил)',
    '(о|за|под|по)чист(и|ите|ить)(?!\\p{L})',
    'аннулир\\S* (\\S+ ){0,2}(аккаунт|акк|учетн|профил|регистрац|данн)',
    'закро(йте|ите)', 'закрыть (\\S+ )?(аккаунт|учет|профил)', 'безвозвратно',
    // "Забудьте меня", "хочу, чтобы вы меня забыли"; not "забыл пароль".
    'забуд', '(меня|обо мне) (\\S+ ){0,2}забы', 'забы\\S* (\\S+ ){0,2}(меня|обо мне)', 'забвени',
    // "Чтобы моего аккаунта больше не существовало", "чтобы от данных следа не осталось".
    '(ак+а?унт|профил|учетн|страниц|данн|запис)\\S* (\\S+ ){0,3}не (сущ|остал)', 'перестал\\S* существ',
    'след(а|ов)? не остал',
    // kk: "жойдырамын" (I will have it deleted) is a threat; "жоыңыз" drops the й.
    `жой(?!дыр)${NOT_REFUSED_KK}`, `жою${NOT_REFUSED_KK}`, 'жоы(ң|п|лсын)',
    `${NOT_NOTIFICATIONS}өшір`, `${NOT_CONSENT}${NOT_FROM_MAILING}алып таста`, 'сызып таста',
    'жабыңыз', 'тазала', 'жоқ (ет|қыл)', '(мені|мен туралы) (\\S+ ){0,3}ұмыт', 'ұмытыл\\S* құқ',
    '(аккаунт|профиль|дерект|мәлімет|ақпарат)\\S* (\\S+ ){0,3}(қалмасын|болмасын)',
    // en
    `${NOT_FROM_MAILING}(delet|remov|eras(e|ure|ing)|get rid of)`,
    'wipe', 'destroy', 'purg', 'expung', 'scrub', 'obliterat', 'tak(e|en) (\\S+ ){0,3}down(?!\\p{L})',
    'close (and delete )?(my|the) account', '(terminat|cancel)\\S* (my|the) (\\S+ )?account', 'account (\\S+ )?terminat',
    'forget (about )?me(?!\\p{L})', 'be forgotten', 'permanently',
    // "I want my profile and photos gone from your servers".
    '(want|need|like) (\\S+ ){1,6}gone(?!\\p{L})', 'off (of )?(your|the|all) (\\S+ )?(server|database|record|system)',
    '(make sure|ensure|so that|want) (\\S+ ){0,5}(no longer exists?|ceases? to exist|(does not|doesn\'t) exist)',
  ],
  // Senses that are not the person's data, in the whole sentence.
  exclusion: [
    'автопродл|auto-renew|автомат\\S* ұзарт|ұзартылу',
    // A refusal placed after the verb, which negation marking misses: "удалять данные нельзя",
    // "стирать мою историю обучения не стоит" (unless a request follows: "..., удалите только номер").
    '(удал|стир|стер|уничтож)\\S* (\\S+ ){0,4}(нельзя|не (требуе|стоит|нужно|надо))(?![^.!?]* (удалите|сотрите|уберите|уничтожьте))',
    // Questions about the process, not requests: "смогу ли я удалить аккаунт?", "does my data get
    // deleted too?", "how do I delete my account?", "жойыла ма?".
    '(смогу|могу) ли я|удаля\\S* ли|будут ли (\\S+ )?удал|в случае удаления',
    'can i (\\S+ ){0,3}(delet|eras|remov)|how (do|can|would) i (\\S+ ){0,3}(delet|eras|remov)',
    '(does|do|will|would|is|are) (my|the|all) (\\S+ ){0,3}(get|be|been) (\\S+ )?(delet|eras|remov)|what happens (\\S+ ){0,4}(delet|eras)',
    'жоя ала(мын|мыз) ба|жойыла ма|өшіріле ме',
    // "Если мой номер есть в списках для обзвона, вычеркните его оттуда".
    '(вычеркн|исключ|убер)\\S* (\\S+ )?оттуда',
    // A duplicate payment: "удалите лишний платёж", "delete the second charge", "қайталанған төлемді жойыңыз".
    '(лишн|повторн|двойн|дубл)\\S* (\\S+ )?(плат|списан|оплат|транзакц)',
    '(duplicate|second|extra|double) (\\S+ )?(payment|charge|transaction)', '(қайталанған|артық|екінші) (\\S+ )?(төлем|ақы)',
    // Course content and other people's posts: "уберите битое видео", "кто-то спамит, удалите посты".
    'бит\\S* (видео|ссылк|файл)|broken (video|link|file)|не тот файл|wrong file|черновик|draft',
    'спамит|спам жариял|казино|casino|spamming the',
    // A course in the cart or the wishlist.
    'корзин|cart(?!\\p{L})|basket|себет|избранн|wishlist',
    // A fault report: "видео не открывается, удалите его и загрузите заново", "бейне ашылмайды".
    'не (открыва|работа|загружа|воспроизвод)|ашылмай|жұмыс істемей|(does not|doesn\'t|won\'t) (open|play|load|work)',
    // A threat: "подам жалобу и потребую стереть данные", "I will demand deletion".
    'потребу(ю|ем)|буд(у|ем) (\\S+ )?треб|(will|i\'ll) (\\S+ )?demand|талап жіберемін',
  ].join('|'),
  fuzzy: ['удалит', 'удалени', 'уничтож', 'delete', 'erase'],
};
