import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config.js';
import { LANGUAGES } from '../../src/domain.js';
import { createRenderer } from '../../src/outbox/render.js';
import { sampleVars } from '../../src/outbox/samples.js';
import { TEMPLATE_NAMES, type TemplateName, type TemplateVars } from '../../src/outbox/templates.js';

// Mail rendering throughput: how many complete mails (subject + HTML + text) per second the
// renderer fills, per template (all three languages in turn) and over the whole mix. MJML
// compilation happens once at start (or comes from the cache) and is reported separately.

const PER_TEMPLATE_MS = 400;
const OVERALL_MS = 1500;

export async function run(): Promise<Array<Record<string, unknown>>> {
  const config = loadConfig({ APP_SECRET: 'bench-secret-bench-secret-bench-secret-01', DATA_DIR: '/nonexistent/pd-bench' });
  // compile_ms: MJML on every page (an empty cache); cached_start_ms: the same pages from the cache
  // of compiled pages (mjml-cache.ts), as every later start and command finds them.
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'pd-bench-mjml-'));
  const t0 = performance.now();
  await createRenderer(config, { cacheDir });
  const compileMs = performance.now() - t0;
  const t1 = performance.now();
  const renderer = await createRenderer(config, { cacheDir });
  const cachedMs = performance.now() - t1;
  rmSync(cacheDir, { recursive: true, force: true });
  const vars = sampleVars();
  const renderOne = <N extends TemplateName>(name: N, i: number) =>
    renderer.render(name, LANGUAGES[i % LANGUAGES.length]!, vars[name] as TemplateVars[N]);

  const figures: Array<Record<string, unknown>> = [
    { metric: 'compile_ms', templates: TEMPLATE_NAMES.length * LANGUAGES.length, value: round(compileMs) },
    { metric: 'cached_start_ms', templates: TEMPLATE_NAMES.length * LANGUAGES.length, value: round(cachedMs) },
  ];

  // Warm-up: JIT and Intl caches, so the first template measured is not penalised.
  for (let i = 0; i < 300; i++) renderOne(TEMPLATE_NAMES[i % TEMPLATE_NAMES.length]!, i);

  for (const name of TEMPLATE_NAMES) {
    const { count, ms, bytes } = measure(PER_TEMPLATE_MS, (i) => renderOne(name, i));
    figures.push({ metric: 'mails_per_second', template: name, value: round((count * 1000) / ms), renders: count, avgHtmlBytes: Math.round(bytes / count) });
  }
  const all = measure(OVERALL_MS, (i) => renderOne(TEMPLATE_NAMES[i % TEMPLATE_NAMES.length]!, Math.floor(i / TEMPLATE_NAMES.length)));
  figures.push({ metric: 'mails_per_second', template: 'all', value: round((all.count * 1000) / all.ms), renders: all.count });
  return figures;
}

function measure(budgetMs: number, fn: (i: number) => { html: string }): { count: number; ms: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  const start = performance.now();
  let now = start;
  // Check the clock every 50 renders: reading it costs about as much as a small render.
  while (now - start < budgetMs) {
    for (let k = 0; k < 50; k++) bytes += fn(count++).html.length;
    now = performance.now();
  }
  return { count, ms: now - start, bytes };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
