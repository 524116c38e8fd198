// The words for restriction: see ../lexicon.ts for how patterns are written and matched.
import type { RightLexicon } from './types.js';

// "Freeze my subscription", "поставить курс на паузу": a billing or study break, not a
// restriction of processing.
const STUDY = '(подписк|абонемент|обучени|курс|subscription|membership|course|studies|жазылым|оқу)';
// A word between that names the data or its processing keeps the sense ("обработку моих данных на курсе").
const NOT_DATA = '(?!(обработ|данн|сведен|processing|data|деректер|мәлімет|өңде))';
const NOT_STUDY = `(?<!${STUDY}\\S*( [\\p{L}-]+){0,2} )(?!\\S*( ${NOT_DATA}\\S+){0,4} ${STUDY})`;
// "Никакой блокировки", "ничего удалять или блокировать не требуется": refused, though "никакой" is
// no negation word and "не требуется" stands too far behind.
const NOT_NONE = "(?<!(никак|ничег)\\S*( [\\p{L}'-]+){0,3} )";
const NOT_NEEDED = "(?!\\S*( [\\p{L}'-]+){0,4} не (нужно|надо|нужна|требует|требуец|стоит|прошу|хочу))";
// "Уақытша бұғаттау мені қанағаттандырмайды", "a restriction is not enough": the writer wants more.
const NOT_ENOUGH =
  "(?!\\S*( [\\p{L}'-]+){0,4} (қанағаттандырма|жеткіліксіз|не устраива|не подходит|недостаточно|is not enough|isn't enough|not enough|won't do))";
/** A key stem of the right, with the senses above cut off. */
const key = (stem: string): string => `${NOT_NONE}${NOT_STUDY}${stem}${NOT_STUDY}${NOT_NEEDED}${NOT_ENOUGH}`;
// "Don't use my data for advertising" withdraws consent; it restricts nothing.
const NOT_ADS_RU = '(?!( \\S+){0,7} (\\S*реклам|маркетинг|рассыл|промо))';
const NOT_ADS_EN = '(?!( \\S+){0,6} (advertis|marketing|ads|promo|newsletter))';
// The data (or a pronoun for it) as the object of "не трогайте" / "don't touch".
const DATA_RU = '(мо\\S* )?(данн|сведен|информац|персональн|запис|их|его|ее)';
const DATA_EN = '(my |the |our |her |his |their )?(data|records|information|personal|details|profile|account|it|them)';
// Kazakh "hold / put" auxiliaries as a request ("тоқтата тұрыңыз", "бұғаттап қоюыңызды"); the
// present "ашылмай тұр" (does not open) is a complaint.
const AUX_KK = '(тұр(ың|у)|қой(ың|у)|қою)';

export const restriction: RightLexicon = {
  right: 'restriction',
  words: [
    // ru
    // Not "ограниченное предложение" (a limited offer).
    key('огранич(?!енн\\S* (\\S+ )?(предложени|акци|количеств|мест|тираж))'), key('приостан[оа]в'), key('замор[оа][зж]'), key('пауз'),
    // "старый номер заблокирован" tells what happened; "заблокируйте" / "были заблокированы" asks.
    key('(заблокир|блокир)(?!ован(а|о|ы)?(?![\\p{L}])|овал)'), '(был\\S*|будут|оставьте|остава\\S*) (\\S+ ){0,2}заблокирован',
    'придерж', 'законсервир', 'оспарива',
    // Storage only: the core of a restriction.
    '(кроме|за исключением|помимо) (\\S+ )?хранени', '(только|лишь|просто) (\\S+ )?(храните|хранение|хранить)', 'пусть (\\S+ )?хранятся',
    'хран\\S* (\\S+ ){0,3}без (\\S+ )?(использовани|обработк)', 'воздерж\\S* (\\S+ )?от (\\S+ )?(использовани|обработк|передач)',
    `не (испол\\S*зова(ть|ли|лись)|испол\\S*зуй|обрабатыва(йте|ть|ли|лись)|передава(йте|ть)|применя(йте|ть)|задейств(уйте|овать))${NOT_ADS_RU}`,
    `не трога\\S* ${DATA_RU}`, `${DATA_RU}\\S* (\\S+ )?не трога`, '(никак|ничего) не (делайте|предпринимайте) с',
    // Time frames of a pause ("пока идет проверка", "до окончания спора").
    key('временно'), 'на время(?! (\\S+ )?(отпуск|поездк|каникул|командировк|болезн|отъезд|экзамен|сесси|декрет))',
    'на (период|срок) (\\S+ )?(провер|рассмотр|разбир|спор|выясн|расслед)',
    'пока (\\S+ ){0,3}(идет|длится|провер|разбира|рассматр|спор|выясня|решаю|оспарива|за границ|жду|ожида|ведется|расслед)',
    'пока (\\S+ ){0,2}не (\\S+ )?(реш|разбер|провер|выясн|законч|заверш|рассмотр|ответ|исправ|получ|будет|будут|урегулир|уточн|установ)',
    'до (выяснени|окончани|решени|тех пор|того как|завершени|исправлени|проверк|рассмотрени|разбирательств|урегулировани|' +
      'вынесени|разрешени|отдельного|особого|дальнейш|конца (\\S+ )?(провер|разбир|рассмотр|спор|расслед|процесс|суд|дела))',
    // Translit the language check did not recognise ("zamorozte ih obrabotku").
    'zamor[oa][zj]', 'ogranich', 'priostanov',
    // kk
    key('шекте(?!у\\S* (\\S+ )?(өзгерт|көбейт|ұлғайт|арттыр|алып таста))'), key('бұғатта'), key('блокта'), 'кідірт',
    `қатыр(ып|а) (\\S+ )?${AUX_KK}`, 'мұздат', 'тек сақта', key('уақытша'),
    // "тоқтата тұрыңыз" / "тоқтатып қойыңыз": stop for now; plain "тоқтатыңыз" is often about ads.
    `(?<!(жарнама|хабарлама|тарату|хат|қоңырау)\\S* (\\S+ )?)тоқтат\\S* ${AUX_KK}`,
    // Until ("шешілгенше", typed also "аяқталғаннша"; "аяқталғанға дейін", "оған дейін"), while.
    '\\S+(ға|ге|қа|ке)н+(ша|ше)(?![\\p{L}])', '\\S+(ғанға|генге|қанға|кенге) дейін', '(оған|соған|осыған|бұған) дейін',
    '(қаралы|қарастырылы|тексерілі|шешілі|анықталы|жүріп)\\S* жатқан(да| кезде| уақытта)',
    // en
    key('restrict'), key('paus'), key('suspend'), key('(freez|froze)'), 'on hold', 'hold off',
    'halt', 'refrain from', 'lock (\\S+ ){0,2}(data|records|account|profile|information)',
    // "My card was blocked" tells what happened.
    '(block|blocking)(?![\\p{L}])', '(keep|kept|remain|stay|be|have|want|get) (\\S+ ){0,3}blocked',
    'limit (\\S+ ){0,2}(use|processing)', 'set (\\S+ )?aside', 'apart from storage', 'rather than delet',
    'only (\\S+ )?(stor(e|ed|age|ing)|keep|kept)', 'just (keep|store) (\\S+ )?(but|and) (not|don\'t|do not)',
    `(?<!i )(don't|do not|dont) (use|process)${NOT_ADS_EN}`, `(please|kindly|you) (\\S+ )?not to (use|process)${NOT_ADS_EN}`,
    `(don't|do not|dont|not to|not) touch ${DATA_EN}`, '(not|n\'t) (to )?do anything with',
    // "so my data isn't used", "make sure they are not used for anything else".
    "(isn't|aren't|is not|are not|not be|won't be|and not) (\\S+ )?(used|processed)",
    key('temporar'), 'until(?! when)', 'pending', 'for the time being', 'for that time',
    'while (my|the|this|it|its|i|we|you|her|his|they|our|their|someone|somebody|a|an) ',
  ],
  // Kazakh negative forms whose negation is the request: not using, not processing.
  refusals: [
    '(?<!(жарнама|маркетинг)\\S* (\\S+ )?)(пайдалан|қолдан)ба(ңыз|ңдар|уыңызды|уларыңызды|уды|уын)', `(пайдалан|қолдан)бай ${AUX_KK}`,
    '(?<!(жарнама|маркетинг)\\S* (\\S+ )?)өңдеме', '(өңделме|пайдаланылма|қолданылма)(сін|сын)',
    'еш(қайда|қандай|бір)\\S*( \\S+){0,2} (пайдаланба|қолданба|өңдеме)',
    // "өңдеу жүргізбей тұрыңыз", "жібермей тұрыңыз": hold off doing it (not "жоймай тұрыңыз").
    `(?!(жой|өшір))\\S+(ба|бе|па|пе|ма|ме)й тұр(ың|у)`, '(деректер|мәліметтер|ақпарат)\\S* (\\S+ ){0,2}(тиіспе|тиме)',
  ],
  guarded: [
    // "please don't use it for now", "stop processing for now"; not "that's all for now".
    { patterns: ['for now'], negatable: false, requires: '(use|using|process|touch|hold|pause|stor)' },
  ],
  // "Снимите ограничение на размер файла", "the upload limit", "the video freezes": a limit or a
  // glitch, not the person's data.
  exclusion:
    '(сним|увелич|измен|поменя|повыс|отмен)\\S* (\\S+ ){0,2}(ограничени|лимит)|ограничени\\S* (\\S+ ){0,2}(на|по) (размер|объем|врем|количеств|числ|попыт)|' +
    '(file|upload|size|time|attempt|character|word) (limit|restriction)|(remove|lift|increase|raise|extend|change) (\\S+ ){0,2}(the )?(limit|restriction)|' +
    '(video|screen|app|page|browser|player|site|website|computer|laptop)\\S* (\\S+ ){0,3}(freez|froze)|' +
    // "Delete my account; until then at least stop the newsletters": the wait is for the ads.
    '(until|оған дейін|до тех пор|до этого|пока)( \\S+){0,12} (newsletter|реклам|рассыл|жарнама|таратылым|sms|смс|marketing|ads|promo)',
  fuzzy: ['огранич', 'приостанов', 'restrict', 'suspend'],
};
