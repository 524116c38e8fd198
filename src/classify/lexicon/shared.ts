// Words more than one right's patterns refer to.

/** Mailing lists (and call lists, "исключите мой номер из обзвона"): "удалите меня из рассылки"
 * unsubscribes, it erases nothing. */
export const MAILING = '(расс[ыи]л|списк|маркетинг|реклам|обзвон|тарату|таратылым|тізім|жарнама|mailing|newsletter|list|marketing|promo)';
