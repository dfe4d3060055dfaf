/**
 * Every command that writes, stopped by Ctrl-C (SIGINT) or SIGTERM in the middle of its write: run as
 * a process (the signal handling is the process's), paused with files staged (LINT_LIST_TEST_PAUSE_WRITE)
 * and signalled from outside, so nothing depends on timing. Each must leave the disk byte for byte as
 * it was, with no temporary file in the output folder or the caches, say so in one line and exit 130/143.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliArgs, fixtureList, ROOT, runStopped, tempDir, writeFiles } from '../helpers.js';

/** Every file under `dir` (path → bytes as latin1), folders included as entries ending in "/". */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    out[entry.isDirectory() ? `${path}/` : path] = entry.isDirectory() ? '' : readFileSync(join(dir, path), 'latin1');
  }
  return out;
}

/** Names under `dir`, at any depth, that look like a staged file or folder (`.name.<pid>.<hex>.tmp`) or any other *.tmp. */
function temporaries(dir: string): string[] {
  return Object.keys(snapshot(dir)).filter((path) => /\.tmp\/?$/.test(path));
}

describe('a command stopped while it writes leaves nothing behind', () => {
  it('build-readme on SIGINT: README.md staged, then removed; the old outputs stay as they were; 130', async () => {
    const dir = fixtureList();
    const caches = tempDir('caches-');
    // Outputs that differ from what data/ gives, so that the run has something to replace.
    writeFiles(dir, { 'README.md': 'the old README\n' });
    const before = snapshot(dir);
    const run = await runStopped('build-readme', [], {
      cwd: dir,
      signal: 'SIGINT',
      env: { LINT_LIST_CACHE_DIR: caches },
      atPause: () => readdirSync(dir).filter((name) => name.endsWith('.tmp')),
    });
    expect(run).toEqual({
      code: 130,
      signal: null,
      stdout: '',
      stderr: 'build-readme: paused with 1 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nbuild-readme: stopped by SIGINT; nothing written.\n',
      paused: [expect.stringMatching(/^\.README\.md\.\d+\.[0-9a-f]{8}\.tmp$/)],
    });
    expect(snapshot(dir)).toEqual(before);
    expect(temporaries(caches)).toEqual([]);
  });

  it('build-readme on SIGTERM with pages: three files staged (pages among them), then removed; 143', async () => {
    const dir = fixtureList();
    const caches = tempDir('caches-');
    const before = snapshot(dir);
    const run = await runStopped('build-readme', ['--pages', 'always'], {
      cwd: dir,
      signal: 'SIGTERM',
      pauseAfter: 3,
      env: { LINT_LIST_CACHE_DIR: caches },
      atPause: () => temporaries(dir).length,
    });
    expect(run).toEqual({
      code: 143,
      signal: null,
      stdout: '',
      stderr: 'build-readme: paused with 3 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nbuild-readme: stopped by SIGTERM; nothing written.\n',
      paused: 3,
    });
    // No pages/ folder either: it was made for the staged pages, and is not part of what stands.
    expect(snapshot(dir)).toEqual(before);
    expect(temporaries(caches)).toEqual([]);
  });

  it('build-site on SIGTERM: the staging folder is removed, the old site/ stays; 143', async () => {
    const dir = fixtureList();
    const caches = tempDir('caches-');
    mkdirSync(join(dir, 'site'));
    writeFiles(dir, { 'site/index.html': '<p>the old site</p>\n' });
    const before = snapshot(dir);
    const run = await runStopped('build-site', [], {
      cwd: dir,
      signal: 'SIGTERM',
      env: { LINT_LIST_CACHE_DIR: caches },
      atPause: () => readdirSync(dir).filter((name) => name.endsWith('.tmp')),
    });
    const [pause, ...rest] = run.stderr.split('\n');
    expect(pause).toMatch(/^build-site: paused with \d+ files staged \(LINT_LIST_TEST_PAUSE_WRITE\)\.$/);
    expect(rest).toEqual(['build-site: stopped by SIGTERM; nothing written.', '']);
    expect(run).toMatchObject({ code: 143, signal: null, stdout: '', paused: [expect.stringMatching(/^\.site\.\d+\.[0-9a-f]{8}\.tmp$/)] });
    expect(snapshot(dir)).toEqual(before);
    expect(temporaries(caches)).toEqual([]);
  });

  it('lint-list --fix on SIGINT: the fixed file staged, then removed; the data files unchanged; 130', async () => {
    const dir = tempDir('lint-stop-');
    const caches = tempDir('caches-');
    writeFiles(dir, {
      'categories.yaml': 'categories:\n  - id: alpha\n    name:\n      en: "Alpha  Team"\n',
      'papers/alpha/0010-a.yaml': 'title: A Paper on Long Context\nurl: http://arxiv.org/pdf/2410.15252v2\nyear: 2024\n',
    });
    const before = snapshot(dir);
    const run = await runStopped('lint-list', ['--data', '.', '--fix'], {
      cwd: dir,
      signal: 'SIGINT',
      env: { LINT_LIST_CACHE_DIR: caches },
      atPause: () => temporaries(dir),
    });
    expect(run).toEqual({
      code: 130,
      signal: null,
      stdout: '',
      stderr: 'lint-list: paused with 2 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nlint-list: stopped by SIGINT; no fix written.\n',
      paused: [expect.stringMatching(/^\.categories\.yaml\.\d+\.[0-9a-f]{8}\.tmp$/), expect.stringMatching(/^papers\/alpha\/\.0010-a\.yaml\.\d+\.[0-9a-f]{8}\.tmp$/)],
    });
    expect(snapshot(dir)).toEqual(before);
    expect(temporaries(caches)).toEqual([]);
  });

  it('schema on SIGINT (its few files written by writeFilesStoppably, as sync-issue-form, sync-rules, link-report and import-readme --onto write theirs): the old schemas stay; 130', async () => {
    const dir = tempDir('schema-stop-');
    writeFiles(dir, { 'out/paper.schema.json': '{"old": true}\n' });
    const before = snapshot(dir);
    const run = await runStopped('schema', ['--out', 'out'], { cwd: dir, signal: 'SIGINT', atPause: () => temporaries(dir).length });
    // Every schema was staged beside its target when it paused: the three of PUBLISHED_SCHEMAS
    // (src/data/schema.ts: categories, news, paper), counted here, not taken from the command's output.
    expect(run.stderr).toBe('schema: paused with 3 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nschema: stopped by SIGINT; nothing written.\n');
    expect(run).toMatchObject({ code: 130, signal: null, stdout: '', paused: 3 });
    expect(snapshot(dir)).toEqual(before);
  });

  it('add-paper on SIGTERM: no entry of the three is written; 143', async () => {
    const dir = fixtureList();
    const before = snapshot(dir);
    const bib = join(ROOT, 'tests', 'fixtures', 'add', 'bibtex', 'papers.bib');
    const run = await runStopped('add-paper', ['--bibtex', bib, '--category', 'memory-management', '--no-build'], {
      cwd: dir,
      signal: 'SIGTERM',
      atPause: () => temporaries(dir).length,
    });
    expect(run.stderr.endsWith('add-paper: paused with 3 files staged (LINT_LIST_TEST_PAUSE_WRITE).\nadd-paper: stopped by SIGTERM; nothing written.\n')).toBe(true);
    expect(run).toMatchObject({ code: 143, signal: null, paused: 3 });
    // Nothing was added, so nothing says "Added" (it was printed before the write began).
    expect(run.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a link check stopped by Ctrl-C', () => {
  it('ends at the first SIGINT while links are being checked (it writes nothing until it is done), 130', async () => {
    // A host that takes every request and never answers; the check would wait ten minutes for it.
    const waiting: ServerResponse[] = [];
    let asked: () => void = () => {};
    const firstRequest = new Promise<void>((resolve) => (asked = resolve));
    const server = createServer((_request, response) => {
      waiting.push(response);
      asked();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const dir = tempDir('links-stop-');
    writeFiles(dir, {
      'data/categories.yaml': 'categories:\n  - id: alpha\n    name:\n      en: Alpha\n',
      'data/papers/alpha/0010-a.yaml': `title: A Paper on Long Context\nurl: http://127.0.0.1:${port}/paper\nyear: 2024\n`,
      'links.yaml': 'defaults: { timeoutMs: 600000 }\n',
    });
    try {
      const child = spawn(process.execPath, cliArgs('lint-list', ['--data', 'data', '--links', '--allow-private-hosts', '--no-cache', '--config', 'links.yaml']), {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', LINT_LIST_CACHE_DIR: join(dir, '.cache') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      await firstRequest;
      child.kill('SIGINT');
      expect(await closed).toBe(130);
      expect(stderr.endsWith('lint-list: stopped by SIGINT; nothing written.\n')).toBe(true);
      expect(temporaries(dir)).toEqual([]);
    } finally {
      for (const response of waiting) response.destroy();
      server.close();
    }
  }, 60_000);
});
