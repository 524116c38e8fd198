// The new text of a message: what the sender wrote this time, without the quoted earlier mail and
// without the signature. A reply quoting our own acknowledgement ("Ваш запрос на удаление принят")
// must not read as a fresh erasure request, and a signature adds noise words to the model.

// Lines that open a quoted earlier message; everything from here on is old text.
const QUOTE_HEADERS: RegExp[] = [
  /^-{2,}\s*(original message|исходное сообщение|пересылаемое сообщение|forwarded message|бастапқы хабарлама|қайта жіберілген хабарлама)\s*-{2,}$/i,
  /^-{5,}$/,
  /^_{5,}$/,
  /^(begin forwarded message|начало переадресованного сообщения)\s*:?$/i,
  /^on\b.{4,300}\bwrote:$/i,
  // (JavaScript's \b knows only ASCII letters, hence the explicit space before Cyrillic words.)
  /^(.{0,300}\s)?(писал|написал|написала|пишет|писала|писал\(а\)|написал\(а\)|жазды|жазған)\s*:$/iu,
  /^.{0,200}\d{1,2}[./ ].{0,40}\d{1,2}:\d{2}.{0,200}<[^<>\s]+@[^<>\s]+>\s*:$/, // "15.01.2024, 10:00, Иван <a@b>:"
];

// Outlook-style block: a "From:" line soon followed by "Sent:"/"Date:"/"Subject:".
const OUTLOOK_FROM = /^(from|от|кімнен|кімнен жіберілді)\s*:/i;
const OUTLOOK_NEXT = /^(sent|date|to|subject|отправлено|дата|кому|тема|жіберілді|кімге|тақырыбы)\s*:/i;

const SIGNATURE_MARK = /^(--|-- |__)$/;
const MOBILE_FOOTER =
  /^(sent from my|sent from mail|get outlook for|отправлено с|отправлено из|отправлено через|с уважением, отправлено|iphone-нан жіберілді|жіберілген құрылғы)/i;
const CLOSING =
  /^(с уважением|с наилучшими пожеланиями|всего доброго|всего хорошего|best regards|kind regards|regards|best wishes|best|cheers|sincerely|yours sincerely|yours faithfully|thanks|thank you|many thanks|спасибо|заранее спасибо|заранее благодарю|благодарю|құрметпен|ізгі тілекпен|рахмет|алдын ала рахмет)[\s,.!]*([\p{L}'-]+(\s+[\p{L}.'-]+){0,3})?$/iu;
// (The separator run takes any comma and spaces before the name: a second optional ",?\s*" there
// made "regards" + 300,000 spaces + "x1" backtrack quadratically.)

/** A closing formula with a name is a short line; a longer one is text, and not worth a regex. */
const MAX_CLOSING_LINE = 200;

// A signature after a closing formula: a few short lines (name, position, phone).
const MAX_SIGNATURE_LINES = 5;
const MAX_SIGNATURE_LINE = 80;

export function newText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (isQuoteStart(line, lines[i + 1]?.trim() ?? '', lines.slice(i + 1, i + 5))) break;
    if (SIGNATURE_MARK.test(lines[i] ?? '') || MOBILE_FOOTER.test(line)) break;
    if (line.startsWith('>')) continue;
    kept.push(lines[i] ?? '');
  }
  return trimBlank(cutSignature(kept)).join('\n');
}

function isQuoteStart(line: string, next: string, following: string[]): boolean {
  if (line === '') return false;
  if (QUOTE_HEADERS.some((re) => re.test(line))) return true;
  // Headers wrapped over two lines: "On Mon, ... John <" / "john@example.com> wrote:".
  if (next !== '' && QUOTE_HEADERS.some((re) => re.test(`${line} ${next}`)) && /wrote:|:$/.test(next)) {
    return /^(on\b|\d|.*(писал|написал|жазды))/i.test(line);
  }
  if (OUTLOOK_FROM.test(line)) return following.some((l) => OUTLOOK_NEXT.test(l.trim()));
  return false;
}

/** Cut at a closing formula ("С уважением,") when only a short signature block follows it. */
function cutSignature(lines: string[]): string[] {
  const last = lastNonBlank(lines);
  for (let i = Math.max(0, last - MAX_SIGNATURE_LINES); i <= last; i++) {
    const line = (lines[i] ?? '').trim();
    if (line.length > MAX_CLOSING_LINE || !CLOSING.test(line)) continue;
    const after = lines.slice(i + 1, last + 1).filter((l) => l.trim() !== '');
    if (after.length <= MAX_SIGNATURE_LINES - 1 && after.every((l) => l.trim().length <= MAX_SIGNATURE_LINE)) {
      return lines.slice(0, i);
    }
  }
  return lines;
}

function lastNonBlank(lines: string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if ((lines[i] ?? '').trim() !== '') return i;
  return -1;
}

function trimBlank(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines.slice(start, end);
}

const FORWARD_MARK =
  /^(-{2,}\s*(пересылаемое сообщение|forwarded message|қайта жіберілген хабарлама)\s*-{2,}|begin forwarded message:?|начало переадресованного сообщения:?)$/i;
const HEADER_LINE = /^(from|to|cc|date|sent|subject|от|кому|копия|дата|тема|отправлено|кімнен|кімге|күні|тақырыбы)\s*:/i;
const SUBJECT_LINE = /^(subject|тема|тақырыбы)\s*:/i;

/** The body of a forwarded message whose header names a subject (an earlier letter the sender
 * sends again: "Пересылаю, первое письмо ушло не на тот адрес"), or null when there is none. */
export function forwardedLetter(text: string): string | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const mark = lines.findIndex((l) => FORWARD_MARK.test(l.trim()));
  if (mark < 0) return null;
  let i = mark + 1;
  let hasSubject = false;
  while (i < lines.length && (HEADER_LINE.test((lines[i] ?? '').trim()) || (lines[i] ?? '').trim() === '')) {
    if (SUBJECT_LINE.test((lines[i] ?? '').trim())) hasSubject = true;
    i++;
  }
  if (!hasSubject) return null;
  const body = newText(lines.slice(i).join('\n'));
  return body.trim() === '' ? null : body;
}
