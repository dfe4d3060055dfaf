import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { toHast } from 'mdast-util-to-hast';
import { chromium as playwright } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

/**
 * What readers see: the READMEs built from the repository's templates (with a small list), turned
 * into HTML the way GitHub shows Markdown (raw HTML kept), opened in headless Chromium from where
 * GitHub resolves their relative links, the repository root. The structure figure must load.
 * No browser, no pass: this test fails rather than skips when Chromium cannot start.
 */
describe('the READMEs in a browser', () => {
  it('show the structure figure (1123×651, with alt text) and no broken local image', { timeout: 180_000 }, async () => {
    const dir = tempDir('readme-figure-');
    const list = join(ROOT, 'tests', 'fixtures', 'lint', 'anchor', 'pass');
    for (const name of ['categories.yaml', 'news.yaml', 'papers']) cpSync(join(list, name), join(dir, 'data', name), { recursive: true });
    for (const name of ['templates', 'assets', '.github']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
    const build = runCli('build-readme', ['--data', 'data', '--pages', 'never'], { cwd: dir });
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);

    // Not --single-process (a Lambda setting of these args): in a test worker it dies with SIGTRAP on the first page.
    const args = [...chromium.args.filter((arg) => arg !== '--single-process'), '--no-sandbox'];
    const browser = await playwright.launch({ executablePath: await chromium.executablePath(), args, headless: true });
    try {
      for (const readme of ['README.md', 'README_zh.md']) {
        const body = toHast(parseMarkdown(readFileSync(join(dir, readme), 'utf8')), { allowDangerousHtml: true });
        const page = h(null, [{ type: 'doctype' }, h('html', [h('head', [h('meta', { charset: 'utf-8' })]), h('body', [h('article', [body])])])]);
        const html = join(dir, readme.replace(/\.md$/, '.html'));
        writeFileSync(html, toHtml(page, { allowDangerousHtml: true }));
        const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await tab.goto(`file://${html}`);
        await tab.waitForFunction('[...document.images].every((image) => image.complete)');
        const images = await tab
          .locator('img')
          .evaluateAll((found) =>
            (found as unknown as { getAttribute(name: string): string | null; naturalWidth: number; naturalHeight: number; alt: string }[]).map((image) => ({
              src: image.getAttribute('src'),
              width: image.naturalWidth,
              height: image.naturalHeight,
              alt: image.alt !== '',
            })),
          );
        expect(images.filter((image) => !/^https?:/.test(image.src ?? '')), readme).toEqual([{ src: 'assets/paper-structure.jpg', width: 1123, height: 651, alt: true }]);
        await tab.close();
      }
    } finally {
      await browser.close();
    }
  });
});
