import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageReader } from '../../src/cli/import-readme-pages.js';
import { LAUNCHER, runCli, tempDir, writeFiles, type Run } from '../helpers.js';

/** Entry n as build-readme writes it. */
function entry(n: number, authors = 'Ann Lee, Bo Chen'): string {
  return `* **[Paper ${n} on long context.](https://arxiv.org/abs/2401.${String(n).padStart(5, '0')})** ${authors}. arXiv preprint arXiv:2401.${String(n).padStart(5, '0')}, 2024`;
}

function page(title: string, entries: string[], eol = '\n'): string {
  return [`<!-- This file is generated. -->`, '', `# ${title}`, '', 'Back to [README.md](../../README.md)', '', ...entries].join(eol) + eol;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => entry(from + i));

/** Six pages in three categories (one linking to a page that is not there), each page with something to report. */
function list(): Record<string, string> {
  const memory2 = range(41, 40);
  // Renders back as "**[Why Do Models Fall Short?](…)**": the self-check reports the difference.
  memory2[5] = '* **[Why Do Models Fall Short?.](https://arxiv.org/abs/2401.00046)** Ann Lee. arXiv preprint arXiv:2401.00046, 2024';
  // Two spaces before the year: the fields cannot give the line back either.
  memory2[20] = '* **[Paper 61 on long context.](https://arxiv.org/abs/2401.00061)** Ann Lee. Some venue,  2024';
  const agents = range(101, 40);
  // Sound UTF-8 beside one double-encoded name: that name alone is repaired, and reported.
  agents[0] = entry(101, 'Léa Wang, Bo Chen');
  agents[3] = entry(104, 'ZoÃ« Liu, Bo Chen');
  const agents2 = range(141, 40);
  agents2[10] = '* **[Paper 151 on long context.](https://arxiv.org/abs/2401.00151)** Ann Lee. arXiv preprint';
  return {
    'README.md': [
      '# A list',
      '',
      '## News',
      '',
      '* [2025.01.02] Something happened.',
      '',
      '## Paper List',
      '',
      '### Memory',
      '',
      '80 papers, on 2 pages: [1](pages/en/memory.md), [2](pages/en/memory-2.md)',
      '',
      '### Agents',
      '',
      '120 papers, on 3 pages: [1](pages/en/agents.md), [2](pages/en/agents-2.md), [3](pages/en/agents-3.md)',
      '',
      '### Gone',
      '',
      '5 papers, on 1 page: [1](pages/en/gone.md)',
      '',
    ].join('\n'),
    'pages/en/memory.md': page('Memory', range(1, 40)),
    'pages/en/memory-2.md': page('Memory', memory2),
    'pages/en/agents.md': page('Agents', agents),
    'pages/en/agents-2.md': page('Agents', agents2),
    'pages/en/agents-3.md': page('Agents', range(181, 40), '\r\n'),
  };
}

/** Every file under `dir`, by relative path. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('import-readme on two threads', () => {
  let root: string;
  const runs: Record<string, { run: Run; files: Record<string, string> }> = {};
  beforeAll(() => {
    root = tempDir();
    writeFiles(root, list());
    for (const threads of ['1', '2']) {
      const run = runCli('import-readme', ['README.md', '--out', 'data'], { cwd: root, env: { LINT_LIST_IMPORT_THREADS: threads } });
      runs[threads] = { run, files: tree(join(root, 'data')) };
      rmSync(join(root, 'data'), { recursive: true });
    }
  });

  it('writes the same files and prints the same findings with the page worker as without it', () => {
    const one = runs['1']!;
    const two = runs['2']!;
    expect(one.run.code).toBe(1);
    expect(one.run.stdout).toBe('Imported 200 entries (1 kept verbatim) in 3 categories and 1 news items into data.\n');
    expect(Object.keys(one.files)).toHaveLength(202);
    expect(one.files['papers/agents/0040-paper-104-on-long-context.yaml']).toContain('authors:\n  - Zoë Liu\n  - Bo Chen\n');
    expect(one.run.stderr.split('\n')).toEqual([
      'README.md',
      'README.md:19:1  error  Links to the page pages/en/gone.md, which cannot be read (no such file or folder); its papers are not imported.  template',
      '',
      'pages/en/agents-2.md',
      'pages/en/agents-2.md:17:1  error  Entry kept verbatim: it does not end with a year. Fix it in its data file.  unparsed-entry',
      '',
      'pages/en/agents.md',
      'pages/en/agents.md:10:72  warning  "Ã«" reads as UTF-8 decoded as Windows-1252; imported as "ë" (the rest of the file is sound UTF-8).  mojibake',
      '',
      'pages/en/memory-2.md',
      'pages/en/memory-2.md:12:31  warning  The entry\'s Markdown differs from the list\'s own writing from here on (".](https://a…" becomes "](https://ar…").  entry-format',
      'pages/en/memory-2.md:27:90  warning  The entry\'s Markdown differs from the list\'s own writing from here on (" 2024…" becomes "2024…").  entry-format',
      '',
      '2 errors, 3 warnings in 4 files',
      'import-readme: the README has 2 errors (above); everything was imported and written all the same. Fix them in the written data files (lint-list shows what remains).',
      '',
    ]);
    expect(two.run).toEqual(one.run);
    expect(two.files).toEqual(one.files);
  });
});

describe('pageReader', () => {
  let root: string;
  let program: string;
  const hrefs = ['pages/en/memory.md', 'pages/en/memory-2.md', 'pages/en/agents.md', 'pages/en/agents-2.md', 'pages/en/agents-3.md', 'pages/en/gone.md'];
  beforeAll(async () => {
    root = tempDir();
    writeFiles(root, list());
    const { ensureBundle } = (await import(pathToFileURL(LAUNCHER).href)) as { ensureBundle: (name: string) => Promise<{ file: string }> };
    program = pathToFileURL((await ensureBundle('import-readme')).file).href;
  });

  const readAll = (threads: 'one' | 'two', from = program, stallMs?: number) => {
    const reader = pageReader(join(root, 'README.md'), root, hrefs, from, threads, stallMs);
    try {
      return { pages: hrefs.map((href) => reader.read(href)), fromWorker: reader.fromWorker() };
    } finally {
      reader.close();
    }
  };

  it('has the worker import every other page, each as the main thread imports it', () => {
    const alone = readAll('one');
    expect(alone.fromWorker).toBe(0);
    expect(alone.pages[5]).toEqual({ error: 'no such file or folder' });
    expect(alone.pages.slice(0, 5).map((p) => ('imported' in p ? p.imported.papers.length : p))).toEqual([40, 40, 40, 40, 40]);
    const both = readAll('two');
    expect(both.fromWorker).toBe(3);
    expect(both.pages).toEqual(alone.pages);
  });

  it('imports the worker\'s pages itself when the worker never answers', () => {
    const idle = join(tempDir(), 'idle.js');
    writeFileSync(idle, '// a program that does nothing\n');
    const stalled = readAll('two', pathToFileURL(idle).href, 50);
    expect(stalled.fromWorker).toBe(0);
    expect(stalled.pages).toEqual(readAll('one').pages);
  });
});
