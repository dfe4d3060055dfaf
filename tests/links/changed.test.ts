import { execFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runLinkCheck } from '../../src/links/run.js';
import { loadData } from '../../src/data/load.js';
import { createLinkDispatcher } from '../../src/links/fetch.js';
import { changedFilesSince, filterChanged, GitError } from '../../src/links/changed.js';
import { collectLinks, readTemplates } from '../../src/links/collect.js';
import { memoryIo, tempDir, writeFiles } from '../helpers.js';
import { fakeArxivApi, virtualClock } from './helpers.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });

const CATEGORIES = 'categories:\n  - id: misc\n    name: { en: Misc }\n';

describe('--changed-since', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('links-git-');
    writeFiles(dir, {
      'data/categories.yaml': CATEGORIES,
      'data/papers/misc/0001-a.yaml': 'title: A\nurl: https://a.example/paper\nyear: 2024\n',
      'data/papers/misc/0002-b.yaml': 'title: B\nurl: https://b.example/old\nyear: 2024\n',
      'data/papers/misc/0003-t.yaml': 'title: Old Title\nurl: https://arxiv.org/abs/2402.08268\nyear: 2024\n',
      'data/news.yaml': 'news:\n  - date: "2024-01-01"\n    text: { en: "See [one](https://news.example/1)." }\n',
      'templates/README.md': '# List\n\n[site](https://t.example/)\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    // Changes: a new URL, an untracked new paper, a renamed title, a news link added beside the old one.
    writeFiles(dir, {
      'data/papers/misc/0002-b.yaml': 'title: B\nurl: https://b.example/new\nyear: 2024\n',
      'data/papers/misc/0003-t.yaml': 'title: New Title\nurl: https://arxiv.org/abs/2402.08268\nyear: 2024\n',
      'data/papers/misc/0004-c.yaml': 'title: C\nurl: https://c.example/\nyear: 2024\n',
      'data/news.yaml':
        'news:\n  - date: "2024-02-01"\n    text: { en: "Also [two](https://news.example/2)." }\n  - date: "2024-01-01"\n    text: { en: "See [one](https://news.example/1)." }\n',
    });
  });

  it('keeps only links added or changed since the ref', () => {
    const data = loadData(join(dir, 'data'), dir).value;
    const collected = collectLinks(data, readTemplates(join(dir, 'templates'), dir)).value;
    expect(collected.links).toHaveLength(6);
    const changed = changedFilesSince('HEAD', dir, ['data', 'templates']);
    const filtered = filterChanged(collected, changed);
    expect(filtered.links.map((l) => l.url).sort()).toEqual(['https://b.example/new', 'https://c.example/', 'https://news.example/2']);
    // A paper file that changed has its arXiv identity checked again (the title may now mismatch).
    expect(filtered.arxiv.map((a) => a.id)).toEqual(['2402.08268']);
  });

  it('an unknown ref or an option-like ref is a GitError', () => {
    expect(() => changedFilesSince('no-such-branch', dir, ['data'])).toThrow(GitError);
    expect(() => changedFilesSince('--output=/tmp/x', dir, ['data'])).toThrow(GitError);
  });

  it('lint-list --links --changed-since checks only those, and says so in the summary', async () => {
    const clock = virtualClock();
    const api = await fakeArxivApi(clock);
    // Resolves nothing: the example hosts are dead here, and nothing can reach the internet.
    const dispatcher = createLinkDispatcher({
      allowPrivate: true,
      resolve: (host, _o, cb) => cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []),
    });
    try {
      const { problems, summary } = await runLinkCheck(
        { changedSince: 'HEAD', cache: false, arxivApi: `${api.origin}/api/query`, allowPrivateHosts: true, progress: false, clock, dispatcher, policy: { retries: 0, arxiv: { intervalMs: 0 } } },
        memoryIo(dir),
      );
      expect(problems.map((p) => `${p.file}:${p.line} ${p.rule}`).sort()).toEqual([
        'data/news.yaml:3 link-dead',
        'data/papers/misc/0002-b.yaml:2 link-dead',
        'data/papers/misc/0003-t.yaml:2 arxiv-title-mismatch',
        'data/papers/misc/0004-c.yaml:2 link-dead',
      ]);
      expect(summary).toMatchObject({ changedSince: 'HEAD', urls: 3 });
      expect(summary.arxiv.ids).toBe(1);
    } finally {
      await dispatcher.close();
      await api.close();
    }
  });
});

describe('readTemplates', () => {
  it('never reads a template that is a link: its URLs are not collected', () => {
    const dir = tempDir('templates-');
    const outside = join(tempDir('outside-'), 'secret.md');
    writeFileSync(outside, 'https://secret.example/token\n');
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'README.md'), '# List\n\nhttps://example.org/a\n');
    symlinkSync(outside, join(dir, 'templates', 'README_zh.md'));
    expect(readTemplates(join(dir, 'templates'), dir)).toEqual([
      { file: 'templates/README.md', absPath: join(dir, 'templates', 'README.md'), text: '# List\n\nhttps://example.org/a\n' },
    ]);
  });
});

describe('--changed-since when git refuses', () => {
  /** Runs `test` with a fake git first on the PATH that prints `stderr` and fails as git does. */
  function withFakeGit(stderr: string, test: () => void): void {
    const bin = tempDir('fake-git-');
    writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' '${stderr}' >&2\nexit 128\n`, { mode: 0o755 });
    const path = process.env['PATH'];
    process.env['PATH'] = `${bin}:${path ?? ''}`;
    try {
      test();
    } finally {
      process.env['PATH'] = path;
    }
  }

  it('says the folder is not in a repository only when git says so', () => {
    const dir = tempDir('no-repo-');
    withFakeGit('fatal: not a git repository (or any of the parent directories): .git', () => {
      expect(() => changedFilesSince('main', dir, ['data'])).toThrow(
        new GitError(`${dir} is not in a git repository, so nothing can be compared with "main"`),
      );
    });
  });

  it('says git could not read the repository when git refuses it for another reason (dubious ownership)', () => {
    const dir = tempDir('owned-repo-');
    withFakeGit(`fatal: detected dubious ownership in repository at '${dir}'`, () => {
      expect(() => changedFilesSince('main', dir, ['data'])).toThrow(
        new GitError(`git could not read the repository at ${dir}, so nothing can be compared with "main"; run \`git status\` there to see why`),
      );
    });
  });

  it('a folder whose name starts with ".." is inside the repository', () => {
    const dir = tempDir('dotdot-');
    writeFiles(dir, { '..data/a.yaml': 'title: A\n' });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'base');
    writeFiles(dir, { '..data/a.yaml': 'title: B\n' });
    const changed = changedFilesSince('HEAD', dir, ['..data']);
    expect([...changed.files]).toEqual([[realpathSync(join(dir, '..data', 'a.yaml')), 'title: A\n']]);
  });
});
