// Words more than one right's patterns refer to.

/** Mailing lists: "удалите меня из рассылки" unsubscribes, it erases nothing. */
export const MAILING = '(расс[ыи]л|списк|маркетинг|тарату|таратылым|тізім|mailing|newsletter|list)';
