// A second batch of fresh development letters (data file), kept apart from fresh-dev.ts so that
// a change tuned on the first batch is checked on wording it was not tuned on. Same line format.
export const FRESH_DEV2 = `
ru|access|Интересует, какие данные о моих заказах и звонках хранятся у вас. Пришлите, пожалуйста.
ru|access|Будьте добры, предоставьте информацию обо всём, что вы обо мне записали.
ru|access|Хотела бы получить копию своих персональных данных, которые вы обрабатываете.
ru|rectification|У меня изменилась фамилия после замужества, теперь я Иванова. Внесите это в профиль.
ru|rectification|В анкете неверный номер телефона, исправьте на +7 777 000 11 22.
ru|erasure|Не хочу больше иметь с вами дела, удалите меня и мои данные.
ru|erasure|Прошу уничтожить всю информацию обо мне, которую вы храните.
ru|restriction|До выяснения обстоятельств заблокируйте обработку моих персональных данных.
ru|portability|Выгрузите, пожалуйста, историю моего обучения в Excel, хочу перенести её в новую систему.
ru|consent_withdrawal|Я не хочу получать ваши рекламные SMS, отключите их.
ru|consent_withdrawal|Прошу больше не присылать мне новостную рассылку.
ru|access,rectification|Покажите, какие данные обо мне у вас есть, и поправьте неверную дату рождения.
ru|-|Можно ли оплатить курс частями?
ru|-|Исправьте, пожалуйста, расписание — занятие стоит на неправильное время.
ru|-|Почему мне не пришла рассылка с домашним заданием?
ru|-|Помогите восстановить доступ к аккаунту, не помню пароль.
ru|-|Спасибо за рекламную акцию, уже купила второй курс!
ru|-|Подскажите, где скачать сертификат в формате PDF?
kk|access|Сіздерде мен туралы қандай мәліметтер бар екенін көрсетіңізші.
kk|access|Жеке деректерімнің көшірмесін алғым келеді.
kk|rectification|Тегім өзгерді, профильдегі мәліметті жаңартыңызшы: Мұратова.
kk|erasure|Менің аккаунтымды жойып, барлық деректерімді өшіріңіз.
kk|restriction|Арызым қаралғанша деректерімді өңдеуді шектеңіз.
kk|portability|Оқу тарихымды Excel файлына экспорттаңызшы, жаңа платформаға көшемін.
kk|consent_withdrawal|Жарнамалық SMS жіберуді тоқтатыңыз, маған керек емес.
kk|-|Курсты бөліп төлеуге бола ма?
kk|-|Сабақ кестесіндегі қатені түзетіңізші, уақыт дұрыс емес.
kk|-|Аккаунтқа кіре алмай жүрмін, көмектесіңіз.
kk|-|Сертификатты PDF форматында қайдан жүктеймін?
en|access|What personal data have you got on me? I'd like to see it.
en|access|Kindly provide a copy of the personal information associated with my account.
en|rectification|My last name changed when I got married; it's now Harper. Please reflect that in my profile.
en|rectification|The date of birth on my account is wrong, it should be 4 May 1990.
en|erasure|I'd like you to permanently remove my account and everything tied to it.
en|restriction|Please freeze any use of my data until my complaint has been looked at.
en|portability|I need my learning records exported as a CSV file for my new employer's platform.
en|consent_withdrawal|I no longer want your promotional texts. Please stop them.
en|consent_withdrawal|Remove my email from your marketing list, please.
en|erasure,consent_withdrawal|Delete my data and stop sending me newsletters.
en|-|Can I pay for the course in monthly instalments?
en|-|The schedule shows the wrong time for tomorrow's class, could you fix it?
en|-|I didn't get the newsletter with this week's homework, can you resend it?
en|-|Thanks for the sale last week, I bought two courses!
en|-|Where can I download my certificate as a PDF?
en|-|My account is locked after too many login attempts.
`;
