// A fourth batch of fresh development letters (data file), written last and used only to compare
// the final candidates. Same line format as fresh-dev.ts.
export const FRESH_DEV4 = `
ru|access|Хотелось бы понять, что именно обо мне знает ваша платформа. Поделитесь, пожалуйста, этой информацией.
ru|access|Есть ли у вас мои паспортные данные? Если есть, пришлите, что именно хранится.
ru|access|Прошу дать ответ, какие персональные данные обо мне вы получили от моего работодателя.
ru|rectification|Я вышла замуж, фамилия теперь Кузьмина, а в личном кабинете старая. Поменяйте, пожалуйста.
ru|rectification|Отчество в моих данных записано как «Сергеевич», а правильно «Сергеевна».
ru|erasure|Пожалуйста, избавьтесь от всех моих данных и деактивируйте профиль навсегда.
ru|restriction|Заморозьте, пожалуйста, обработку моих данных, пока я выясняю ситуацию с оплатой.
ru|portability|Сформируйте, пожалуйста, выгрузку моих данных, чтобы я мог передать их в другую компанию.
ru|consent_withdrawal|Мне не нужны ваши акции и скидки в мессенджерах, отпишите меня.
ru|access,erasure|Прежде чем удалить мой аккаунт, покажите, какие данные вы обо мне храните.
ru|-|Где найти чек за оплату курса?
ru|-|В уроке 7 неверная формула, поправьте, пожалуйста.
ru|-|Подписалась на рассылку, но письма не приходят. Проверьте, пожалуйста.
ru|-|Хочу сменить курс на другой, это возможно?
ru|-|Здравствуйте, сайт не грузится уже второй день.
kk|access|Менің қандай дербес деректерімді өңдейтініңізді жазып жіберіңізші.
kk|rectification|Аты-жөнім сертификатта қате жазылыпты, Нұрлан деп түзетіп беріңіз.
kk|erasure|Платформадағы барлық мәліметтерімді жойып, профилімді жабыңыз.
kk|restriction|Төлем мәселесі анықталғанша деректерімді өңдеуді уақытша тоқтатыңыз.
kk|portability|Деректерімді басқа компанияға беру үшін файл түрінде жүктеп беріңізші.
kk|consent_withdrawal|Мессенджерге жарнама жібермеңіз, маған қажет емес.
kk|-|Курс төлемінің чегін қайдан табамын?
kk|-|Жетінші сабақтағы формула қате, түзетіңізші.
kk|-|Таратылымға жазылдым, бірақ хаттар келмейді.
kk|-|Сайт екі күннен бері ашылмайды.
en|access|I'd like to understand what your platform knows about me. Please share that information.
en|access|Do you hold my passport details? If so, send me what exactly is stored.
en|rectification|I got married and my surname is now Kim, but my account still shows the old one. Please change it.
en|erasure|Please get rid of all my data and deactivate my profile for good.
en|restriction|Please freeze processing of my data while I sort out the payment issue.
en|portability|Please prepare an export of my data so I can hand it over to another company.
en|consent_withdrawal|I don't need your deals and discounts on WhatsApp, unsubscribe me.
en|access,erasure|Before you delete my account, show me what data you hold about me.
en|-|Where do I find the receipt for my course payment?
en|-|The formula in lesson 7 is wrong, please fix it.
en|-|I subscribed to the newsletter but the emails never arrive. Could you check?
en|-|I'd like to switch to a different course, is that possible?
en|-|Hi, the website hasn't loaded for two days.
`;
