// The words for consent_withdrawal: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';
import { MAILING } from './shared.js';

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

export const consentWithdrawal: RightLexicon = {
  right: 'consent_withdrawal',
  words: [
    'отз[ыи]ва(ю|иу|ть|ем)', 'отзов', 'отозв', 'отозван', 'отз[ыи]в согласи', 'отпис', 'отключ', 'отказыва', 'кері (қайтар|ал)', 'қайтарып ал', 'қайтарамын', 'бас тарт', 'withdraw',
    'revok', 'unsubscrib', 'opt (me )?out', 'no longer consent', 'no longer agree', 'не соглас(ен|на)',
  ],
  refusals: [
    'хватит', 'перестаньте',
    'больше не (присыл|пиш|отправл|шлит|звон)', 'прекратите (\\S+ )?(присыл|рассыл|звон|отправ|слать)', 'не присылайте',
    'қоңырау шалуды', 'доғар', 'жібермеңіз', 'жібере берме',
    'stop (sending|emailing|calling|spamming|the newsletter)', 'no more (\\S+ ){0,3}(email|message|sms|text|call)',
  ],
  guarded: [{ patterns: MARKETING_OBJECTS, negatable: false, requires: STOPS_MARKETING }],
  fuzzy: ['отзываю', 'отпишите', 'рассылк', 'реклам', 'unsubscrib', 'withdraw', 'newsletter', 'жарнама', 'таратылым'],
};
