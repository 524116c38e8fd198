// A sixth batch of fresh development letters (data file), written after the last change and not
// tuned on: the final before/after comparison. Same line format as fresh-dev.ts.
export const FRESH_DEV6 = `
ru|access|Подскажите, пожалуйста, какая информация обо мне есть у вас в базе, и пришлите её копию.
ru|access|Прошу предоставить перечень всех операций с моими персональными данными за последний год.
ru|rectification|В моих данных ошибка: год рождения 1988, а не 1989. Исправьте.
ru|rectification|Смените, пожалуйста, номер телефона в аккаунте, старый больше не работает.
ru|erasure|Прошу стереть мой аккаунт вместе с перепиской и оценками.
ru|restriction|Пока проверяете мою жалобу, придержите, пожалуйста, мои данные и не передавайте их никому.
ru|portability|Хочу забрать свои данные и перенести их на платформу другого провайдера.
ru|consent_withdrawal|Отказываюсь от любых рекламных рассылок, пожалуйста, не пишите мне больше.
ru|access,consent_withdrawal|Сообщите, какие данные обо мне у вас есть, и отпишите меня от рассылки.
ru|-|Почему урок 5 не засчитался после просмотра?
ru|-|Исправьте, пожалуйста, ссылку на домашнее задание, она ведёт не туда.
ru|-|Есть ли у вас акции на курсы к Новому году?
ru|-|Можно ли поменять наставника?
kk|access|Мен туралы қандай мәлімет бар екенін және оны кімге бергеніңізді айтыңызшы.
kk|rectification|Профильдегі электронды поштамды жаңартыңыз: bota@example.com.
kk|erasure|Аккаунтымды хат-хабарларыммен бірге толық жойыңыз.
kk|restriction|Арызымды тексергенше деректерімді ешкімге бермеңіз және пайдаланбаңыз.
kk|portability|Деректерімді басқа провайдердің платформасына көшіргім келеді, экспорттап беріңіз.
kk|consent_withdrawal|Жарнамалық таратылымдардан бас тартамын, маған енді жазбаңыз.
kk|-|Бесінші сабақ неге есептелмеді?
kk|-|Жаңа жылға курстарға жеңілдік бар ма?
kk|-|Тәлімгерді ауыстыруға бола ма?
en|access|Could you tell me what information you have on me and send me a copy?
en|rectification|There's a mistake in my records: my birth year is 1988, not 1989. Please correct it.
en|rectification|Please change the phone number on my account, the old one no longer works.
en|erasure|Please erase my account together with my messages and grades.
en|restriction|While you check my complaint, please hold my data and don't share it with anyone.
en|portability|I want to take my data and move it to another provider's platform.
en|consent_withdrawal|I opt out of all advertising emails, please don't write to me again.
en|access,consent_withdrawal|Tell me what data you have about me and unsubscribe me from the newsletter.
en|-|Why wasn't lesson 5 marked as complete after I watched it?
en|-|Please fix the homework link, it goes to the wrong page.
en|-|Are there any New Year discounts on courses?
en|-|Can I change my mentor?
`;
