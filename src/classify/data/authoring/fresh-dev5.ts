// A fifth batch of fresh development letters (data file), written after the last lexicon change and
// never tuned on: the final before/after comparison. Same line format as fresh-dev.ts.
export const FRESH_DEV5 = `
ru|access|Добрый день! Я хочу запросить сведения о том, какие мои данные обрабатываются вашей компанией.
ru|access|Вы храните записи моих разговоров с поддержкой? Если да, пришлите их мне.
ru|access|Прошу раскрыть, каким компаниям вы передавали мой номер телефона.
ru|rectification|Мой адрес в системе устаревший, актуальный — г. Астана, ул. Мира, 5.
ru|rectification|В профиле перепутаны имя и фамилия местами, поправьте, пожалуйста.
ru|erasure|Не хочу, чтобы мои данные оставались у вас. Удалите их, пожалуйста.
ru|erasure|Закройте мой аккаунт и сотрите историю обучения.
ru|restriction|Пока идёт разбирательство по моей жалобе, не используйте мои данные ни для чего, кроме хранения.
ru|portability|Прошу передать мои данные об обучении напрямую в школу «Пример» в электронном виде.
ru|consent_withdrawal|Заберите меня из списка рассылки, пожалуйста, письма мне не нужны.
ru|consent_withdrawal|Не согласен больше получать от вас маркетинговые звонки.
ru|rectification,erasure|Обновите мой телефон, а старую почту удалите из профиля совсем.
ru|-|Можно ли вернуть деньги за курс, который я не начинал?
ru|-|Поправьте, пожалуйста, время начала занятия в календаре.
ru|-|Пришла реклама вашего нового курса, а сколько он стоит?
ru|-|Как изменить язык интерфейса на казахский?
ru|-|Спасибо, всё получилось!
kk|access|Менің деректерімді қандай мақсатпен өңдейтініңізді түсіндіріп, көшірмесін жіберіңіз.
kk|rectification|Профильдегі мекенжайым ескі, жаңасы — Алматы, Абай көшесі, 10.
kk|erasure|Менің деректерімнің сіздерде қалғанын қаламаймын, барлығын өшіріңіз.
kk|restriction|Шағымым қаралып біткенше деректерімді тек сақтаңыз, басқа ештеңеге қолданбаңыз.
kk|portability|Оқу деректерімді электронды түрде басқа мектепке беріңізші.
kk|consent_withdrawal|Маркетингтік қоңырауларға келісімімді кері аламын.
kk|-|Курс үшін төлеген ақшамды қайтаруға бола ма?
kk|-|Күнтізбедегі сабақтың уақытын түзетіңізші.
kk|-|Интерфейс тілін қазақшаға қалай ауыстырамын?
en|access|I am writing to request information on what personal data of mine your company processes.
en|access|Do you keep recordings of my support calls? If so, please send them to me.
en|rectification|My address in your system is outdated; the current one is 5 Peace Street, Astana.
en|erasure|I don't want my data to stay with you. Please delete it.
en|restriction|While my complaint is being handled, don't use my data for anything except storage.
en|portability|Please transfer my learning data directly to Example School in electronic form.
en|consent_withdrawal|I no longer agree to receive marketing calls from you.
en|rectification,erasure|Update my phone number and remove my old email from the profile entirely.
en|-|Can I get a refund for a course I never started?
en|-|Please fix the start time of the class in the calendar.
en|-|I saw an ad for your new course, how much is it?
en|-|How do I change the interface language to Kazakh?
en|-|Thanks, it all worked!
`;
