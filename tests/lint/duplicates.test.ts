import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintListCommand } from '../../src/cli/lint-list.js';
import { lintDataDir } from '../../src/lint/load-for-lint.js';
import { memoryIo, ROOT, tempDir, writeFiles } from '../helpers.js';
import { LintJsonOutput } from '../../src/core/findings-json.js';

/**
 * Issue 10, duplicates: one arXiv id is one paper whatever the link form and the titles; every pair
 * of a paper listed three times is reported once; a finding goes on the later entry in README order,
 * or with --changed-since on the changed one.
 */
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'lint', 'duplicate-arxiv-id');
const NOW = new Date('2025-06-01T12:00:00Z');
const ALPHA = 'categories:\n  - id: alpha\n    name: { en: Alpha }\n';
const CATEGORIES = 'categories:\n  - id: alpha\n    name: { en: Alpha }\n  - id: beta\n    name: { en: Beta }\n';

function paper(title: string, url: string, arxiv?: string): string {
  return `title: "${title}"\nurl: ${url}\nauthors:\n  - "Ada Lovelace"\nyear: 2024\n${arxiv ? `arxiv: "${arxiv}"\n` : ''}`;
}

async function findings(dir: string) {
  const result = await lintDataDir(dir, { cwd: dir, now: NOW });
  return result.problems.map(({ rule, file, line, column, message }) => ({ rule, file, line, column, message }));
}

describe('one arXiv id under two titles is a duplicate-arxiv-id, whatever the link form', () => {
  it.each([
    ['/pdf/ with a version', 'https://arxiv.org/pdf/2402.08268v2', ' (it pins version v2)'],
    ['.pdf', 'https://arxiv.org/pdf/2402.08268.pdf', ''],
    ['export.arxiv.org', 'https://export.arxiv.org/abs/2402.08268', ''],
    ['huggingface.co/papers', 'https://huggingface.co/papers/2402.08268', ''],
    ['an ADS bibcode', 'https://ui.adsabs.harvard.edu/abs/2024arXiv240208268L/abstract', ''],
    ['alphaxiv.org', 'https://www.alphaxiv.org/abs/2402.08268', ''],
    ['/html/ with a version', 'https://arxiv.org/html/2402.08268v3', ' (it pins version v3)'],
  ])('%s', async (_form, url, pinned) => {
    const dir = tempDir('dup-form-');
    writeFiles(dir, {
      'categories.yaml': ALPHA,
      'papers/alpha/0010-a.yaml': paper('Data-Efficient Long Context', 'https://arxiv.org/abs/2402.08268', '2402.08268'),
      'papers/alpha/0020-b.yaml': paper('A Wholly Different Title', url, '2402.08268'),
    });
    expect(await findings(dir)).toEqual([
      {
        rule: 'arxiv-url',
        file: 'papers/alpha/0020-b.yaml',
        line: 2,
        column: 6,
        message: `Field "url" links arXiv 2402.08268 as ${url}${pinned}; the list links arXiv papers as https://arxiv.org/abs/2402.08268.`,
      },
      {
        rule: 'duplicate-arxiv-id',
        file: 'papers/alpha/0020-b.yaml',
        line: 2,
        column: 6,
        message:
          'arXiv 2402.08268 is listed twice: here and at papers/alpha/0010-a.yaml:2 under another title ("Data-Efficient Long Context"); keep one entry, under the title arXiv gives.',
      },
    ]);
  });

  it('a non-arXiv link under two titles is still a url-title-conflict', async () => {
    const dir = tempDir('dup-conflict-');
    writeFiles(dir, {
      'categories.yaml': ALPHA,
      'papers/alpha/0010-a.yaml': paper('Focused Transformer', 'https://proceedings.example.org/8511d06d'),
      'papers/alpha/0020-b.yaml': paper('CD-Pos: Position Synthesis', 'https://proceedings.example.org/8511d06d/'),
    });
    expect(await findings(dir)).toEqual([
      {
        rule: 'url-title-conflict',
        file: 'papers/alpha/0020-b.yaml',
        line: 2,
        column: 6,
        message:
          'https://proceedings.example.org/8511d06d/ is also listed at papers/alpha/0010-a.yaml:2 under another title ("Focused Transformer"); one of the two points at the wrong paper.',
      },
    ]);
  });
});

describe('a paper listed three times', () => {
  it('reports every pair once, each under one rule, on the later entry naming the earlier', async () => {
    expect(await findings(join(FIXTURES, 'three-copies'))).toEqual([
      {
        rule: 'duplicate-arxiv-id',
        file: 'papers/alpha/0020-again.yaml',
        line: 4,
        column: 6,
        message: 'arXiv 2310.01889 is listed twice: here and at papers/alpha/0010-preprint.yaml:4; keep one entry.',
      },
      {
        rule: 'duplicate-title',
        file: 'papers/alpha/0030-published.yaml',
        line: 3,
        column: 8,
        message:
          'The same title is listed at papers/alpha/0010-preprint.yaml:3 with another link (https://arxiv.org/abs/2310.01889); keep one entry, e.g. the published version.',
      },
      {
        rule: 'duplicate-title',
        file: 'papers/alpha/0030-published.yaml',
        line: 3,
        column: 8,
        message:
          'The same title is listed at papers/alpha/0020-again.yaml:3 with another link (https://arxiv.org/abs/2310.01889); keep one entry, e.g. the published version.',
      },
    ]);
  });

  it('reports pairs related directly; a chain (arXiv id, then title) gives one finding per link of it', async () => {
    const dir = tempDir('dup-chain-');
    writeFiles(dir, {
      'categories.yaml': ALPHA,
      'papers/alpha/0010-a.yaml': paper('Ring Attention', 'https://arxiv.org/abs/2310.01889', '2310.01889'),
      'papers/alpha/0020-b.yaml': paper('Striped Attention', 'https://arxiv.org/abs/2310.01889', '2310.01889'),
      'papers/alpha/0030-c.yaml': paper('Striped attention', 'https://openreview.net/forum?id=s1'),
    });
    const rows = (await findings(dir)).map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`);
    expect(rows).toEqual([
      'papers/alpha/0020-b.yaml:2 duplicate-arxiv-id: arXiv 2310.01889 is listed twice: here and at papers/alpha/0010-a.yaml:2 under another title ("Ring Attention"); keep one entry, under the title arXiv gives.',
      'papers/alpha/0030-c.yaml:1 duplicate-title: The same title is listed at papers/alpha/0020-b.yaml:1 with another link (https://arxiv.org/abs/2310.01889); keep one entry, e.g. the published version.',
    ]);
  });

  it('says how many copies there are when an arXiv id is listed three times', async () => {
    const dir = tempDir('dup-three-');
    writeFiles(dir, {
      'categories.yaml': CATEGORIES,
      'papers/alpha/0010-a.yaml': paper('Ring Attention', 'https://arxiv.org/abs/2310.01889', '2310.01889'),
      'papers/alpha/0020-b.yaml': paper('Ring Attention', 'https://openreview.net/forum?id=x1', '2310.01889'),
      'papers/beta/0010-c.yaml': paper('Ring Attention', 'https://openreview.net/forum?id=x2', '2310.01889'),
    });
    const rows = (await findings(dir)).map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`);
    expect(rows).toEqual([
      'papers/alpha/0020-b.yaml:6 duplicate-arxiv-id: arXiv 2310.01889 is listed 3 times: here and at papers/alpha/0010-a.yaml:2, among others; keep one entry.',
      'papers/beta/0010-c.yaml:6 duplicate-arxiv-id: arXiv 2310.01889 is listed 3 times: here and at papers/alpha/0010-a.yaml:2, among others; keep one entry.',
      'papers/beta/0010-c.yaml:6 duplicate-arxiv-id: arXiv 2310.01889 is listed 3 times: here and at papers/alpha/0020-b.yaml:6, among others; keep one entry.',
    ]);
  });
});

describe('where a cross-entry finding lands', () => {
  it('on the entry later in README order (categories.yaml order), not the path that sorts later', async () => {
    expect(await findings(join(FIXTURES, 'list-order'))).toEqual([
      {
        rule: 'duplicate-arxiv-id',
        file: 'papers/alpha/0010-later.yaml',
        line: 2,
        column: 6,
        message: 'arXiv 2310.01889 is listed twice: here and at papers/zeta/0010-first.yaml:2; keep one entry.',
      },
    ]);
  });

  it('on the entry that declares an exception for it, so the pair stays silenced whichever file holds it', async () => {
    const dir = tempDir('dup-exception-');
    writeFiles(dir, {
      'categories.yaml': ALPHA,
      'papers/alpha/0010-a.yaml':
        paper('Ring Attention', 'https://example.org/ring') +
        'exceptions:\n  - rule: duplicate-title\n    reason: "Two papers by one group under one title."\n',
      'papers/alpha/0020-b.yaml': paper('Ring attention', 'https://example.org/another-ring'),
    });
    const result = await lintDataDir(dir, { cwd: dir, now: NOW });
    expect([result.problems, result.value.silenced]).toEqual([[], 1]);
  });

  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });

  /** A repository whose base already has a finding on an untouched file (plain http). */
  function repo(): string {
    const dir = tempDir('dup-git-');
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/beta/0010-ring.yaml': paper('Ring Attention', 'https://arxiv.org/abs/2310.01889', '2310.01889'),
      'data/papers/beta/0020-old.yaml': paper('An Old Entry', 'http://example.org/old'),
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    return dir;
  }

  it('with --changed-since, on the file the change adds, even when it comes first in the list', async () => {
    const dir = repo();
    git(dir, 'checkout', '-q', '-b', 'pr');
    writeFiles(dir, { 'data/papers/alpha/0010-new.yaml': paper('Ring attention with blockwise transformers', 'https://arxiv.org/abs/2310.01889', '2310.01889') });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'add a paper');

    // Without the option the finding goes on the later entry: the untouched one.
    const plain = memoryIo(dir);
    expect(await lintListCommand(['--format', 'github'], plain)).toBe(1);
    expect(plain.out()).toBe(
      '::error file=data/papers/beta/0010-ring.yaml,line=2,col=6,title=duplicate-arxiv-id::arXiv 2310.01889 is listed twice: here and at data/papers/alpha/0010-new.yaml:2 under another title ("Ring attention with blockwise transformers"); keep one entry, under the title arXiv gives.\n' +
        '::warning file=data/papers/beta/0020-old.yaml,line=2,col=6,title=http-url::The URL uses plain http:; link with https: if the site serves it.\n' +
        '1 error, 1 warning in 2 files\n',
    );

    const io = memoryIo(dir);
    expect(await lintListCommand(['--changed-since', 'main', '--format', 'github'], io)).toBe(1);
    expect(io.out()).toBe(
      '::error file=data/papers/alpha/0010-new.yaml,line=2,col=6,title=duplicate-arxiv-id::arXiv 2310.01889 is listed twice: here and at data/papers/beta/0010-ring.yaml:2 under another title ("Ring Attention"); keep one entry, under the title arXiv gives.\n' +
        '1 error, 0 warnings in 1 file\n' +
        '1 finding (0 errors) in 1 file not changed since main left out: they were there before this change and do not fail it; run `npm run lint-list` to see them.\n',
    );
    expect(io.err()).toBe('');
  });

  it('with --changed-since, errors on untouched files are counted but do not fail a clean change', async () => {
    const dir = repo();
    // An error that predates the change: the base itself lists one paper twice.
    writeFiles(dir, { 'data/papers/beta/0030-copy.yaml': paper('Ring Attention', 'https://arxiv.org/abs/2310.01889', '2310.01889') });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base with a duplicate');
    writeFiles(dir, { 'data/papers/alpha/0010-fine.yaml': paper('A Fine New Paper', 'https://example.org/fine') });

    const io = memoryIo(dir);
    expect(await lintListCommand(['--changed-since', 'HEAD', '--format', 'json'], io)).toBe(0);
    const out = LintJsonOutput.parse(JSON.parse(io.out()));
    expect(out.findings).toEqual([]);
    expect(out.summary.changedSince).toEqual({ ref: 'HEAD', untouched: 2, untouchedErrors: 1 });

    const text = memoryIo(dir);
    expect(await lintListCommand(['--changed-since', 'HEAD'], text)).toBe(0);
    expect(text.out()).toBe(
      'No problems.\n2 findings (1 error) in 2 files not changed since HEAD left out: they were there before this change and do not fail it; run `npm run lint-list` to see them.\n',
    );
  });

  it('with --changed-since, a finding the change causes on a file it did not touch is still reported', async () => {
    const dir = repo();
    // Deleting beta's papers leaves its heading empty: the finding is on categories.yaml, which the change did not touch.
    git(dir, 'rm', '-q', 'data/papers/beta/0010-ring.yaml', 'data/papers/beta/0020-old.yaml');
    writeFiles(dir, { 'data/papers/alpha/0010-moved.yaml': paper('Ring Attention', 'https://arxiv.org/abs/2310.01889', '2310.01889') });
    const io = memoryIo(dir);
    expect(await lintListCommand(['--changed-since', 'HEAD'], io)).toBe(0);
    expect(io.out()).toBe(
      'data/categories.yaml\n' +
        'data/categories.yaml:4:9  warning  Category "beta" has no papers (no files in papers/beta/) and no subcategories; it renders as an empty heading.  empty-category\n\n' +
        '0 errors, 1 warning in 1 file\n',
    );
  });

  it('with --changed-since, a renamed category breaks a link of the untouched template: reported there', async () => {
    const dir = tempDir('dup-anchor-');
    writeFiles(dir, {
      'data/categories.yaml': 'categories:\n  - id: alpha\n    name: { en: Alpha Papers }\n',
      'data/papers/alpha/0010-a.yaml': paper('A Paper', 'https://example.org/a'),
      'templates/README.md': '# Title\n\nJump to [Alpha](#alpha-papers).\n\n## Paper List\n\n<!-- generated:papers -->\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFiles(dir, { 'data/categories.yaml': 'categories:\n  - id: alpha\n    name: { en: Alpha Works }\n' });
    const io = memoryIo(dir);
    expect(await lintListCommand(['--changed-since', 'HEAD', '--format', 'github'], io)).toBe(1);
    expect(io.out()).toBe(
      '::error file=templates/README.md,line=3,col=9,title=anchor::The link to #alpha-papers does not match any heading of the generated README.md.\n' +
        '1 error, 0 warnings in 1 file\n',
    );
  });

  it('with --changed-since, --fix fixes the changed files only', async () => {
    const dir = repo();
    writeFiles(dir, { 'data/papers/beta/0030-spaced.yaml': paper('Spaced  Out', 'https://example.org/spaced') });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'an untouched file with a fixable defect');
    writeFiles(dir, { 'data/papers/alpha/0010-new.yaml': paper('A  New One', 'https://example.org/new') });
    const io = memoryIo(dir);
    expect(await lintListCommand(['--changed-since', 'HEAD', '--fix'], io)).toBe(0);
    expect(readFileSync(join(dir, 'data/papers/alpha/0010-new.yaml'), 'utf8')).toContain('title: "A New One"\n');
    expect(readFileSync(join(dir, 'data/papers/beta/0030-spaced.yaml'), 'utf8')).toContain('title: "Spaced  Out"\n');
  });

  it('refuses a ref that is not one, or looks like an option, with exit 2 and no findings', async () => {
    const dir = repo();
    const io = memoryIo(dir);
    expect(await lintListCommand(['--changed-since', 'no-such-branch'], io)).toBe(2);
    expect([io.out(), io.err()]).toEqual(['', 'lint-list: --changed-since: unknown git ref "no-such-branch"\n']);
    const dash = memoryIo(dir);
    expect(await lintListCommand(['--changed-since=--output=x'], dash)).toBe(2);
    expect([dash.out(), dash.err()]).toEqual(['', 'lint-list: --changed-since: "--output=x" is not a git ref\n']);
  });
});
