import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { load } from 'js-yaml';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, runInProcess, tempDir } from '../helpers.js';
import { launchBrowser, serveDir } from './browser.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'site', 'data');

interface FixturePaper {
  id: string;
  title: string;
  year: number;
  venue: string;
}
interface FixtureCategory {
  id: string;
  name: { en: string; zh: string };
  children?: FixtureCategory[];
}

/** The fixture as plain YAML, read without the toolchain: what the page must show, in list order. */
function readFixture(dir: string): { papers: FixturePaper[]; categories: FixtureCategory[] } {
  const { categories } = load(readFileSync(join(dir, 'categories.yaml'), 'utf8')) as { categories: FixtureCategory[] };
  const papers: FixturePaper[] = [];
  const walk = (cats: FixtureCategory[]) => {
    for (const c of cats) {
      const folder = join(dir, 'papers', c.id);
      if (existsSync(folder)) {
        for (const name of readdirSync(folder).sort()) {
          const p = load(readFileSync(join(folder, name), 'utf8')) as { title: string; year: number; venue: string };
          papers.push({ id: `${c.id}/${name.replace(/\.yaml$/, '')}`, title: p.title, year: p.year, venue: p.venue });
        }
      }
      if (c.children) walk(c.children);
    }
  };
  walk(categories);
  return { papers, categories };
}

const fixture = readFixture(FIXTURE);
let browser: Browser;
let server: Server;
let base: string;
let site: string;
const offsite: string[] = [];
const consoleErrors: string[] = [];

async function open(query = '', options: { js?: boolean; path?: string } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ javaScriptEnabled: options.js ?? true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.replace(/\/$/, '') });
  const page = await context.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(base)) offsite.push(request.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${base}${options.path ?? ''}${query}`);
  return { page, context };
}

/** Ids of the papers a reader can see. */
async function visible(page: Page): Promise<string[]> {
  return page.locator('[data-paper]:visible').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.paper!));
}

// build-site as a process (through the launcher) once; the tests of its other cases call it in-process.
beforeAll(async () => {
  site = join(tempDir('site-'), 'site');
  const built = runCli('build-site', ['--data', FIXTURE, '--out', site]);
  expect(built.stderr).toBe('');
  expect(built.code).toBe(0);
  browser = await launchBrowser();
  ({ url: base, server } = await serveDir(site));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('build-site', () => {
  it('writes both pages, the script, the copy data, papers.bib and the structure figure', () => {
    for (const file of ['index.html', 'zh/index.html', 'assets/app.js', 'assets/papers.json', 'papers.bib']) expect(existsSync(join(site, file)), file).toBe(true);
    expect(readFileSync(join(site, 'assets', 'paper-structure.jpg')).equals(readFileSync(join(ROOT, 'assets', 'paper-structure.jpg')))).toBe(true);
  });

  it('refuses a list that lint-list rejects: exit 1, the findings printed, nothing written', async () => {
    const dir = tempDir('site-bad-');
    cpSync(FIXTURE, join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'papers', 'kv-cache-optimization', '0050-bad.yaml'), 'title: A paper\nyear: NA\n');
    const run = await runInProcess('build-site', ['--out', 'site'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('data/papers/kv-cache-optimization/0050-bad.yaml:2:7  error  Field "year" must be a number, but is "NA".');
    expect(run.stderr).toContain('build-site: nothing written; the page never shows a list that lint-list rejects. Fix the errors above first.\n');
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });

  it('replaces a site it built before, leaving no temporary folder', async () => {
    const parent = tempDir('site-again-');
    const out = join(parent, 'site');
    expect((await runInProcess('build-site', ['--data', FIXTURE, '--out', out])).code).toBe(0);
    writeFileSync(join(out, 'stale.html'), 'old');
    const again = await runInProcess('build-site', ['--data', FIXTURE, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Wrote .*index\.html \(\d+ bytes\), .*zh\/index\.html \(\d+ bytes\) and 5 more files from 10 entries\.\n$/);
    expect(readdirSync(out).sort()).toEqual(['.nojekyll', 'assets', 'index.html', 'papers.bib', 'zh']);
    expect(readdirSync(parent)).toEqual(['site']);
  });

  it('leaves a folder alone that is not a built site', async () => {
    const dir = tempDir('site-other-');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const run = await runInProcess('build-site', ['--data', FIXTURE, '--out', dir]);
    expect(run.code).toBe(2);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('builds from the real data/: one paper element per paper file', async () => {
    const out = join(tempDir('site-real-'), 'site');
    const run = await runInProcess('build-site', ['--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const files = readdirSync(join(ROOT, 'data', 'papers')).flatMap((c) => readdirSync(join(ROOT, 'data', 'papers', c)).filter((n) => n.endsWith('.yaml')));
    for (const page of ['index.html', 'zh/index.html']) {
      expect(readFileSync(join(out, page), 'utf8').match(/ data-paper="/g)?.length, page).toBe(files.length);
    }
  });
});

describe('the page without JavaScript', () => {
  it('has every paper, in list order, under its category headings, with title link, authors, venue and year', async () => {
    const { page, context } = await open('', { js: false });
    expect(await visible(page)).toEqual(fixture.papers.map((p) => p.id));
    const headings = await page.locator('#papers h2, #papers h3').allTextContents();
    expect(headings).toEqual(['Architecture', 'Length Extrapolation', 'KV Cache Optimization', 'Evaluation', 'Long-Context Evaluation']);
    const ring = page.locator('[data-paper="length-extrapolation/0030-ring"]');
    expect(await ring.innerText()).toBe(
      'Ring Attention with Blockwise Transformers for Near-Infinite Context. Hao Liu, Matei Zaharia, Pieter Abbeel. arXiv preprint arXiv:2310.01889, 2023 arXiv PDF HF',
    );
    expect(await ring.locator('a.t').getAttribute('href')).toBe('https://arxiv.org/abs/2310.01889');
    expect(await ring.locator('.actions a').evaluateAll((els) => els.map((el) => el.getAttribute('href')))).toEqual([
      'https://arxiv.org/abs/2310.01889',
      'https://arxiv.org/pdf/2310.01889',
      'https://huggingface.co/papers/2310.01889',
    ]);
    expect(await page.locator('input[type=search]').isVisible()).toBe(false);
    await context.close();
  });
});

describe('the page with JavaScript', () => {
  it('searches titles, authors and venues: "ring attention" shows only matching papers, highlighted', async () => {
    const { page, context } = await open();
    await page.locator('input[type=search]').fill('ring attention');
    expect(await visible(page)).toEqual(['length-extrapolation/0030-ring', 'kv-cache-optimization/0010-striped', 'kv-cache-optimization/0020-world']);
    expect(await page.locator('[data-paper="length-extrapolation/0030-ring"] .t mark').allTextContents()).toEqual(['Ring', 'Attention']);
    expect(await page.locator('#count').textContent()).toBe('3 of 10 papers');
    expect(await page.locator('#count').getAttribute('role')).toBe('status');
    // Typo-tolerant and by author.
    await page.locator('input[type=search]').fill('zaharis');
    expect(await visible(page)).toEqual(['length-extrapolation/0030-ring']);
    await context.close();
  });

  it('a year filter shows exactly the papers of those years', async () => {
    const { page, context } = await open();
    await page.selectOption('#from', '2023');
    await page.selectOption('#to', '2023');
    expect(await visible(page)).toEqual(fixture.papers.filter((p) => p.year === 2023).map((p) => p.id));
    expect(page.url()).toBe(`${base}?from=2023&to=2023`);
    await context.close();
  });

  it('filters by kind and by category (with its subcategories), and counts per category', async () => {
    const { page, context } = await open('?type=preprint');
    expect(await visible(page)).toEqual(fixture.papers.filter((p) => p.venue.startsWith('arXiv')).map((p) => p.id));
    await page.selectOption('#type', 'venue');
    expect(await visible(page)).toEqual(fixture.papers.filter((p) => !p.venue.startsWith('arXiv')).map((p) => p.id));
    await page.locator('#cats a[data-cat="evaluation"]').click();
    expect(await visible(page)).toEqual(['long-context-evaluation/0020-loogle']);
    expect(await page.locator('#cats a[data-cat="architecture"] .n').textContent()).toBe('(4)');
    await context.close();
  });

  it('keeps the whole state in the URL, and Back restores the previous state', async () => {
    const { page, context } = await open('?q=ring&cat=kv-cache-optimization&from=2024');
    expect(await page.locator('input[type=search]').inputValue()).toBe('ring');
    expect(await page.locator('#from').inputValue()).toBe('2024');
    expect(await visible(page)).toEqual(['kv-cache-optimization/0020-world']);
    await page.selectOption('#sort', 'new');
    expect(page.url()).toBe(`${base}?q=ring&cat=kv-cache-optimization&from=2024&sort=new`);
    await page.goBack();
    expect(page.url()).toBe(`${base}?q=ring&cat=kv-cache-optimization&from=2024`);
    expect(await page.locator('#sort').inputValue()).toBe('list');
    expect(await visible(page)).toEqual(['kv-cache-optimization/0020-world']);
    await context.close();
  });

  it('sorts newest first', async () => {
    const { page, context } = await open('?sort=new');
    const years = new Map(fixture.papers.map((p) => [p.id, p.year]));
    const shown = (await visible(page)).map((id) => years.get(id)!);
    expect(shown).toEqual([...fixture.papers.map((p) => p.year)].sort((a, b) => b - a));
    await context.close();
  });

  it('"/" focuses the search and Esc clears it', async () => {
    const { page, context } = await open();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await page.keyboard.type('ruler');
    expect(await visible(page)).toEqual(['long-context-evaluation/0010-ruler']);
    await page.keyboard.press('Escape');
    expect(await page.locator('input[type=search]').inputValue()).toBe('');
    expect((await visible(page)).length).toBe(fixture.papers.length);
    await context.close();
  });

  it('"copy BibTeX" gives the entry papers.bib holds, "copy README line" the README line', async () => {
    const { page, context } = await open();
    const paper = page.locator('[data-paper="kv-cache-optimization/0040-cost"]');
    await paper.getByRole('button', { name: 'Copy BibTeX' }).click();
    await expect.poll(() => page.locator('#count').textContent()).toBe('Copied to the clipboard.');
    const bib = readFileSync(join(site, 'papers.bib'), 'utf8').split('\n\n').find((entry) => entry.includes('url = {https://arxiv.org/abs/2407.18003}'));
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(bib!.trim());
    await paper.getByRole('button', { name: 'Copy README line' }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe("* **[Keep the Cost Down: A Review on Methods to Optimize LLM's KV-Cache Consumption & 50% Less.](https://arxiv.org/abs/2407.18003)** Shi Luohe, Hongyi Zhang. First Conference on Language Modeling, 2024");
    await context.close();
  });

  it('the chart links into the filter', async () => {
    const { page, context } = await open();
    await page.locator('svg.chart a[href="?cat=evaluation&from=2024&to=2024"]').click();
    expect(page.url()).toBe(`${base}?cat=evaluation&from=2024&to=2024`);
    expect(await visible(page)).toEqual(['long-context-evaluation/0010-ruler', 'long-context-evaluation/0020-loogle']);
    await context.close();
  });

  it('the Chinese page shows Chinese category names and links to the English one and the repository', async () => {
    const { page, context } = await open('', { path: 'zh/' });
    expect(await page.locator('html').getAttribute('lang')).toBe('zh');
    expect(await page.locator('#papers h2').allTextContents()).toEqual(['架构', '评测']);
    expect(await page.locator('header a[hreflang=en]').getAttribute('href')).toBe('../');
    expect(await page.locator('header a[href="https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM"]').count()).toBe(1);
    await page.locator('input[type=search]').fill('ring');
    expect(await page.locator('#count').textContent()).toBe('10 篇中的 3 篇');
    await context.close();
  });

  it('shows the survey\'s structure figure folded, fetched only when opened, with alt text in each language', async () => {
    for (const [path, summary, alt] of [
      ['', 'The structure of the survey', 'The structure of the survey: architecture, infrastructure, training and evaluation of long-context LLMs'],
      ['zh/', '综述的结构', '综述的结构：长上下文大语言模型的架构、框架、训练与评测'],
    ] as const) {
      const { page, context } = await open('', { path });
      const fetched: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('.jpg')) fetched.push(request.url());
      });
      await page.waitForLoadState('load');
      expect(fetched).toEqual([]);
      await page.locator('details.structure summary').click();
      const img = page.locator('details.structure img');
      expect(await img.getAttribute('alt')).toBe(alt);
      expect(await page.locator('details.structure summary').textContent()).toBe(summary);
      await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1123);
      expect(fetched).toEqual([`${base}assets/paper-structure.jpg`]);
      await context.close();
    }
  });

  it('has no serious or critical accessibility violation, in either language', async () => {
    for (const path of ['', 'zh/']) {
      const { page, context } = await open('', { path });
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(bad, path || 'en').toEqual([]);
      await context.close();
    }
  });

  it('made no request off 127.0.0.1 and logged no console error', () => {
    expect(offsite).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
