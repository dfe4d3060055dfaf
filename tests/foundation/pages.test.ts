import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { renderReadmes } from '../../src/render/build.js';
import { parseMarkdown } from '../../src/render/parse.js';
import { loadTemplates } from '../../src/render/templates.js';
import { headingsOf } from '../../src/render/toc.js';
import { copyOfList, ROOT, runCli } from '../helpers.js';

/** Every link of a generated file that stays inside the output: in-page anchors and other pages. */
function brokenLinks(outDir: string, name: string): string[] {
  const text = readFileSync(join(outDir, name), 'utf8');
  const base = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
  const broken: string[] = [];
  for (const match of text.matchAll(/\]\(([^)\s]+)\)|href="([^"]+)"/g)) {
    const target = match[1] ?? match[2]!;
    if (/^[a-z]+:/.test(target) || target.startsWith('./README') || target.startsWith('../../README')) continue;
    const [path, anchor] = target.split('#') as [string, string | undefined];
    if (path !== '' && (path.startsWith('data/') || path.startsWith('templates/') || path.startsWith('.github/') || path.endsWith('.png'))) continue;
    const file = path === '' ? name : join(base, path).split('\\').join('/');
    if (!existsSync(join(outDir, file))) {
      broken.push(`${name}: ${target} (no file)`);
      continue;
    }
    if (anchor === undefined) continue;
    const slugs = new Set(headingsOf(parseMarkdown(readFileSync(join(outDir, file), 'utf8'))).map((h) => h.slug));
    if (!slugs.has(decodeURIComponent(anchor))) broken.push(`${name}: ${target}`);
  }
  return broken;
}

describe('section pages', () => {
  it('--pages always puts each top-level section on its own page, every link resolving', () => {
    const dir = copyOfList();
    const run = runCli('build-readme', ['--pages', 'always'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Wrote README\.md \(\d+ bytes\), README_zh\.md \(\d+ bytes\) and 10 section pages under pages\/ from 641 entries\.\n$/);
    expect(readdirSync(join(dir, 'pages', 'en')).sort()).toEqual(['architecture.md', 'evaluation.md', 'infrastructure.md', 'survey-technical-report.md', 'training.md']);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('\n#### Length Extrapolation\n\n');
    expect(readme).toMatch(/\n\d+ papers, listed on their own page: \[Length Extrapolation\]\(pages\/en\/architecture\.md#length-extrapolation\)\n/);
    expect(readme).not.toContain('* **[');
    const zh = readFileSync(join(dir, 'README_zh.md'), 'utf8');
    expect(zh).toMatch(/\n\d+ 篇论文，见单独页面：\[长度外推\]\(pages\/zh\/architecture\.md#长度外推\)\n/);
    const page = readFileSync(join(dir, 'pages', 'en', 'architecture.md'), 'utf8');
    expect(page.split('\n').slice(2, 5)).toEqual(['# Architecture', '', 'Back to [README.md](../../README.md)']);
    // Every paper is on exactly one page, in both languages.
    const entries = (lang: string) =>
      readdirSync(join(dir, 'pages', lang)).flatMap((f) => readFileSync(join(dir, 'pages', lang, f), 'utf8').split('\n').filter((l) => l.startsWith('* **')));
    expect(entries('en')).toHaveLength(641);
    expect(entries('zh')).toEqual(entries('en'));
    const files = ['README.md', 'README_zh.md', ...['en', 'zh'].flatMap((l) => readdirSync(join(dir, 'pages', l)).map((f) => `pages/${l}/${f}`))];
    expect(files.flatMap((f) => brokenLinks(dir, f))).toEqual([]);
    // --check agrees, and a later build without pages removes them again.
    expect(runCli('build-readme', ['--check', '--pages', 'always'], { cwd: dir }).code).toBe(0);
    const check = runCli('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('pages/en/architecture.md is a generated page that data/ no longer gives; run npm run build-readme.');
    const back = runCli('build-readme', [], { cwd: dir });
    expect(back.stdout).toMatch(/; removed 10 stale pages\.\n$/);
    expect(existsSync(join(dir, 'pages'))).toBe(false);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  });

  it('"auto" splits only a README that would pass the limit', () => {
    const data = loadData(join(ROOT, 'data'), ROOT).value;
    const templates = loadTemplates(join(ROOT, 'templates'), ROOT);
    const names = (limit: number) => renderReadmes(data, templates, ROOT, { pages: 'auto', limit }).value.map((f) => f.name);
    expect(names(512 * 1024)).toEqual(['README.md', 'README_zh.md']);
    expect(names(100_000)).toEqual([
      'README.md',
      'pages/en/survey-technical-report.md',
      'pages/en/architecture.md',
      'pages/en/infrastructure.md',
      'pages/en/training.md',
      'pages/en/evaluation.md',
      'README_zh.md',
      'pages/zh/survey-technical-report.md',
      'pages/zh/architecture.md',
      'pages/zh/infrastructure.md',
      'pages/zh/training.md',
      'pages/zh/evaluation.md',
    ]);
  });

  it('rejects an unknown --pages mode as bad usage', () => {
    const run = runCli('build-readme', ['--pages', 'sometimes', '--check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^build-readme: --pages takes auto, always or never, not "sometimes"\n/);
  });
});
