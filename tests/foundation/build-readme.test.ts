import { readFileSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/parse.js';
import { headingsOf } from '../../src/render/toc.js';
import { fixtureList, ROOT, runCli, runInProcess } from '../helpers.js';

describe('build-readme', () => {
  // The one test that runs build-readme as a process (through the launcher); the others call it in-process.
  // On the fixture list, not the shipped one: a contributor adds a paper without touching the READMEs
  // (CONTRIBUTING), so the committed READMEs lag data/ until the workflow rebuilds them, and npm test
  // must stay green meanwhile. That main's READMEs match its data is .ci/run's drift check.
  it('writes the READMEs from data/ and templates/, the same bytes twice, and --check agrees', async () => {
    const dir = fixtureList();
    for (const name of ['README.md', 'README_zh.md', 'papers.bib']) rmSync(join(dir, name));
    // Caches of its own: the repository's readme cache may hold a build of the same inputs (another
    // test's, or a developer's), and the first run would rightly say "Up to date" instead of "Wrote".
    const env = { LINT_LIST_CACHE_DIR: join(dir, '.test-cache') };
    const first = runCli('build-readme', [], { cwd: dir, env });
    expect(first.code).toBe(0);
    // tests/fixtures/list holds 64 papers.
    expect(first.stdout).toMatch(/^Wrote README\.md \(\d+ bytes\), README_zh\.md \(\d+ bytes\), papers\.bib \(\d+ bytes\) from 64 entries\.\n$/);
    const once = ['README.md', 'README_zh.md'].map((f) => readFileSync(join(dir, f), 'utf8'));
    // The fixture's first paper (architecture-innovation/0010), as the list writes it, in both languages.
    const line =
      '* **[Efficient Attention: Attention with Linear Complexities.](https://openaccess.thecvf.com/content/WACV2021/html/Shen_Efficient_Attention_Attention_With_Linear_Complexities_WACV_2021_paper.html)** ' +
      'Shen Zhuoran, Zhang Mingyuan, Zhao Haiyu, Yi Shuai, Li Hongsheng. 2021 IEEE Winter Conference on Applications of Computer Vision (WACV), 3530–3538, 2021\n';
    for (const text of once) {
      expect(text).toContain(line);
      expect(text.match(/^\* \*\*\[/gm)).toHaveLength(64);
    }
    expect((await runInProcess('build-readme', [], { cwd: dir, env })).code).toBe(0);
    expect(['README.md', 'README_zh.md'].map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(once);
    const check = await runInProcess('build-readme', ['--check'], { cwd: dir, env });
    expect(check).toEqual({ code: 0, stdout: 'README.md, README_zh.md, papers.bib: up to date.\n', stderr: '' });
    // No temporary files are left behind.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--check fails on a hand edit, names the file and shows the change', async () => {
    const dir = fixtureList();
    const path = join(dir, 'README.md');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('## Paper List', '## Paper List (edited by hand)'));
    const check = await runInProcess('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('--- README.md (committed)\n+++ README.md (generated)\n');
    expect(check.stdout).toContain('\n-## Paper List (edited by hand)\n+## Paper List\n');
    expect(check.stderr).toBe(
      'build-readme --check: 1 of 3 files differ from what data/ and templates/ give (README.md). ' +
        'Edit data/ or templates/, not the README, then run npm run build-readme.\n',
    );
    // --check writes nothing.
    expect(readFileSync(path, 'utf8')).toContain('(edited by hand)');
  });

  it('--check fails when a README is missing', async () => {
    const dir = fixtureList();
    rmSync(join(dir, 'README_zh.md'));
    const check = await runInProcess('build-readme', ['--check'], { cwd: dir });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('README_zh.md does not exist; run npm run build-readme.');
  });

  it('refuses a schema error with file, line, column and field, and writes nothing', async () => {
    const dir = fixtureList();
    const papers = join(dir, 'data', 'papers', 'length-extrapolation');
    const file = readdirSync(papers).sort()[0]!;
    const path = join(papers, file);
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^year: \d+$/m, 'year: NA'));
    const before = readFileSync(join(dir, 'README.md'), 'utf8');
    writeFileSync(join(dir, 'README.md'), `${before}stale\n`);
    const line = readFileSync(path, 'utf8').split('\n').findIndex((l) => l === 'year: NA') + 1;
    const build = await runInProcess('build-readme', [], { cwd: dir });
    expect(build.code).toBe(1);
    expect(build.stderr).toContain(
      `data/papers/length-extrapolation/${file}:${line}:7  error  Field "year" must be a number, but is "NA".  year\n`,
    );
    expect(build.stderr).toContain('build-readme: nothing written; fix the errors above first.\n');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(`${before}stale\n`);
  });

  it('exits 2 on bad usage and on a missing data directory', async () => {
    expect((await runInProcess('build-readme', ['--nope'])).code).toBe(2);
    const missing = await runInProcess('build-readme', ['--data', 'no-such-dir', '--check']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('build-readme: no-such-dir: no such data directory\n');
  });

  it('puts every paper of the data in both READMEs', async () => {
    // The fixture list's 64 papers; the expected lines are written out, not rendered: a plain entry, one
    // with "others" (et al.), one without venue, one with a quoted title and 25 authors.
    const dir = fixtureList();
    rmSync(join(dir, 'README.md'));
    rmSync(join(dir, 'README_zh.md'));
    expect((await runInProcess('build-readme', [], { cwd: dir })).code).toBe(0);
    const expected = [
      '* **[Memorizing transformers.](https://arxiv.org/abs/2203.08913)** Yuhuai Wu, Markus N Rabe, DeLesley Hutchins, Christian Szegedy. arXiv preprint arXiv:2203.08913, 2022',
      '* **[AI and memory wall.](https://arxiv.org/abs/2403.14123)** Amir Gholami, Zhewei Yao, Sehoon Kim, Coleman Hooper, Michael W Mahoney, Kurt Keutzer. IEEE Micro, IEEE, 2024',
      '* **[Keep the Cost Down: A Review on Methods to Optimize LLM’s KV-Cache Consumption.](https://arxiv.org/abs/2407.18003)** Shi Luohe, Hongyi Zhang, Yao Yao, Zuchao Li, others. First Conference on Language Modeling, 2024',
      '* **[LLaVA-NeXT: Improved reasoning, OCR, and world knowledge.](https://llava-vl.github.io/blog/2024-01-30-llava-next/)** Haotian Liu, Chunyuan Li, Yuheng Li, Bo Li, Yuanhan Zhang, Sheng Shen, Yong Jae Lee. 2024',
      '* **[MoBA: Mixture of Block Attention for Long-Context LLMs.](https://arxiv.org/abs/2502.13189)** Enzhe Lu, Zhejun Jiang, Jingyuan Liu, Yulun Du, Tao Jiang, Chao Hong, Shaowei Liu, Weiran He, Enming Yuan, Yuzhi Wang, Zhiqi Huang, Huan Yuan, Suting Xu, Xinran Xu, Guokun Lai, Yanru Chen, Huabin Zheng, Junjie Yan, Jianlin Su, Yuxin Wu, Neo Y. Zhang, Zhilin Yang, Xinyu Zhou, Mingxing Zhang, Jiezhong Qiu. 2025',
    ];
    for (const name of ['README.md', 'README_zh.md']) {
      const lines = readFileSync(join(dir, name), 'utf8').split('\n');
      for (const line of expected) expect(lines, name).toContain(line);
      expect(lines.filter((line) => line.startsWith('* **[')), name).toHaveLength(64);
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
