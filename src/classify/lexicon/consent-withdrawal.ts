// The words for consent_withdrawal: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';
import { MAILING } from './shared.js';

// Marketing words ("рассылка", "newsletter") and the channels and offers marketing comes through
// (SMS, calls, push, "скидки", "offers") withdraw consent only next to a word that stops or refuses
// them: "the promo code from your marketing email does not work", "есть ли скидка студентам?",
// "call me back" ask for nothing. Translit drops soft signs and writes "и" for "ы" ("рассилок").
const MARKETING_OBJECTS = [
  'расс?[ыи]л(к|ок)', 'реклам', 'маркетинг', 'промо', 'распродаж', 'подписк(у|и)? на (\\S+ )?(рассыл|новост)', 'спам',
  'смс', 'sms', 'звон', 'обзвон', 'названива', 'предложени', 'скидк', 'акци', 'уведомлени', 'пуш', 'push', 'ватсап',
  'вотсап', 'whatsapp', 'телеграм', 'дайджест',
  'жарнама', 'таратылым', 'тарату', 'жазылым(ыма|ымды|нан)', 'қоңырау', 'ұсыныс', 'жеңілдік',
  'newsletter', 'marketing', 'promo', 'advert', 'ads', 'spam', 'mailing', 'offers', 'deals', 'discount', 'calls', 'texts',
  'text messages', 'notification', 'telegram', 'digest',
];
// Not a stop: spam someone posts in a forum or chat (moderation, no mail of ours), a mailing the
// writer says they like ("отписывать не надо, рассылка мне нравится"), "до отдельного уведомления".
const NOT_OURS_OR_LIKED =
  'форум|чат|пост(ы|ов|ит)|комментари|forum|chat|comments|posts|' +
  'нрав|полезн|пайдалы|still want|i (like|enjoy)|до (\\S+ )?уведомлени';
const STOPS_MARKETING =
  'прек(?!расн)|перестан|чтобы (\\S+ )?перестал|отмен|хватит|отпи[сш]|отключ|отказ|отз[ыо]в|убер|убра|исключ|вычеркн|удал|' +
  'не (присыл|отправл)(?!ает|яет|ают|яют)|не пиш(?!ет)|не шл|не звон|не переда|не использ|не над|не нуж|' +
  'не хочу|не желаю|не подпис|не интерес|' +
  // "больше не приходят письма" reports a fault.
  'боль?ше никак|боль?ше не(?! (\\S+ )?(приход|присылает|присылают|получаю|работает))|' +
  'соглас\\S* (\\S+ ){0,3}не дава|не дава\\S* (\\S+ )?(соглас|разреш)|без (\\S+ )?(соглас|спрос|разрешени)|' +
  'надоел|достал|зачем|сколько можно|возража|против|' +
  // "жібермеңіз" is often typed without its і or with letters swapped; "Xуды қойыңыз" is "stop X-ing".
  // A Kazakh verb negated by its suffix refuses the stop: "жазылымнан шығармаңыз".
  'тоқтат(?!па)|доғар(?!ма)|жі?берме|жібере берме|бермеңіз|келмейтін|келмесін|хабарласпа|шалма|шығар(?!ма)|шыққым|шығамын|' +
  '\\S+[уы](ды|ді) қой|алып таста(?!ма)|алғым келмейді|жазылма|жазылған жоқ|қажет емес|керек емес|жой(?!ма)|өшір(?!ме)|' +
  'бас тарт(?!па)|қайтар(?!ма)|мазала|қарсы|' +
  // "opt", not "option".
  'stop|cease|unsubscrib|opt(?!i)|take me off|remove|exclud|object|no more|no longer|sick of|fed up|tired of|' +
  'not interested|withdraw|delete|cancel|turn off|off (your|the|all|my)|' +
  '(don|do not|didn|did not|never)\\S*( \\S+){0,2} (want|wish|send|need|ask|share|pass|give|sell|use|call|text|contact)|' +
  'not (\\S+ ){0,2}(want|wish)|without (\\S+ )?(consent|permission)|never (agreed|consented|gave|signed up|subscribed)';

// Taking consent back in so many words: these verbs mean it only with consent in the sentence
// ("забрать деньги обратно" is a refund, "жарамсыз" may be a voucher).
const TAKE_BACK = [
  '(беру|берем|забрать|взять) (\\S+ )?(назад|обратно)', 'забира(ю|ем)', 'аннулир', 'недействительн', 'отмен',
  'кері шақыр(?!ма)', 'жарамсыз', 'күшін жой',
  'take (\\S+ ){0,2}back', 'cancel', 'rescind', 'retract', 'invalid',
];
// "согласи", not "соглас": "согласно закону" is no consent.
const CONSENT = 'согласи|разрешени|келісім|рұқсат|consent|permission';

// The consent checkbox in the profile: "снимите галочку «согласен на рекламу»". Not the
// auto-renewal one.
const UNTICK = ['сними\\S* (\\S+ ){0,2}(галочк|отметк)', 'убери\\S* (\\S+ ){0,2}галочк', 'untick', 'uncheck'];
const CONSENT_OR_MARKETING = 'согласи|согласен|реклам|рассыл|маркетинг|келісім|жарнама|consent|marketing|newsletter';

// "Исключите меня из списка", "вычеркните мой номер из списков для обзвона", "тізімнен
// шығарыңыз": the list is the mailing list. The verb carries the mention (an "если" clause may
// hold the list); a "список третьих лиц" is access and has no such verb.
const OFF_THE_LIST = [
  'исключи', 'вычеркн', 'убери', 'убрать', 'шығар(?!ма)', 'алып таста(?!ма)', 'remove (me|my \\S+) from', 'take me off',
];
const LIST = 'спис(ок|ка|ках|ке|ков)|тізім|list(?!en)|обзвон|' + MAILING;

export const consentWithdrawal: RightLexicon = {
  right: 'consent_withdrawal',
  words: [
    'отз[ыи]ва(ю|иу|ть|ем)', 'отзов', 'отозв', 'отозван', 'отз[ыи]в\\S* (\\S+ ){0,2}согласи',
    // "отпишите" has ш for с. In "отписывать меня от новостей не надо" the negation comes too late
    // for words.ts to see.
    'отпи[сш](?!\\S*( \\S+){0,3} не (надо|нужно))', 'отказыва', 'откаж(усь|емся|итесь)',
    'не соглас(ен|на)', 'боль?ше не соглас', 'не да(ю|ем) (\\S+ )?(сво\\S+ )?согласи', 'согласи\\S* (\\S+ )?не да(ю|ем)',
    // Kazakh negates the last verb ("қайтарып алмаймын", "алып жатқан жоқпын"), not the first;
    // "алсам", "алатын болсам" are conditions.
    'кері (қайтар|ал(?!ма|са))', 'қайтарып ал(?!ма|са|ып жатқан жоқ|атын болса)', 'қайтарамын', 'бас тарт(?!па)',
    'withdraw', 'revok', 'unsubscrib', 'opt(ing)? (- )?(me )?out', 'no longer (consent|agree)', '(do not|don\'t) consent',
  ],
  refusals: [
    'хватит', 'перестаньте',
    // Not "бот больше не присылает напоминания".
    'боль?ше не (присылай|присылать|пишите|писать|отправляйте|отправлять|шлите|слать|звоните|звонить|передава(йте|ть))',
    'прекратите (\\S+ )?(присыл|рассыл|звон|отправ|слать)', 'не присылайте',
    '(не хочу|не желаю) (\\S+ ){0,2}(получать|получени)', '(боль?ше )?не беспокои(ть)?|не беспокойте(?!сь)',
    'қоңырау шалуды', 'қоңырау (\\S+ )?шалма', 'хабарласпа', 'мазаламаңыз', 'доғар', 'жібермеңіз', 'жібере берме',
    'stop(ped)? (\\S+ )?(send|email|mail|call|ring|spam|text|messag|contact|bother|pester|the newsletter)',
    'stop (\\S+ ){0,3}(e - mails|emails|mails|messages|letters|sms|texts|calls|newsletters?|spam|ads|promo)',
    'cease (\\S+ )?(send|email|mail|call|text|messag|contact|market|us)', 'take me off',
    'no more (\\S+ ){0,3}(e - mail|email|message|sms|text|call|news|letter|offer|ads|promo)',
    '(not|n\'t|no longer) (\\S+ )?(want|wish) to (receive|get) (\\S+ ){0,2}' +
      '(e - mails|emails|mails|messages|letters|sms|texts|calls|newsletters?|offers|ads|promo)',
    '(do not|don\'t|never) (\\S+ )?(contact|call|text|e - mail|email|message|spam) (me|us) (again|any ?more|ever)',
    'object\\S* to (\\S+ )?(receiv|market|advert|promo|being (contacted|called))',
  ],
  guarded: [
    // "Отключите (и удалите) аккаунт" closes the account; "отключите автопродление" is billing.
    { patterns: ['отключ'], negatable: true, unless: 'аккаунт|учетн|профил|автопродл|продлени|оплат|account|renew' },
    { patterns: MARKETING_OBJECTS, negatable: false, requires: STOPS_MARKETING, unless: NOT_OURS_OR_LIKED },
    { patterns: TAKE_BACK, negatable: true, requires: CONSENT },
    { patterns: UNTICK, negatable: true, requires: CONSENT_OR_MARKETING },
    { patterns: OFF_THE_LIST, negatable: true, requires: LIST },
  ],
  // "отписаться" whole: its stem one letter off is "описать". No marketing objects ("рассылк",
  // "newsletter"): a misspelt one would count without the stop word the spelt one needs.
  fuzzy: ['отзываю', 'отпишите', 'отписаться', 'отключите', 'перестаньте', 'хватит', 'unsubscrib', 'withdraw'],
};
