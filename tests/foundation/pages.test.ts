import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { renderReadmes } from '../../src/render/build.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { headingsOf } from '../../src/render/toc.js';
import { fixtureList, runCli, runInProcess, tempDir } from '../helpers.js';

/** The heading slugs of each file, parsed once: the README's table of contents links to it dozens of times. */
const slugsOf = new Map<string, Set<string>>();
function slugs(path: string): Set<string> {
  let found = slugsOf.get(path);
  if (!found) slugsOf.set(path, (found = new Set(headingsOf(parseMarkdown(readFileSync(path, 'utf8'))).map((h) => h.slug))));
  return found;
}

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
    if (!slugs(join(outDir, file)).has(decodeURIComponent(anchor))) broken.push(`${name}: ${target}`);
  }
  return broken;
}

const CATEGORIES_WITH_PAPERS = [
  'architecture-innovation',
  'inference-infrastructure',
  'kv-cache-optimization',
  'length-extrapolation',
  'long-context-evaluation',
  'long-context-mllm',
  'long-context-post-training',
  'long-context-pre-training',
  'memory-management',
  'survey-technical-report',
  'training-infrastructure',
  'unanswered-question',
];

function entryLines(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('* **'));
}

describe('section pages', () => {
  it('--pages always gives each category its own page, every link resolving', async () => {
    const dir = fixtureList();
    const committed = readFileSync(join(dir, 'README.md'), 'utf8');
    const run = await runInProcess('build-readme', ['--pages', 'always'], { cwd: dir });
    expect(run.code).toBe(0);
    // tests/fixtures/list: 64 papers in 12 categories, so 12 pages in each language.
    expect(run.stdout).toMatch(/^Wrote README\.md \(\d+ bytes\), README_zh\.md \(\d+ bytes\), papers\.bib \(\d+ bytes\) and 24 section pages under pages\/ from 64 entries\.\n$/);
    expect(readdirSync(join(dir, 'pages', 'en')).sort()).toEqual(CATEGORIES_WITH_PAPERS.map((id) => `${id}.md`));
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    // Headings stay, so the table of contents still resolves; the papers are a link away.
    expect(readme).toMatch(/\n#### Length Extrapolation\n\n\d+ papers, on their own page: \[Length Extrapolation\]\(pages\/en\/length-extrapolation\.md\)\n/);
    expect(entryLines(readme)).toEqual([]);
    const zh = readFileSync(join(dir, 'README_zh.md'), 'utf8');
    expect(zh).toMatch(/\n\d+ 篇论文，见单独页面：\[长度外推\]\(pages\/zh\/length-extrapolation\.md\)\n/);
    const page = readFileSync(join(dir, 'pages', 'en', 'length-extrapolation.md'), 'utf8');
    expect(page.split('\n').slice(2, 5)).toEqual(['# Length Extrapolation', '', 'Back to [README.md](../../README.md)']);
    // Every paper is on exactly one page, in both languages, in the README's order.
    const entries = (lang: string) => CATEGORIES_WITH_PAPERS.flatMap((id) => entryLines(readFileSync(join(dir, 'pages', lang, `${id}.md`), 'utf8')));
    expect(entries('en')).toHaveLength(64);
    expect(new Set(entries('en'))).toEqual(new Set(entryLines(committed)));
    expect(new Set(entries('zh'))).toEqual(new Set(entryLines(committed)));
    const files = ['README.md', 'README_zh.md', ...['en', 'zh'].flatMap((l) => readdirSync(join(dir, 'pages', l)).map((f) => `pages/${l}/${f}`))];
    expect(files.flatMap((f) => brokenLinks(dir, f))).toEqual([]);
    // --check agrees, and a later build without pages removes them again.
    expect((await runInProcess('build-readme', ['--check', '--pages', 'always'], { cwd: dir })).code).toBe(0);
    const check = await runInProcess('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('pages/en/architecture-innovation.md is a generated page that data/ no longer gives; run npm run build-readme.');
    const back = await runInProcess('build-readme', [], { cwd: dir });
    expect(back.stdout).toMatch(/; removed 24 stale pages\.\n$/);
    expect(existsSync(join(dir, 'pages'))).toBe(false);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(committed);
  });

  it('"auto" splits only a README that would pass the limit, and keeps every page under it', () => {
    const dir = fixtureList();
    const data = loadData(join(dir, 'data'), dir).value;
    const templates = loadTemplates(join(dir, 'templates'), dir);
    const render = (limit: number) => renderReadmes(data, templates, dir, { pages: 'auto', limit }).value;
    expect(render(512 * 1024).map((f) => f.name)).toEqual(['README.md', 'README_zh.md']);
    const limit = 12_500;
    const files = render(limit);
    const en = files.filter((f) => f.lang === 'en');
    // The largest list of the fixture (Long-Context MLLM, 30 papers, about 9 KB) needs a second page at this limit.
    expect(en.map((f) => f.name)).toContain('pages/en/long-context-mllm-2.md');
    expect(en.filter((f) => /-\d+\.md$/.test(f.name)).map((f) => f.name)).toEqual(['pages/en/long-context-mllm-2.md']);
    for (const file of files) expect(Buffer.byteLength(file.content), file.name).toBeLessThanOrEqual(limit * 0.8);
    const pages = en.filter((f) => f.name.startsWith('pages/'));
    expect(pages.flatMap((f) => entryLines(f.content))).toEqual(entryLines(readFileSync(join(dir, 'README.md'), 'utf8')));
    const second = en.find((f) => f.name === 'pages/en/long-context-mllm-2.md')!.content;
    expect(second.split('\n').slice(2, 5)).toEqual([
      '# Long-Context MLLM (2/2)',
      '',
      'Back to [README.md](../../README.md) · [previous page](long-context-mllm.md)',
    ]);
    const readme = en.find((f) => f.name === 'README.md')!.content;
    expect(readme).toMatch(/\n30 papers, on 2 pages: \[1\]\(pages\/en\/long-context-mllm\.md\), \[2\]\(pages\/en\/long-context-mllm-2\.md\)\n/);
  });

  it('rejects an unknown --pages mode as bad usage', async () => {
    const run = await runInProcess('build-readme', ['--pages', 'sometimes', '--check']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^build-readme: --pages takes auto, always or never, not "sometimes"\n/);
  });

  it('import-readme reads the papers of a README split into pages back from those pages, in order', () => {
    const dir = fixtureList();
    expect(runCli('build-readme', ['--pages', 'always'], { cwd: dir }).code).toBe(0);
    /** The entry lines of a README's pages, in the order the README links them. */
    const listed = (outDir: string) =>
      [...readFileSync(join(outDir, 'README.md'), 'utf8').matchAll(/\]\((pages\/en\/[^)]+)\)/g)].flatMap((m) => entryLines(readFileSync(join(outDir, m[1]!), 'utf8')));
    const original = listed(dir);
    expect(original).toHaveLength(64);

    const out = tempDir('import-');
    const run = runCli('import-readme', ['README.md', '--out', join(out, 'data'), '--templates', join(out, 'templates')], { cwd: dir });
    expect(run.stdout).toMatch(/^Imported 64 entries \(0 kept verbatim\) in \d+ categories and \d+ news items into /);
    // The paragraphs of page links are build-readme's, not prose for the template.
    expect(readFileSync(join(out, 'templates', 'README.md'), 'utf8')).not.toContain('pages/en/');
    // Built again from what was imported (in the list's folder, where the template's relative links resolve), the pages list the same entries in the same order.
    const rebuilt = join(out, 'site');
    const build = runCli('build-readme', ['--data', join(out, 'data'), '--templates', join(out, 'templates'), '--out', rebuilt, '--pages', 'always'], { cwd: dir });
    expect(build.stderr).toBe('');
    expect(listed(rebuilt)).toEqual(original);

    // A page that is gone is an error naming it; the papers of the other pages are still imported.
    rmSync(join(dir, 'pages', 'en', 'memory-management.md'));
    const missing = runCli('import-readme', ['README.md', '--out', join(out, 'data-2')], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Links to the page pages/en/memory-management.md, which cannot be read (no such file or folder); its papers are not imported.');
    expect(missing.stdout).toMatch(/^Imported \d+ entries/);
    expect(Number(/^Imported (\d+) entries/.exec(missing.stdout)![1])).toBeLessThan(64);
  });
});
