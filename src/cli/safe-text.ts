// Mail text shown on a terminal. A sender controls subjects, names and addresses: C1 controls
// (U+0080-U+009F, ESC sequences on some terminals), a carriage return or a bidirectional override
// (U+202E) can redraw a line or make "evil.example" read as "elpmaxe.live". Such characters are shown
// as visible escapes (`\u202E`) instead; the text stays otherwise as written.

/** Controls (Cc), format characters (Cf: bidi marks, overrides, isolates, zero-width), line/paragraph separators. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

function escapeCodePoint(ch: string): string {
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** For multi-line text: newlines and tabs stay, every other unsafe character is escaped. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, (ch) => (ch === '\n' || ch === '\t' ? ch : escapeCodePoint(ch)));
}

/** For one field on one line (subject, name, address): newlines and tabs are escaped too. */
export function safeLine(text: string): string {
  return text.replace(UNSAFE, escapeCodePoint);
}

/**
 * JSON.stringify escapes C0 controls but writes C1, bidi and format characters as they are. They
 * can appear only inside JSON strings, so escaping them as \uXXXX (surrogate pairs beyond the BMP)
 * keeps the JSON valid and the parsed value identical.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (ch) => {
    let s = '';
    for (let i = 0; i < ch.length; i++) s += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
    return s;
  });
}
