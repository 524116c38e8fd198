import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/domain.js';
import { createRenderer, type Renderer } from '../../src/outbox/render.js';
import { sampleVars } from '../../src/outbox/samples.js';
import { testConfig } from '../helpers/app.js';
import { launchChromium } from '../helpers/browser.js';
import { repoRoot } from '../helpers/service.js';

// The managers' digest mail in headless Chromium, in each language: it fits the 600 px column on
// a desktop and on a phone without sideways scrolling, and the bar chart's cells are drawn with
// widths proportional to the counts. A full-page screenshot per language is kept in
// test-results/ (git-ignored) for a person to look at.

const OUT = path.join(repoRoot, 'test-results');

describe('digest mail in Chromium', () => {
  let browser: Browser;
  let renderer: Renderer;

  beforeAll(async () => {
    renderer = await createRenderer(testConfig());
    browser = await launchChromium();
    mkdirSync(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it.each(LANGUAGES)('lays out in %s with a table-cell bar chart, on desktop and phone', async (lang) => {
    const vars = sampleVars().manager_digest;
    const mail = renderer.render('manager_digest', lang, vars);
    for (const viewport of [{ width: 800, height: 900 }, { width: 375, height: 800 }]) {
      const page = await browser.newPage({ viewport, javaScriptEnabled: true });
      try {
        // Nothing from the network: the mail must stand on its own.
        await page.route('**/*', (route) => route.abort());
        await page.setContent(mail.html, { waitUntil: 'load' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        const bars = await page.$$eval('td[bgcolor]', (cells) => cells.map((c) => ({ width: c.getBoundingClientRect().width, color: c.getAttribute('bgcolor') })));
        const expected = vars.bars.filter((b) => b.hasBar);
        expect(bars.map((b) => b.color)).toEqual(expected.map((b) => b.color));
        if (viewport.width >= 600) {
          bars.forEach((b, i) => expect(Math.abs(b.width - expected[i]!.width)).toBeLessThanOrEqual(1));
        } else {
          // Narrower screens may shrink the bars, but they keep their order of size.
          const widest = expected.findIndex((b) => b.width === Math.max(...expected.map((e) => e.width)));
          expect(bars[widest]!.width).toBeGreaterThan(bars[0]!.width);
        }
        expect(await page.getByText('DSR-2026-000040').first().isVisible()).toBe(true);
        await page.screenshot({ path: path.join(OUT, `digest-${lang}-${viewport.width}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    }
  });
});
