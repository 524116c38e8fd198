import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { LANGUAGES } from '../../src/domain.js';
import { isAppError } from '../../src/errors.js';
import { createRenderer, MAIL_TEMPLATES_DIR } from '../../src/outbox/render.js';
import { sampleVars } from '../../src/outbox/samples.js';
import { TEMPLATE_NAMES } from '../../src/outbox/templates.js';

// MJML is compiled when the renderer is made (or taken from the cache of compiled pages), never per
// mail; a broken template stops the start.

const calls = vi.hoisted(() => ({ n: 0 }));
vi.mock('mjml', async (importOriginal) => {
  const real = (await importOriginal()) as { default: (...a: unknown[]) => unknown };
  return {
    default: (...args: unknown[]) => {
      calls.n++;
      return real.default(...args);
    },
  };
});

const config = loadConfig({ APP_SECRET: 'compile-secret-compile-secret-compile-01', DATA_DIR: '/nonexistent/pd-test' });
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-mjml-cache-'));
  dirs.push(dir);
  return dir;
}

function copyTemplates(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-templates-'));
  dirs.push(dir);
  cpSync(MAIL_TEMPLATES_DIR, dir, { recursive: true });
  return dir;
}

async function startError(dir: string): Promise<string> {
  try {
    await createRenderer(config, { dir });
  } catch (err) {
    expect(isAppError(err, 'PD_TEMPLATE_MISSING'), String(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error('expected createRenderer to fail');
}

describe('template compilation', () => {
  it('compiles each template and language once, at creation', async () => {
    calls.n = 0;
    const renderer = await createRenderer(config, { cacheDir: tempDir() });
    expect(calls.n).toBe(TEMPLATE_NAMES.length * LANGUAGES.length);
    const vars = sampleVars();
    for (let i = 0; i < 100; i++) renderer.render('closing', 'ru', vars.closing);
    expect(calls.n).toBe(TEMPLATE_NAMES.length * LANGUAGES.length);
  });

  it('takes compiled pages from the cache the next time, with the same mail as a result', async () => {
    const cacheDir = tempDir();
    const first = await createRenderer(config, { cacheDir });
    calls.n = 0;
    const second = await createRenderer(config, { cacheDir });
    expect(calls.n).toBe(0);
    const vars = sampleVars();
    expect(second.render('confirm_request', 'kk', vars.confirm_request)).toEqual(first.render('confirm_request', 'kk', vars.confirm_request));
  });

  it('compiles a changed template again instead of serving the old page', async () => {
    const cacheDir = tempDir();
    const dir = copyTemplates();
    await createRenderer(config, { dir, cacheDir });
    writeFileSync(path.join(dir, 'en', 'closing.mjml'), '<mj-section><mj-column><mj-text>Changed body {{ticketNumber}}</mj-text></mj-column></mj-section>');
    calls.n = 0;
    const renderer = await createRenderer(config, { dir, cacheDir });
    expect(calls.n).toBe(1);
    expect(renderer.render('closing', 'en', sampleVars().closing).html).toContain('Changed body');
  });

  it('still starts when the cache cannot be written', async () => {
    const blocked = path.join(tempDir(), 'file');
    writeFileSync(blocked, 'not a folder');
    calls.n = 0;
    await createRenderer(config, { cacheDir: path.join(blocked, 'cache') });
    expect(calls.n).toBe(TEMPLATE_NAMES.length * LANGUAGES.length);
  });

  it('refuses to start when a template file is missing', async () => {
    const dir = copyTemplates();
    rmSync(path.join(dir, 'kk', 'closing.txt'));
    expect(await startError(dir)).toMatch(/kk\/closing\.txt/);
  });

  it('refuses to start on invalid MJML', async () => {
    const dir = copyTemplates();
    writeFileSync(path.join(dir, 'en', 'rejected.mjml'), '<mj-section><mj-column><mj-bogus>x</mj-bogus></mj-column></mj-section>');
    expect(await startError(dir)).toMatch(/en\/rejected\.mjml: MJML error/);
  });

  it('refuses to start on a template syntax error or a text file without a subject', async () => {
    const dir = copyTemplates();
    writeFileSync(path.join(dir, 'ru', 'closing.txt'), 'Subject: [{{ticketNumber}}] x\n\n{{#if note}}unclosed\n');
    expect(await startError(dir)).toMatch(/ru\/closing\.txt: \{\{#if note\}\} is never closed/);
    writeFileSync(path.join(dir, 'ru', 'closing.txt'), 'no subject line\n');
    expect(await startError(dir)).toMatch(/Subject:/);
  });

  it('refuses to start on incomplete language strings', async () => {
    const dir = copyTemplates();
    writeFileSync(path.join(dir, 'en', 'strings.json'), JSON.stringify({ locale: 'en-GB', rights: {}, workdays: { other: '#' }, none: '-' }));
    expect(await startError(dir)).toMatch(/rights\.access/);
  });
});
