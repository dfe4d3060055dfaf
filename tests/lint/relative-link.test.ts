import { cpSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { urlsInMarkdown } from '../../src/links/collect.js';
import { isRelativeUrl, relativeLinkProblems } from '../../src/lint/relative-links.js';
import { ROOT, runCli, tempDir } from '../helpers.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'lint', 'relative-link', 'fail');
const NOWHERE = 'points to no file in the repository (relative links resolve from the repository root, where the README is generated).';
const CASE = 'GitHub matches file names case-sensitively, so readers get a broken link.';

describe('relative-link through lint-list', () => {
  it('names each missing or wrongly cased file at its place, and checks existence again on a cached run', () => {
    const dir = tempDir('relative-link-');
    cpSync(FIXTURE, dir, { recursive: true });
    const env = { LINT_LIST_CACHE_DIR: join(dir, '.cache') };
    const lines = (stdout: string) => stdout.split('\n').filter((line) => line.includes('relative-link'));

    const cold = runCli('lint-list', ['--data', '.'], { cwd: dir, env });
    expect(cold.code).toBe(1);
    expect(lines(cold.stdout)).toEqual([
      `templates/README.md:4:15  error  "assets/figure.png" ${NOWHERE}  relative-link`,
      `templates/README.md:4:89  error  "docs/guide.md" differs in case from the file "docs/Guide.md": ${CASE}  relative-link`,
      `templates/README.md:15:1  error  "assets/Figure.jpg" differs in case from the file "assets/figure.jpg": ${CASE}  relative-link`,
      `templates/README.md:17:34  error  "notes/todo.md" ${NOWHERE}  relative-link`,
      `templates/README.md:17:70  error  "../outside.md" points outside the repository.  relative-link`,
      `templates/README.md:17:104  error  "./README_zh.md" ${NOWHERE}  relative-link`,
      `templates/README.md:21:1  error  "docs/gone.md" ${NOWHERE}  relative-link`,
    ]);

    // The links come from the cache on the next run (a link planted there shows up)...
    const cacheFile = join(dir, '.cache', 'anchors.json');
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { relativeRefs: unknown[] };
    cached.relativeRefs.push({ file: 'templates/README.md', line: 1, column: 1, url: 'planted.md' });
    writeFileSync(cacheFile, JSON.stringify(cached));
    // ...but whether their files exist is asked each time: files come and go while templates stay.
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'todo.md'), '# To do\n');
    renameSync(join(dir, 'docs', 'Guide.md'), join(dir, 'docs', 'guide.md'));
    const warm = runCli('lint-list', ['--data', '.'], { cwd: dir, env });
    expect(lines(warm.stdout)).toEqual([
      `templates/README.md:1:1  error  "planted.md" ${NOWHERE}  relative-link`,
      `templates/README.md:4:15  error  "assets/figure.png" ${NOWHERE}  relative-link`,
      `templates/README.md:15:1  error  "assets/Figure.jpg" differs in case from the file "assets/figure.jpg": ${CASE}  relative-link`,
      `templates/README.md:17:6  error  "docs/Guide.md" differs in case from the file "docs/guide.md": ${CASE}  relative-link`,
      `templates/README.md:17:70  error  "../outside.md" points outside the repository.  relative-link`,
      `templates/README.md:17:104  error  "./README_zh.md" ${NOWHERE}  relative-link`,
      `templates/README.md:21:1  error  "docs/gone.md" ${NOWHERE}  relative-link`,
    ]);
  });
});

describe('relativeLinkProblems', () => {
  const ref = (url: string) => ({ file: 'templates/README.md', line: 3, column: 5, url });

  it('resolves from the root, decodes %-escapes, drops ?query and #fragment, and counts generated READMEs as present', () => {
    const root = tempDir('relative-root-');
    mkdirSync(join(root, 'assets', 'a b'), { recursive: true });
    writeFileSync(join(root, 'assets', 'a b', 'fig.jpg'), 'x');
    const refs = ['assets/a%20b/fig.jpg', '/assets/a b/fig.jpg?raw=true', './assets/../assets/a%20b/fig.jpg#top', 'README_zh.md', 'assets/a%20b/fig.jpg/more'].map(ref);
    expect(relativeLinkProblems(refs, root, ['README.md', 'README_zh.md']).map((p) => p.message)).toEqual([`"assets/a%20b/fig.jpg/more" ${NOWHERE}`]);
  });
});

describe('finding relative links', () => {
  it('takes an image inside a link (a badge) as well as the link, and leaves absolute URLs and anchors', () => {
    const found = urlsInMarkdown('[![Badge](assets/badge.svg)](docs/) [site](https://example.org/a.png) [top](#top) <img src="b.png">', isRelativeUrl);
    expect(found.map(({ url, line, column }) => ({ url, line, column }))).toEqual([
      { url: 'docs/', line: 1, column: 1 },
      { url: 'assets/badge.svg', line: 1, column: 2 },
      { url: 'b.png', line: 1, column: 93 },
    ]);
  });
});
