import { readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { isRawEntry } from '../../src/data/schema.js';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { headingsOf } from '../../src/render/toc.js';
import { entryItem } from '../../src/render/entry.js';
import { serialize } from '../../src/render/markdown.js';
import { copyOfList, fixtureList, ROOT, runCli } from '../helpers.js';

describe('build-readme', () => {
  it('reproduces the committed READMEs byte for byte, twice', () => {
    const dir = copyOfList();
    const first = runCli('build-readme', [], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Wrote README\.md \(\d+ bytes\), README_zh\.md \(\d+ bytes\), papers\.bib \(\d+ bytes\) from \d+ entries\.\n$/);
    const once = ['README.md', 'README_zh.md'].map((f) => readFileSync(join(dir, f), 'utf8'));
    expect(once).toEqual(['README.md', 'README_zh.md'].map((f) => readFileSync(join(ROOT, f), 'utf8')));
    expect(runCli('build-readme', [], { cwd: dir }).code).toBe(0);
    expect(['README.md', 'README_zh.md'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(once);
    const check = runCli('build-readme', ['--check'], { cwd: dir });
    expect(check).toEqual({ code: 0, stdout: 'README.md, README_zh.md, papers.bib: up to date.\n', stderr: '' });
    // No temporary files are left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--check fails on a hand edit, names the file and shows the change', () => {
    const dir = fixtureList();
    const path = join(dir, 'README.md');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('## Paper List', '## Paper List (edited by hand)'));
    const check = runCli('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('--- README.md (committed)\n+++ README.md (generated)\n');
    expect(check.stdout).toContain('\n-## Paper List (edited by hand)\n+## Paper List\n');
    expect(check.stderr).toBe(
      'build-readme --check: 1 of 3 files differ from what data/ and templates/ give (README.md, README_zh.md, papers.bib). ' +
        'Edit data/ or templates/, not the README, then run npm run build-readme.\n',
    );
    // --check writes nothing.
    expect(readFileSync(path, 'utf8')).toContain('(edited by hand)');
  });

  it('--check fails when a README is missing', () => {
    const dir = fixtureList();
    rmSync(join(dir, 'README_zh.md'));
    const check = runCli('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('README_zh.md does not exist; run npm run build-readme.');
  });

  it('refuses a schema error with file, line, column and field, and writes nothing', () => {
    const dir = fixtureList();
    const papers = join(dir, 'data', 'papers', 'length-extrapolation');
    const file = readdirSync(papers).sort()[0]!;
    const path = join(papers, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^year: \d+$/m, 'year: NA'));
    const before = readFileSync(join(dir, 'README.md'), 'utf8');
    writeFileSync(join(dir, 'README.md'), `${before}stale\n`);
    const line = readFileSync(path, 'utf8').split('\n').findIndex((l) => l === 'year: NA') + 1;
    const build = runCli('build-readme', [], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(
      `data/papers/length-extrapolation/${file}:${line}:7  error  Field "year" must be a number, but is "NA".  year\n`,
    );
    expect(build.stderr).toContain('build-readme: nothing written; fix the errors above first.\n');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(`${before}stale\n`);
  });

  it('exits 2 on bad usage and on a missing data directory', () => {
    expect(runCli('build-readme', ['--nope']).code).toBe(2);
    const missing = runCli('build-readme', ['--data', 'no-such-dir', '--check']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('build-readme: no-such-dir: no such data directory\n');
  });

  it('puts every paper of the data in both READMEs', () => {
    const { value, problems } = loadData(join(ROOT, 'data'), ROOT);
    expect(problems.filter((p) => p.severity === 'error' && p.rule === 'schema')).toEqual([]);
    for (const name of ['README.md', 'README_zh.md']) {
      const text = readFileSync(join(ROOT, name), 'utf8');
      const lines = new Set(text.split('\n'));
      for (const paper of value.papers) {
        const line = serialize({ type: 'root', children: [{ type: 'list', spread: false, children: [entryItem(paper.entry)] }] }).trimEnd();
        expect(lines.has(line), `${name}: ${paper.source.file}${isRawEntry(paper.entry) ? ' (raw)' : ''}`).toBe(true);
      }
    }
  });

  it('starts each README with the generated-file notice and links the languages both ways', () => {
    const en = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const zh = readFileSync(join(ROOT, 'README_zh.md'), 'utf8');
    expect(en.split('\n')[0]).toBe(
      '<!-- This file is generated from data/ and templates/README.md by `npm run build-readme`. Do not edit it by hand: edit the data or the template, then run `npm run build-readme`. -->',
    );
    expect(zh.split('\n')[0]).toContain('templates/README_zh.md');
    expect(en).toContain('](./README_zh.md)');
    expect(zh).toContain('](./README.md)');
  });

  it('resolves every in-page link of both READMEs to a heading', () => {
    for (const name of ['README.md', 'README_zh.md']) {
      const text = readFileSync(join(ROOT, name), 'utf8');
      const slugs = new Set(headingsOf(parseMarkdown(text)).map((h) => h.slug));
      const anchors = [...text.matchAll(/\]\(#([^)]+)\)|href="#([^"]+)"/g)].map((m) => decodeURIComponent(m[1] ?? m[2]!));
      expect(anchors.length).toBeGreaterThan(20);
      expect(anchors.filter((a) => !slugs.has(a)), name).toEqual([]);
    }
  });
});
