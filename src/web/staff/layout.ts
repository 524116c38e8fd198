import { LANGUAGES, type Language } from '../../domain.js';
import { esc, pageHead } from '../html.js';
import { fill } from '../pages/render.js';
import { BOARD_COPY, type BoardCopy } from './copy.js';
import type { Flash } from './flash.js';
import type { StaffSession } from './session.js';

// The board's page shell: language switch, navigation and the two sign-out forms, one
// stylesheet from our origin, no script (the CSP allows none). Everything dynamic is escaped.

export type BoardSection = 'dashboard' | 'queue' | 'quarantine' | 'ticket' | 'signin';

export interface ShellInput {
  lang: Language;
  orgName: string;
  title: string;
  section: BoardSection;
  /** Absent on the sign-in pages. */
  session?: StaffSession;
  /** Already worded and escaped (flash.ts). */
  flash?: Flash;
  body: string;
}

export function copyFor(lang: Language): BoardCopy {
  return BOARD_COPY[lang];
}

/** A hidden CSRF field for a form of this session. */
export function csrfField(session: StaffSession): string {
  return `<input type="hidden" name="csrf" value="${esc(session.csrf)}">`;
}

export function renderShell(input: ShellInput): string {
  const c = copyFor(input.lang);
  const nav = input.session ? renderNav(c, input.section, input.session) : '';
  // A refusal is an alert (read out at once); a done action a status.
  const flash = input.flash
    ? `<p class="flash flash-${input.flash.tone}" role="${input.flash.tone === 'error' ? 'alert' : 'status'}" data-flash="${input.flash.tone}">${input.flash.html}</p>`
    : '';
  return `${pageHead(input.lang, `${esc(input.title)} · ${esc(c.board)} · ${esc(input.orgName)}`, '/assets/board.css')}
<body class="board">
<a class="skip" href="#main">${esc(c.skip)}</a>
<header class="top">
<p class="brand">${esc(input.orgName)} · ${esc(c.board)}</p>
${renderLanguageSwitch(input.lang, c.langSwitch)}
${nav}
</header>
<main id="main" data-section="${esc(input.section)}">
${flash}
<h1>${esc(input.title)}</h1>
${input.body}
</main>
</body>
</html>
`;
}

function renderNav(c: BoardCopy, section: BoardSection, session: StaffSession): string {
  const link = (href: string, s: BoardSection, label: string) =>
    `<li><a href="${href}"${s === section ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`;
  return `<nav class="main-nav" aria-label="${esc(c.board)}">
<ul>
${link('/staff', 'dashboard', c.nav.dashboard)}
${link('/staff/tickets', 'queue', c.nav.queue)}
${link('/staff/quarantine', 'quarantine', c.nav.quarantine)}
</ul>
<p class="who">${fill(c.nav.signedInAs, { email: session.email })}</p>
<form method="post" action="/staff/logout" class="inline">${csrfField(session)}<button type="submit" class="link">${esc(c.nav.signOut)}</button></form>
<form method="post" action="/staff/logout/everywhere" class="inline">${csrfField(session)}<button type="submit" class="link">${esc(c.nav.signOutEverywhere)}</button></form>
</nav>`;
}

/** Query-only links (`?lang=kk`): the same page; the choice is remembered in a cookie. */
function renderLanguageSwitch(current: Language, label: string): string {
  const items = LANGUAGES.map((l) =>
    l === current
      ? `<span aria-current="true" lang="${l}">${esc(BOARD_COPY[l].langName)}</span>`
      : `<a href="?lang=${l}" hreflang="${l}" lang="${l}">${esc(BOARD_COPY[l].langName)}</a>`,
  );
  return `<nav class="langs" aria-label="${esc(label)}">${items.join(' ')}</nav>`;
}
