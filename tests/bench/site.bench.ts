/**
 * Benchmark of the web page (issue 11's budgets). Not a test: it prints figures and writes them
 * under "## Site" in tests/bench/RESULTS.md, leaving other sections alone.
 *
 *   npm run bench:site   (= tsc, then node dist/tests/bench/site.bench.js [--runs 5] [--entries 10000])
 *
 * Measured:
 * - build time: fresh `build-readme` and `build-site` processes (node scripts/run.mjs, as npm runs them,
 *   caches kept) on the real data/, alternated in one run so both see the same machine load;
 * - download size of the English page: every file the browser fetches to show it (gzip -9);
 * - first contentful paint of site/index.html opened from disk (file://) in headless Chromium;
 * - keystroke → updated results: in the page, the time from setting the search box and firing its
 *   input event to the end of the forced style and layout of the updated list, for several queries,
 *   on the real list and on a generated list of --entries papers (tests/bench/gen-list.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchBrowser, serveDir } from '../site/browser.js';
import { generateList, PLANT_EVERY } from './gen-list.js';
import { bytes, markdownTable, seconds, wallCell } from './lib/format.js';
import { LAUNCHER, RESULTS_PATH, ROOT } from './lib/paths.js';
import { replaceSection } from './lib/results.js';
import { summarize, type Summary } from './lib/stats.js';

const BUDGET = { downloadKiB: 150, scriptKiB: 30, fcpMs: 300, keyMs: 30, keyBigMs: 100 };
const QUERIES = ['r', 'ri', 'rin', 'ring', 'ring a', 'ring attention', 'kv cache', 'zhang', 'transformer', 'longbench'];

/**
 * A command as `npm run` runs it (the launcher's bundle), its caches in `cacheDir` (LINT_LIST_CACHE_DIR),
 * kept between the runs as on a developer's machine; the Real list section of RESULTS.md has both forms.
 */
function timeCli(name: string, args: string[], cwd: string, cacheDir: string): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, [LAUNCHER, name, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LINT_LIST_CACHE_DIR: cacheDir } });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
  return ms;
}

function gz(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

async function firstPaint(browser: Browser, file: string, runs: number): Promise<Summary> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const fcp = await page.evaluate(
      () =>
        new Promise<number>((done) => {
          const found = performance.getEntriesByName('first-contentful-paint')[0];
          if (found) return done(found.startTime);
          new PerformanceObserver((list) => done(list.getEntries()[0]!.startTime)).observe({ type: 'paint', buffered: true });
        }),
    );
    if (i > 0) times.push(fcp); // the first run warms the browser
    await page.close();
  }
  return summarize(times);
}

/** Keystroke to updated, laid-out results, per query, in a page served from 127.0.0.1. */
async function keystrokes(browser: Browser, site: string, runs: number): Promise<Summary & { p90: number }> {
  const { url, server } = await serveDir(site);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => !document.documentElement.classList.contains('no-js'));
    const times: number[] = [];
    for (let r = 0; r <= runs; r++) {
      for (const query of QUERIES) {
        const ms = await page.evaluate((q) => {
          const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
          const start = performance.now();
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          void document.body.offsetHeight; // style and layout of the updated list
          return performance.now() - start;
        }, query);
        if (r > 0) times.push(ms);
      }
      await page.evaluate(() => {
        const input = document.querySelector<HTMLInputElement>('input[type=search]')!;
        input.value = '';
        input.dispatchEvent(new Event('input', { bubbles: true }));
      });
    }
    return { ...summarize(times), p90: p90(times) };
  } finally {
    server.close();
  }
}

function ms(s: Summary): string {
  return `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;
}

/** The 90th percentile: on a shared machine the single slowest keystroke measures the machine, not the page. */
function p90(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.9) - 1)] ?? Number.NaN;
}

function verdict(ok: boolean): string {
  return ok ? '**met**' : '**MISSED**';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, entries: { type: 'string', default: '10000' } } });
  const runs = Number(values.runs);
  const entries = Number(values.entries);
  const work = mkdtempSync(join(tmpdir(), 'site-bench-'));
  try {
    const site = join(work, 'site');
    // Side by side: one warm-up each, then alternate.
    const cache = join(work, 'cache');
    timeCli('build-readme', ['--out', join(work, 'readme')], ROOT, cache);
    timeCli('build-site', ['--out', site], ROOT, cache);
    const readme: number[] = [];
    const built: number[] = [];
    for (let i = 0; i < runs; i++) {
      readme.push(timeCli('build-readme', ['--out', join(work, 'readme')], ROOT, cache));
      built.push(timeCli('build-site', ['--out', site], ROOT, cache));
    }
    const readmeS = summarize(readme);
    const siteS = summarize(built);

    const html = gz(join(site, 'index.html'));
    const script = gz(join(site, 'assets', 'app.js'));
    const copyData = gz(join(site, 'assets', 'papers.json'));
    const download = html + script;

    const browser = await launchBrowser();
    let fcp: Summary;
    let keys: Summary & { p90: number };
    let keysBig: Summary & { p90: number };
    let bigBuild: number;
    let bigEntries = 0;
    try {
      fcp = await firstPaint(browser, join(site, 'index.html'), runs);
      keys = await keystrokes(browser, site, runs);
      const big = join(work, 'big');
      // The planted duplicates are what lint must refuse: removed, so the gate lets the list through.
      const list = generateList(join(big, 'data'), entries + 2 * Math.ceil(entries / PLANT_EVERY));
      for (const plant of list.plants) rmSync(join(big, 'data', plant.file), { force: true });
      bigEntries = list.entries - new Set(list.plants.map((p) => p.file)).size;
      // Its first build: nothing of this list is cached.
      bigBuild = timeCli('build-site', ['--data', join(big, 'data'), '--out', join(big, 'site')], big, join(big, 'cache'));
      keysBig = await keystrokes(browser, join(big, 'site'), Math.max(1, Math.floor(runs / 2)));
    } finally {
      await browser.close();
    }

    const kib = (n: number) => n / 1024;
    const rows = [
      ['`build-readme` on the real list (caches kept)', wallCell(readmeS), ''],
      ['`build-site` on the real list (caches kept; both lint the list first; the page also makes the README line of every paper for its copy button)', wallCell(siteS), `${verdict(siteS.median <= readmeS.median)}: at most as long as build-readme`],
      ['English page download (gzip -9): index.html + assets/app.js', `${bytes(download)} (${bytes(html)} + ${bytes(script)})`, `${verdict(kib(download) <= BUDGET.downloadKiB)}: ≤ ${BUDGET.downloadKiB} KB`],
      ['of which JavaScript', bytes(script), `${verdict(kib(script) <= BUDGET.scriptKiB)}: ≤ ${BUDGET.scriptKiB} KB`],
      ['Copy data (assets/papers.json), fetched when the reader first reaches the list', bytes(copyData), 'not part of the page load'],
      ['First contentful paint, file://, 1280 px', ms(fcp), `${verdict(fcp.median <= BUDGET.fcpMs)}: ≤ ${BUDGET.fcpMs} ms`],
      ['Keystroke → updated results, real list', `${ms(keys)}, p90 ${keys.p90.toFixed(1)} ms`, `${verdict(keys.p90 <= BUDGET.keyMs)}: ≤ ${BUDGET.keyMs} ms (p90)`],
      [`Keystroke → updated results, generated list of ${bigEntries}`, `${ms(keysBig)}, p90 ${keysBig.p90.toFixed(1)} ms`, `${verdict(keysBig.p90 <= BUDGET.keyBigMs)}: ≤ ${BUDGET.keyBigMs} ms (p90)`],
      [`build-site on the generated list of ${bigEntries} (cache empty)`, seconds(bigBuild), ''],
    ];
    const section = [
      '## Site',
      '',
      `_Measured by \`npm run bench:site\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${runs} runs after a warm-up; medians with min–max (wall time: median (min–max, spread))._`,
      `Keystrokes: the queries ${QUERIES.map((q) => `"${q}"`).join(', ')}, each timed from the input event to the end of the forced layout; the verdict is on the 90th percentile, the slowest key is in the range.`,
      '',
      markdownTable(['Measure', 'Figure', 'Budget'], rows),
      '',
    ].join('\n');
    replaceSection(RESULTS_PATH, 'Site', section);
    process.stdout.write(`${section}\nWrote the "Site" section of ${RESULTS_PATH}.\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
