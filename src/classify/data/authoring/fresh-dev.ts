// Fresh development letters (data file), written for validation only: never used for training nor
// drawn from the pools. Each line: language | rights (comma list; "-" no request; "?" a request
// naming no right) | text.
export const FRESH_DEV = `
ru|access|Добрый день. Какие сведения о моей персоне содержатся в ваших базах? Прошу ответить письменно.
ru|access|Направьте мне, пожалуйста, полный перечень сведений, которые компания собрала обо мне за время обучения.
ru|access|Хочу посмотреть всё, что вы обо мне храните — от анкеты до истории платежей.
ru|access|Подскажите, какие мои персональные данные у вас сейчас хранятся и кому вы их передавали?
ru|access|Прошу выслать мне на почту все данные моего аккаунта, которые есть у вас.
ru|rectification|В личном кабинете у меня указан старый номер, поставьте, пожалуйста, новый: +7 701 555 12 34.
ru|rectification|Фамилия в сертификате с опечаткой: вместо «Ахметова» написано «Ахмедова». Прошу исправить.
ru|rectification|Я сменил почту, прошу поменять её в профиле на ivan.petrov@example.com.
ru|erasure|Прошу полностью удалить мою учётную запись и всё, что с ней связано.
ru|erasure|Сотрите, пожалуйста, мои данные из вашей системы, я больше не пользуюсь платформой.
ru|restriction|Пока банк разбирается с моей претензией, прошу не обрабатывать мои данные, только хранить.
ru|restriction|Прошу приостановить использование моих персональных данных до окончания проверки.
ru|portability|Мне нужна выгрузка моих оценок и сертификатов в машиночитаемом формате, перехожу в другую школу.
ru|portability|Пришлите архив с моими данными в формате CSV, хочу загрузить их в другой сервис.
ru|consent_withdrawal|Я отзываю согласие на получение рекламных сообщений от вашей компании.
ru|consent_withdrawal|Отпишите меня от всех рассылок, пожалуйста, письма приходят каждый день.
ru|consent_withdrawal|Больше не звоните мне с предложениями курсов.
ru|access,erasure|Сначала пришлите копию моих данных, а после этого удалите аккаунт.
ru|rectification,consent_withdrawal|Исправьте мою фамилию на «Смирнова» и отключите, пожалуйста, рекламную рассылку.
ru|erasure,consent_withdrawal|Удалите мой профиль и прекратите присылать мне рекламу.
ru|rectification|Аккаунт удалять не нужно, просто обновите мой адрес электронной почты на anna.k@example.com.
ru|erasure|Рассылку я не отключаю, дело не в ней — удалите, пожалуйста, мои платёжные данные.
ru|-|Подскажите, сколько стоит годовая подписка и есть ли скидки для студентов?
ru|-|Не могу войти в личный кабинет, пишет «неверный пароль». Помогите, пожалуйста.
ru|-|Когда начинается следующий поток курса по аналитике данных?
ru|-|Правильно ли я понимаю, что доступ к курсу сохраняется навсегда?
ru|-|Исправьте, пожалуйста, ошибку в тесте модуля 4 — правильный ответ засчитывается как неверный.
ru|-|Обновите, пожалуйста, ссылку на вебинар, старая не открывается.
ru|-|Мне понравилась ваша рассылка про Python, а где найти прошлые выпуски?
ru|-|Скидка из рекламного письма не применилась при оплате, что делать?
ru|-|Как поменять тариф на более дешёвый?
ru|-|Где можно прочитать вашу политику обработки персональных данных?
ru|-|Домашнее задание не загружается, файл слишком большой.
ru|?|Хочу воспользоваться своими правами субъекта персональных данных, свяжитесь со мной.
kk|access|Менің жеке деректерімнің қайсысы сіздерде сақталғанын білгім келеді, тізімін жіберіңізші.
kk|access|Мен туралы жинаған ақпараттың көшірмесін электронды поштама жіберуіңізді өтінемін.
kk|access|Деректерімді кімге бергеніңізді және қанша уақыт сақтайтыныңызды хабарлаңыз.
kk|rectification|Профильдегі тегім қате жазылған, дұрысы — Сейтқали. Түзетіп беріңізші.
kk|rectification|Телефон нөмірім ауысты, жаңа нөмірді профильге енгізіңіз: +7 702 123 45 67.
kk|erasure|Аккаунтымды және барлық деректерімді біржола жойыңыз.
kk|erasure|Мен туралы мәліметтерді жүйеден өшіріп тастаңызшы.
kk|restriction|Шағымым қаралып жатқанда деректерімді өңдеуді тоқтата тұрыңыз.
kk|restriction|Тексеру аяқталғанша менің деректерімді уақытша пайдаланбаңыз.
kk|portability|Басқа мектепке көшіп жатырмын, оқу нәтижелерімді файл түрінде жіберіңіз.
kk|portability|Деректерімді CSV форматында экспорттап беріңізші.
kk|consent_withdrawal|Жарнамалық хабарламалар алуға берген келісімімді кері қайтарамын.
kk|consent_withdrawal|Мені жаңалықтар таратылымынан шығарыңызшы, хаттар күнде келеді.
kk|access,erasure|Алдымен деректерімнің көшірмесін жіберіңіз, содан кейін аккаунтты жойыңыз.
kk|rectification|Аккаунтты жоймаңыз, тек электронды поштамды жаңартыңыз: aigerim@example.org.
kk|-|Курстың бағасы қанша? Бөліп төлеуге бола ма?
kk|-|Жеке кабинетке кіре алмаймын, құпиясөз қате дейді.
kk|-|Келесі курс қашан басталады?
kk|-|Төртінші модульдегі тесттегі қатені түзетіңізші, дұрыс жауап қате деп есептеледі.
kk|-|Жарнамада көрсетілген жеңілдік төлем кезінде қолданылмады.
kk|-|Сабақтың видеосы ашылмайды, көмектесіңізші.
kk|-|Тарифті арзанырақ тарифке қалай ауыстырамын?
kk|?|Дербес деректер туралы заң бойынша құқықтарымды пайдаланғым келеді.
en|access|Could you tell me exactly which personal details of mine you hold and who they have been shared with?
en|access|I'd like a full copy of everything your company has on file about me.
en|access|Please let me see the data you keep on my account, including payment history.
en|access|Under data protection law I am requesting the personal information you process about me.
en|access|Can you email me an overview of all the information stored in my profile?
en|rectification|My surname is misspelled on my certificate, it should read "Okafor". Please amend it.
en|rectification|I moved house; please put my new address on file: 12 Elm Street.
en|rectification|Please update the phone number on my account to +1 555 0100.
en|erasure|Please close my account and delete every bit of personal data linked to it.
en|erasure|I want all my information wiped from your systems.
en|restriction|While my complaint is being investigated, please stop processing my data but keep it stored.
en|restriction|Please put the processing of my personal data on hold until the billing dispute is resolved.
en|portability|I'm switching to another learning platform. Please export my progress and certificates in a machine-readable format.
en|portability|Could you send my course data as a JSON file so I can import it elsewhere?
en|consent_withdrawal|I withdraw my consent to receive marketing emails.
en|consent_withdrawal|Please take me off your newsletter, I no longer want it.
en|consent_withdrawal|Stop calling me about new courses, I am not interested.
en|access,erasure|First send me a copy of my data, then delete my account.
en|rectification,consent_withdrawal|Fix the spelling of my name to "Maria Lopez" and unsubscribe me from promotional emails.
en|erasure|Don't bother correcting anything, just delete my profile.
en|rectification|Please don't delete my account; I only need my email updated to jo.b@example.net.
en|-|How much does the data science bootcamp cost?
en|-|I can't log in, the reset link doesn't arrive.
en|-|Is the correct answer in quiz 2 really B? I think the key is wrong.
en|-|Could you update me on when my certificate will be ready?
en|-|I loved your newsletter about career tips, where can I find older issues?
en|-|The promo code from your marketing email doesn't work at checkout.
en|-|How do I change my plan to the monthly one?
en|-|Please correct the typo in lesson 3's title, it says "Pyhton".
en|-|Can I get a discount if I enrol my whole team?
en|-|Is the course available with Kazakh subtitles?
en|?|I wish to exercise my rights regarding my personal data, please contact me.
`;
