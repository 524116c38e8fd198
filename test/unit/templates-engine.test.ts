import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { compileTemplate, headerSafe, renderTemplate, type Helper } from '../../src/outbox/template-engine.js';

const helpers: Record<string, Helper> = {
  upper: (v) => String(v).toUpperCase(),
  br: (v) => ({ safe: String(v).replace(/\n/g, '<br>') }),
};
const names = new Set(Object.keys(helpers));
const html = (src: string, data: object) => renderTemplate(compileTemplate(src, 't', names), data, 'html', helpers);
const text = (src: string, data: object) => renderTemplate(compileTemplate(src, 't', names), data, 'text', helpers);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isAppError(err) ? err.code : 'other';
  }
  return undefined;
}

describe('template engine', () => {
  it('escapes values for HTML and keeps them on one line', () => {
    expect(html('<b>{{name}}</b>', { name: `<i>"O'Neil" & co</i>` })).toBe('<b>&lt;i&gt;&quot;O&#39;Neil&quot; &amp; co&lt;/i&gt;</b>');
    expect(text('{{name}}!', { name: 'a\r\nBcc: x\u0007\u202E' })).toBe('a Bcc: x!');
  });

  it('inserts values once: a value holding {{...}} is printed, not expanded', () => {
    expect(text('{{a}}', { a: '{{b}}', b: 'secret' })).toBe('{{b}}');
  });

  it('renders if/else and each with `this` and the outer scope', () => {
    const src = '{{#if xs}}{{#each xs}}[{{this}}:{{n}}]{{/each}}{{else}}none{{/if}}';
    expect(text(src, { xs: ['a', 'b'], n: 1 })).toBe('[a:1][b:1]');
    expect(text(src, { xs: [], n: 1 })).toBe('none');
    expect(text('{{#each xs}}{{id}}{{/each}}', { xs: [{ id: 1 }, { id: 2 }] })).toBe('12');
    expect(text('{{#if n}}yes{{else}}no{{/if}}', { n: 0 })).toBe('yes');
    expect(text('{{#if n}}yes{{else}}no{{/if}}', { n: null })).toBe('no');
    expect(text('{{a.b}}', { a: { b: 'deep' } })).toBe('deep');
  });

  it('drops lines that hold only a block tag', () => {
    expect(text('A\n{{#if x}}\nB\n{{/if}}\nC\n', { x: true })).toBe('A\nB\nC\n');
    expect(text('A\n  {{#if x}}\nB\n{{else}}\nD\n{{/if}}\nC\n', { x: false })).toBe('A\nD\nC\n');
  });

  it('passes values through helpers; safe output is not escaped again', () => {
    expect(html('{{upper a}}', { a: '<x>' })).toBe('&lt;X&gt;');
    expect(html('{{br a}}', { a: '1\n2' })).toBe('1<br>2');
  });

  it('refuses undefined, null and non-text values with PD_TEMPLATE_VARIABLE', () => {
    expect(code(() => text('{{a}}', {}))).toBe('PD_TEMPLATE_VARIABLE');
    expect(code(() => text('{{a.b}}', { a: {} }))).toBe('PD_TEMPLATE_VARIABLE');
    expect(code(() => text('{{a}}', { a: null }))).toBe('PD_TEMPLATE_VARIABLE');
    expect(code(() => text('{{a}}', { a: ['x'] }))).toBe('PD_TEMPLATE_VARIABLE');
    expect(code(() => text('{{#if a}}x{{/if}}', {}))).toBe('PD_TEMPLATE_VARIABLE');
    expect(code(() => text('{{#each a}}x{{/each}}', { a: 'x' }))).toBe('PD_TEMPLATE_VARIABLE');
    // Inherited properties are not variables.
    expect(code(() => text('{{toString}}', {}))).toBe('PD_TEMPLATE_VARIABLE');
  });

  it('reports syntax errors at compile time with PD_TEMPLATE_MISSING', () => {
    for (const bad of ['{{#if a}}x', '{{/if}}', '{{else}}', '{{#each a}}{{/if}}', '{{nohelper a}}', '{{a b c}}', '{{a-b}}', 'x }} y', '{{#if}}']) {
      expect(code(() => compileTemplate(bad, 'bad', names)), bad).toBe('PD_TEMPLATE_MISSING');
    }
  });

  it('makes header-safe one-liners', () => {
    expect(headerSafe(' a\r\n\tBcc: b\u0000 ')).toBe('a Bcc: b');
    expect(headerSafe('x'.repeat(300)).length).toBe(250);
  });
});
