// Text from mail shown on a terminal: control characters could move the cursor, retitle the window
// or hide text, and bidirectional overrides can make a line read differently from what it holds.
// Each is shown as a visible `\uXXXX` escape instead.

// C0 controls and DEL, C1 controls, the bidi marks, embeddings, overrides and isolates, and the
// Unicode line and paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

export function safeText(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
