import { AppError } from '../errors.js';

// A small logic-light template language for mail, parsed once and rendered many times:
//
//   {{path}}                  a value on one line, escaped for the output (HTML or plain text)
//   {{helper path}}           a value through a named helper (date, url, right, ...)
//   {{#if path}}..{{else}}..{{/if}}    true unless null, false, '' or an empty list (0 is a value)
//   {{#each path}}..{{/each}}          repeats with the item as the innermost scope; `this` is the item
//
// It is strict on purpose: a variable that is undefined (or null where a value is printed) is
// PD_TEMPLATE_VARIABLE, so a raw placeholder or an empty gap can never reach a recipient. Values
// are inserted in one pass, so a value that itself contains `{{` is printed, never expanded.
// A line holding only a block tag disappears with its line break (as in Mustache), so plain-text
// templates can put tags on their own lines.

export type Mode = 'html' | 'text';

export type Node =
  | { kind: 'text'; value: string }
  | { kind: 'value'; helper: string | null; path: string[]; tag: string }
  | { kind: 'if'; path: string[]; tag: string; then: Node[]; otherwise: Node[] }
  | { kind: 'each'; path: string[]; tag: string; body: Node[] };

export interface CompiledTemplate {
  /** For error messages: e.g. `ru/acknowledgement.mjml`. */
  name: string;
  nodes: Node[];
}

/** Markup a helper has already made safe for the output mode (e.g. escaped text with `<br>`). */
export interface Safe {
  safe: string;
}

export type Helper = (value: unknown, mode: Mode) => string | Safe;

const TAG = /\{\{([^{}]*)\}\}/g;
const STANDALONE = /^[ \t]*(\{\{\s*(?:#(?:if|each)\s[^{}]*|(?:else|\/(?:if|each))\s*)\}\})[ \t]*\r?\n/gm;
const PATH = /^(?:this|[A-Za-z_]\w*)(?:\.[A-Za-z_]\w*)*$/;

/** Parses a template; syntax errors and unknown helpers are PD_TEMPLATE_MISSING naming the file. */
export function compileTemplate(source: string, name: string, helpers: ReadonlySet<string>): CompiledTemplate {
  const src = source.replace(STANDALONE, '$1');
  const fail = (why: string): never => {
    throw new AppError('PD_TEMPLATE_MISSING', `${name}: ${why}`);
  };
  const root: Node[] = [];
  const stack: Array<{ node: Extract<Node, { kind: 'if' | 'each' }>; inElse: boolean }> = [];
  const target = (): Node[] => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    if (top.node.kind === 'each') return top.node.body;
    return top.inElse ? top.node.otherwise : top.node.then;
  };
  const parsePath = (raw: string, tag: string): string[] => {
    if (!PATH.test(raw)) fail(`bad variable name in {{${tag}}}`);
    return raw.split('.');
  };

  let last = 0;
  for (const m of src.matchAll(TAG)) {
    if (m.index > last) target().push({ kind: 'text', value: src.slice(last, m.index) });
    last = m.index + m[0].length;
    const tag = (m[1] ?? '').trim();
    const [head = '', ...rest] = tag.split(/\s+/);
    if (head === '#if' || head === '#each') {
      if (rest.length !== 1) fail(`{{${tag}}} takes one variable`);
      const path = parsePath(rest[0]!, tag);
      const node: Extract<Node, { kind: 'if' | 'each' }> =
        head === '#if'
          ? { kind: 'if', path, tag, then: [], otherwise: [] }
          : { kind: 'each', path, tag, body: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (head === 'else') {
      const top = stack[stack.length - 1];
      if (!top || top.node.kind !== 'if' || top.inElse) fail('{{else}} outside {{#if}}');
      top!.inElse = true;
    } else if (head === '/if' || head === '/each') {
      const top = stack.pop();
      if (!top || `/${top.node.kind}` !== head) fail(`{{${tag}}} does not close an open block`);
    } else if (rest.length === 0) {
      target().push({ kind: 'value', helper: null, path: parsePath(head, tag), tag });
    } else if (rest.length === 1) {
      if (!helpers.has(head)) fail(`unknown helper "${head}" in {{${tag}}}`);
      target().push({ kind: 'value', helper: head, path: parsePath(rest[0]!, tag), tag });
    } else {
      fail(`cannot read {{${tag}}}`);
    }
  }
  if (last < src.length) target().push({ kind: 'text', value: src.slice(last) });
  const open = stack[stack.length - 1];
  if (open) fail(`{{${open.node.tag}}} is never closed`);
  if (/\{\{|\}\}/.test(collectText(root))) fail('stray {{ or }} outside a tag');
  return { name, nodes: root };
}

function collectText(nodes: Node[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.value;
    else if (n.kind === 'if') out += collectText(n.then) + collectText(n.otherwise);
    else if (n.kind === 'each') out += collectText(n.body);
  }
  return out;
}

/** Renders with `data` as the outer scope. Helpers get the raw value; their strings are escaped. */
export function renderTemplate(
  t: CompiledTemplate,
  data: object,
  mode: Mode,
  helpers: Readonly<Record<string, Helper>>,
): string {
  const missing = (tag: string, why: string): never => {
    throw new AppError('PD_TEMPLATE_VARIABLE', `${t.name}: {{${tag}}} ${why}`);
  };

  const lookup = (scopes: unknown[], path: string[], tag: string): unknown => {
    let value: unknown;
    const [first, ...rest] = path as [string, ...string[]];
    if (first === 'this') {
      value = scopes[scopes.length - 1];
    } else {
      for (let i = scopes.length - 1; i >= 0; i--) {
        const s = scopes[i];
        if (isRecord(s) && Object.hasOwn(s, first)) {
          value = s[first];
          break;
        }
      }
    }
    for (const key of rest) {
      value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
    }
    if (value === undefined) missing(tag, 'is undefined');
    return value;
  };

  const walk = (nodes: Node[], scopes: unknown[]): string => {
    let out = '';
    for (const n of nodes) {
      switch (n.kind) {
        case 'text':
          out += n.value;
          break;
        case 'value': {
          const v = lookup(scopes, n.path, n.tag);
          if (n.helper) {
            const helper = helpers[n.helper];
            if (!helper) missing(n.tag, 'uses a helper that is not defined');
            const r = helper!(v, mode);
            out += typeof r === 'string' ? escapeFor(r, mode) : r.safe;
          } else if (typeof v === 'string' || typeof v === 'number') {
            out += escapeFor(String(v), mode);
          } else {
            missing(n.tag, v === null ? 'is null (guard it with {{#if}})' : 'is not text; use a helper');
          }
          break;
        }
        case 'if': {
          const v = lookup(scopes, n.path, n.tag);
          out += walk(truthy(v) ? n.then : n.otherwise, scopes);
          break;
        }
        case 'each': {
          const v = lookup(scopes, n.path, n.tag);
          if (!Array.isArray(v)) missing(n.tag, 'is not a list');
          for (const item of v as unknown[]) out += walk(n.body, [...scopes, item]);
          break;
        }
      }
    }
    return out;
  };

  return walk(t.nodes, [data]);
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== false && v !== '';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// C0/C1 controls except tab and line feed, and bidirectional overrides that can disguise text.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as it may appear in a mail body: line breaks normalised, control characters removed. */
export function cleanText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A value on one line, escaped for the mode. Names, addresses and subjects never break lines, so a
 * hostile name cannot forge paragraphs ("Bcc: ..."); multi-line text goes through the `lines` helper.
 */
export function escapeFor(s: string, mode: Mode): string {
  const clean = oneLine(s);
  return mode === 'html' ? escapeHtml(clean) : clean;
}

export function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '').replace(/ {2,}/g, ' ');
}

/** One header line: no CR/LF or other controls (no header injection), whitespace collapsed. */
export function headerSafe(s: string, maxLength = 250): string {
  const one = oneLine(s).trim();
  return one.length > maxLength ? `${one.slice(0, maxLength - 1).trimEnd()}…` : one;
}
