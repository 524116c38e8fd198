// A third batch of fresh development letters (data file), for checking a change on wording it was
// not tuned on. Same line format as fresh-dev.ts.
export const FRESH_DEV3 = `
ru|access|Здравствуйте! Прошу сообщить, какую информацию обо мне получили ваши партнёры и когда.
ru|access|Какие у вас есть записи обо мне? Хочу их увидеть.
ru|rectification|В профиле до сих пор девичья фамилия, замените на Серикову, пожалуйста.
ru|rectification|Почта указана с ошибкой: надо marat.s@example.com, а не marat.c@example.com.
ru|erasure|Удалите мою страницу на платформе вместе со всеми данными.
ru|restriction|Прошу ограничить обработку моих данных, пока не решится вопрос с возвратом.
ru|portability|Нужен файл со всеми моими результатами, чтобы загрузить их в систему нового работодателя.
ru|consent_withdrawal|Хватит слать мне письма о скидках, я от них устал.
ru|consent_withdrawal|Прошу отозвать моё согласие на обработку данных в маркетинговых целях.
ru|access,portability|Хочу знать, что вы обо мне храните, и получить всё это в формате JSON.
ru|-|Обновите, пожалуйста, материалы курса — в уроке 2 устаревшая версия библиотеки.
ru|-|Подскажите, есть ли у вас рассылка для преподавателей? Хочу подписаться.
ru|-|Неверно посчитали баллы за экзамен, проверьте, пожалуйста.
ru|-|Сколько стоит продление доступа на год?
ru|-|Не приходит код подтверждения по SMS при входе.
kk|access|Менің деректерімді үшінші тұлғаларға бердіңіздер ме? Білгім келеді.
kk|rectification|Профильдегі туған күнім қате, 1995 жылғы 3 наурыз деп түзетіңіз.
kk|erasure|Аккаунтымды өшіріңізші, енді керек емес.
kk|restriction|Мәселе шешілгенше деректерімді қолданбаңыз.
kk|portability|Барлық бағаларым мен сертификаттарымды басқа платформаға көшіру үшін жүктеп беріңіз.
kk|consent_withdrawal|Жаңалықтар таратылымынан бас тартамын.
kk|-|Курс материалдарын жаңартыңызшы, екінші сабақтағы мысалдар ескірген.
kk|-|Емтихан баллы қате есептелген сияқты, тексеріңізші.
kk|-|Жылдық жазылым қанша тұрады?
en|access|Please confirm whether you are processing my personal data and, if so, provide me with a copy.
en|access|I'd like to know what records you keep about me and how long you retain them.
en|rectification|You have my old address on file; my new one is 45 Oak Road, Springfield.
en|rectification|Please correct my first name, it's Aigerim, not Aigrim.
en|erasure|Get rid of my account and all personal information you hold.
en|restriction|Please restrict processing of my data while you check whether it's accurate.
en|portability|I'm leaving for another school; please transfer my grades and certificates to them in a standard format.
en|consent_withdrawal|Please opt me out of all marketing communications.
en|consent_withdrawal|I'm tired of your promotional emails, stop them please.
en|-|Please update the course materials, the examples in lesson 2 are outdated.
en|-|My exam score seems to be calculated incorrectly, could you check?
en|-|Do you have a newsletter for teachers? I'd like to subscribe.
en|-|How much is a one-year extension?
en|-|I'm not getting the SMS verification code when I log in.
`;
