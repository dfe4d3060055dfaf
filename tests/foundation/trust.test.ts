import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReadmeCommand } from '../../src/cli/build-readme.js';
import { lintListCommand } from '../../src/cli/lint-list.js';
import { loadPublishable } from '../../src/lint/gate.js';
import { loadTemplates } from '../../src/render/read-templates.js';
import { firstInvalidUtf8 } from '../../src/text/utf8.js';
import { cliArgs, memoryIo, tempDir } from '../helpers.js';
import { LintJsonOutput } from '../../src/core/findings-json.js';

/**
 * Issue 10, part A: nothing under data/ is lost, corrupted or silently skipped, and build-readme
 * never publishes what lint-list rejects. Each case starts from a small list in a temp dir whose
 * README was built from it, breaks one thing, and checks the findings, the exit code and that the
 * README's bytes did not change.
 */

const CATEGORIES = 'categories:\n  - id: alpha\n    name:\n      en: Alpha\n  - id: beta\n    name:\n      en: Beta\n';
const TEMPLATE = '# Title\n\n## News\n\n<!-- generated:news -->\n\n## Contents\n\n<!-- generated:toc -->\n\n## Paper List\n\n<!-- generated:papers -->\n';

function paperYaml(title: string, id: string, authors: string): string {
  return `title: "${title}"\nurl: https://arxiv.org/abs/${id}\nauthors:\n${authors}year: 2024\narxiv: "${id}"\n`;
}

function put(dir: string, path: string, content: string | Buffer): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}

async function run(command: typeof lintListCommand, args: string[], dir: string): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(dir);
  const code = await command(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A two-paper list with its README built, and the README's bytes. */
async function builtList(): Promise<{ dir: string; readme: Buffer }> {
  const dir = tempDir('trust-');
  put(dir, 'data/categories.yaml', CATEGORIES);
  put(dir, 'data/papers/alpha/0010-a.yaml', paperYaml('A Paper', '2401.00001', '  - Ada Lovelace\n'));
  put(dir, 'data/papers/beta/0010-b.yaml', paperYaml('B Paper', '2401.00002', '  - Alan Turing\n'));
  put(dir, 'templates/README.md', TEMPLATE);
  const first = await run(buildReadmeCommand, [], dir);
  expect(first).toEqual({ code: 0, out: `Wrote README.md (${readFileSync(join(dir, 'README.md')).length} bytes), papers.bib (${readFileSync(join(dir, 'papers.bib')).length} bytes) from 2 entries.\n`, err: '' });
  return { dir, readme: readFileSync(join(dir, 'README.md')) };
}

/** build-readme refuses: exit 1, the findings, and the README's bytes unchanged. */
async function expectRefused(dir: string, readme: Buffer, findings: string[]): Promise<void> {
  const build = await run(buildReadmeCommand, [], dir);
  expect(build.code).toBe(1);
  expect(build.out).toBe('');
  for (const line of findings) expect(build.err).toContain(`${line}\n`);
  expect(build.err.endsWith('build-readme: nothing written; fix the errors above first.\n')).toBe(true);
  expect(readFileSync(join(dir, 'README.md')).equals(readme)).toBe(true);
}

describe('strict UTF-8', () => {
  it('reports a Latin-1 byte at its line and column, and build-readme writes no U+FFFD', async () => {
    const { dir, readme } = await builtList();
    const [before, after] = paperYaml('C Paper', '2401.00003', '  - "Ren# Descartes"\n').split('#') as [string, string];
    // "René" in Latin-1: the author on line 4, the byte after the 8 characters `  - "Ren`.
    put(dir, 'data/papers/alpha/0020-latin1.yaml', Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]));
    const finding = 'data/papers/alpha/0020-latin1.yaml:4:9  error  Byte 0xE9 is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8.  encoding';
    const lint = await run(lintListCommand, [], dir);
    expect(lint.out).toBe(`data/papers/alpha/0020-latin1.yaml\n${finding}\n\n1 error, 0 warnings in 1 file\n`);
    expect(lint.code).toBe(1);
    await expectRefused(dir, readme, [finding]);
    expect(readme.toString('utf8')).not.toContain('\uFFFD');
  });

  it('refuses a template that is not UTF-8, naming file, line and column', async () => {
    const { dir, readme } = await builtList();
    put(dir, 'templates/README.md', Buffer.concat([Buffer.from('# Title\n\nCaf'), Buffer.from([0xe9, 0x0a]), Buffer.from(TEMPLATE.slice('# Title\n'.length))]));
    const build = await run(buildReadmeCommand, [], dir);
    expect(build).toEqual({
      code: 2,
      out: '',
      err: 'build-readme: templates/README.md:3:4: Byte 0xE9 is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252); save it as UTF-8. (encoding)\n',
    });
    expect(readFileSync(join(dir, 'README.md')).equals(readme)).toBe(true);
  });
});

describe('firstInvalidUtf8', () => {
  const at = (...parts: (string | number[])[]) =>
    firstInvalidUtf8(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part)))));
  it('finds the first byte that is not UTF-8, with line and column (UTF-16 units, as YAML positions)', () => {
    expect(at('ok\né ok 😀\n')).toBe(undefined);
    expect(at('A', [0xc0, 0x80])).toEqual({ offset: 1, byte: 0xc0, line: 1, column: 2 }); // overlong
    expect(at('ab\nc', [0xed, 0xa0, 0x80])).toEqual({ offset: 4, byte: 0xed, line: 2, column: 2 }); // a surrogate
    expect(at('é', [0xe2, 0x82])).toEqual({ offset: 2, byte: 0xe2, line: 1, column: 2 }); // cut off at the end
    expect(at('😀', [0xf5, 0x80])).toEqual({ offset: 4, byte: 0xf5, line: 1, column: 3 }); // beyond U+10FFFF
    expect(at('x\n\nRen', [0xe9], ' Descartes')).toEqual({ offset: 6, byte: 0xe9, line: 3, column: 4 }); // Latin-1
  });
});

describe('author shape', () => {
  it('reports two authors merged by an item indented one space too far', async () => {
    const { dir, readme } = await builtList();
    put(dir, 'data/papers/alpha/0020-merged.yaml', paperYaml('C Paper', '2401.00003', '  - Xiaoran Liu\n   - Ruixiao Li\n'));
    const finding =
      'data/papers/alpha/0020-merged.yaml:4:5  error  Field "authors[0]" holds " - ": two authors merged into one, probably a list item indented one space too far; give each author its own "- " line.  author-shape';
    const lint = await run(lintListCommand, [], dir);
    expect(lint.out).toBe(`data/papers/alpha/0020-merged.yaml\n${finding}\n\n1 error, 0 warnings in 1 file\n`);
    await expectRefused(dir, readme, [finding]);
  });
});

describe('every file under data/ is accounted for', () => {
  it('reports .YAML, .yaml.txt, a subfolder of a category and a file directly in papers/', async () => {
    const { dir, readme } = await builtList();
    const text = paperYaml('C Paper', '2401.00003', '  - Ada Lovelace\n');
    put(dir, 'data/papers/alpha/0020-c.YAML', text);
    put(dir, 'data/papers/alpha/0030-d.yaml.txt', text.replace('C Paper', 'D Paper'));
    put(dir, 'data/papers/alpha/old/0040-e.yaml', text.replace('C Paper', 'E Paper'));
    put(dir, 'data/papers/0050-f.yaml', text.replace('C Paper', 'F Paper'));
    const findings = [
      'data/papers/0050-f.yaml:1:1  error  Not loaded: a paper goes in the folder of its category, papers/<category>/<number>-<name>.yaml.  stray-file',
      'data/papers/alpha/0020-c.YAML:1:1  error  Not loaded: a paper file name ends in ".yaml" exactly (lower case, not ".yml" or ".yaml.txt"); rename it.  stray-file',
      'data/papers/alpha/0030-d.yaml.txt:1:1  error  Not loaded: a paper file name ends in ".yaml" exactly (lower case, not ".yml" or ".yaml.txt"); rename it.  stray-file',
      'data/papers/alpha/old:1:1  error  Is a folder inside a category; papers go directly in papers/<category>/, so nothing in it is loaded.  stray-file',
    ];
    const lint = await run(lintListCommand, [], dir);
    expect(lint.out.split('\n').filter((line) => line.includes('  error  '))).toEqual(findings);
    expect(lint.code).toBe(1);
    await expectRefused(dir, readme, findings);
  });

  it('refuses a file over 256 KiB by name, unread, and lints a long author list without overflowing', async () => {
    const { dir, readme } = await builtList();
    // 130,000 authors (3 MB): a hostile pull request; before, lint-list crashed with "Maximum call stack size exceeded".
    put(dir, 'data/papers/alpha/0020-huge.yaml', paperYaml('Huge Paper', '2401.00009', '  - Ada Lovelace\n'.repeat(130_000)));
    const finding = 'data/papers/alpha/0020-huge.yaml:1:1  error  Holds 2159 KiB; a data file holds at most 256 KiB, so it is not loaded.  stray-file';
    const lint = await run(lintListCommand, [], dir);
    expect(lint.out.split('\n').filter((line) => line.includes('  error  '))).toEqual([finding]);
    expect(lint.code).toBe(1);
    await expectRefused(dir, readme, [finding]);
    // Just under the limit, 12,000 authors load, and every one is checked.
    put(dir, 'data/papers/alpha/0020-huge.yaml', paperYaml('Huge Paper', '2401.00009', '  - Ada Lovelace\n'.repeat(11_999) + '  - Ada Lovelace and Alan Turing\n'));
    const many = await run(lintListCommand, [], dir);
    expect(many.out.split('\n').filter((line) => line.includes('  error  '))).toEqual([
      'data/papers/alpha/0020-huge.yaml:12003:5  error  Field "authors[11999]" holds " and ": two authors in one item; give each its own line.  author-shape',
    ]);
  });

  it('lets no exception silence a file that does not load, so no paper leaves the README unsaid', async () => {
    const { dir, readme } = await builtList();
    // Before: lint-list said "No problems." and build-readme wrote a README without this paper.
    put(dir, 'data/papers/alpha/0010-a.yaml', `${paperYaml('A Paper', '2401.00001', '  - Ada Lovelace\n')}comment: hidden\nexceptions:\n  - rule: schema\n    reason: An exception must not hide a paper from the README.\n`);
    const lint = await run(lintListCommand, [], dir);
    expect(lint.out.split('\n').filter((line) => line.includes('  error  ') || line.includes('  warning  '))).toEqual([
      'data/papers/alpha/0010-a.yaml:7:1  error  The entry has unknown field "comment"; check the spelling.  schema',
      // Not "no longer silences anything": it never could.
      'data/papers/alpha/0010-a.yaml:9:11  warning  Exception "schema" cannot be silenced: a schema error stops the file from loading; fix the field and remove the exception.  unused-exception',
    ]);
    expect(lint.code).toBe(1);
    await expectRefused(dir, readme, ['data/papers/alpha/0010-a.yaml:7:1  error  The entry has unknown field "comment"; check the spelling.  schema']);
  });

  it('refuses a directory named like a paper by name, without a stack trace', async () => {
    const { dir, readme } = await builtList();
    mkdirSync(join(dir, 'data/papers/alpha/0590-x.yaml'));
    const finding = 'data/papers/alpha/0590-x.yaml:1:1  error  Is a folder, not a paper file; a paper is a file papers/<category>/<number>-<name>.yaml.  stray-file';
    const lint = await run(lintListCommand, [], dir);
    expect(lint.out).toBe(`data/papers/alpha/0590-x.yaml\n${finding}\n\n1 error, 0 warnings in 1 file\n`);
    expect(lint.code).toBe(1);
    await expectRefused(dir, readme, [finding]);
  });

  it('never reads through a link: the content of the target appears in no output', async () => {
    const { dir, readme } = await builtList();
    const outside = tempDir('trust-outside-');
    put(outside, 'secret.yaml', 'title: "SECRET-TOKEN-5e1f"\n');
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'data/papers/alpha/0020-link.yaml'));
    symlinkSync(join(outside, 'secret.yaml'), join(dir, 'data/news.yaml'));
    // A folder link that would pass for a category.
    put(outside, 'gamma/0010-s.yaml', paperYaml('SECRET-TOKEN-5e1f', '2401.00009', '  - Ada Lovelace\n'));
    symlinkSync(join(outside, 'gamma'), join(dir, 'data/papers/gamma'));
    const link = 'error  Is a symbolic link, not a regular file; only regular files are read (links are never followed), so it is not loaded.  stray-file';
    const findings = [`data/news.yaml:1:1  ${link}`, `data/papers/alpha/0020-link.yaml:1:1  ${link}`, `data/papers/gamma:1:1  ${link}`];
    const outputs: string[] = [];
    for (const format of ['text', 'json', 'github']) {
      const lint = await run(lintListCommand, ['--format', format], dir);
      expect(lint.code).toBe(1);
      outputs.push(lint.out, lint.err);
    }
    expect(outputs[0]!.split('\n').filter((line) => line.includes('  error  '))).toEqual(findings);
    const build = await run(buildReadmeCommand, [], dir);
    outputs.push(build.out, build.err);
    await expectRefused(dir, readme, findings);
    for (const output of outputs) expect(output).not.toContain('SECRET-TOKEN');
  });

  it('lint-list finishes on a link to /dev/zero and on a named pipe (a real process)', () => {
    const dir = tempDir('trust-devices-');
    put(dir, 'data/categories.yaml', CATEGORIES);
    put(dir, 'data/papers/alpha/0010-a.yaml', paperYaml('A Paper', '2401.00001', '  - Ada Lovelace\n'));
    symlinkSync('/dev/zero', join(dir, 'data/papers/0020-zero.yaml'));
    symlinkSync('/dev/zero', join(dir, 'data/papers/alpha/0030-zero.yaml'));
    execFileSync('mkfifo', [join(dir, 'data/papers/alpha/0040-pipe.yaml')]);
    // Opening either would block or never end: the timeout turns a hang into a failure.
    const result = spawnSync(process.execPath, cliArgs('lint-list', []), {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.signal).toBe(null);
    expect(result.stdout.split('\n').filter((line) => line.includes('  error  '))).toEqual([
      'data/papers/0020-zero.yaml:1:1  error  Is a symbolic link, not a regular file; only regular files are read (links are never followed), so it is not loaded.  stray-file',
      'data/papers/alpha/0030-zero.yaml:1:1  error  Is a symbolic link, not a regular file; only regular files are read (links are never followed), so it is not loaded.  stray-file',
      'data/papers/alpha/0040-pipe.yaml:1:1  error  Is a named pipe, not a regular file; only regular files are read (links are never followed), so it is not loaded.  stray-file',
    ]);
    expect(result.status).toBe(1);
  });
});

describe('build-readme never writes what lint-list rejects', () => {
  it('refuses papers in a folder that is not a category, or in a category removed from categories.yaml', async () => {
    const { dir, readme } = await builtList();
    put(dir, 'data/papers/gamma/0010-c.yaml', paperYaml('C Paper', '2401.00003', '  - Ada Lovelace\n'));
    put(dir, 'data/categories.yaml', CATEGORIES.slice(0, CATEGORIES.indexOf('  - id: beta')));
    const message = (folder: string) => `is not a category in categories.yaml, so this entry is left out of the README; move it or add the category.  unknown-category`;
    await expectRefused(dir, readme, [
      `data/papers/beta/0010-b.yaml:1:1  error  The folder papers/beta/ ${message('beta')}`,
      `data/papers/gamma/0010-c.yaml:1:1  error  The folder papers/gamma/ ${message('gamma')}`,
    ]);
  });

  it('refuses a duplicate arXiv ID, a LaTeX accent and a zero-width space', async () => {
    const cases: [string, string, string][] = [
      ['0020-dup.yaml', 'title: "A Paper"\nurl: https://openreview.net/forum?id=abc\nauthors:\n  - Ada Lovelace\nyear: 2024\narxiv: "2401.00001"\n', 'duplicate-arxiv-id'],
      ['0020-latex.yaml', paperYaml('C Paper', '2401.00003', "  - \"Ren{\\\\'e} Descartes\"\n"), 'latex-markup'],
      ['0020-zwsp.yaml', paperYaml('C\u200bPaper', '2401.00003', '  - Ada Lovelace\n'), 'invisible-char'],
    ];
    for (const [name, text, rule] of cases) {
      const { dir, readme } = await builtList();
      put(dir, `data/papers/alpha/${name}`, text);
      const lint = await run(lintListCommand, [], dir);
      expect(lint.code, rule).toBe(1);
      const errors = lint.out.split('\n').filter((line) => line.includes('  error  '));
      expect(errors.map((line) => line.split('  ').at(-1)), rule).toEqual([rule]);
      await expectRefused(dir, readme, errors);
    }
  });

  it('loadPublishable: the list when only warnings remain, the same findings lint-list prints', async () => {
    const { dir } = await builtList();
    const templates = loadTemplates(join(dir, 'templates'), dir);
    put(dir, 'data/papers/alpha/0020-http.yaml', 'title: "C Paper"\nurl: http://example.org/c\nauthors:\n  - Ada Lovelace\nyear: 2024\n');
    const ok = await loadPublishable(join(dir, 'data'), dir, templates);
    expect(ok.value?.papers.map((p) => p.source.file)).toEqual(['data/papers/alpha/0010-a.yaml', 'data/papers/alpha/0020-http.yaml', 'data/papers/beta/0010-b.yaml']);
    expect(ok.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual(['data/papers/alpha/0020-http.yaml:2:6 warning http-url']);

    put(dir, 'data/papers/alpha/0030-dup.yaml', 'title: "B Paper"\nurl: https://openreview.net/forum?id=abc\nauthors:\n  - Ada Lovelace\nyear: 2024\narxiv: "2401.00002"\n');
    const refused = await loadPublishable(join(dir, 'data'), dir, templates);
    expect(refused.value).toBe(undefined);
    const lint = await run(lintListCommand, ['--format', 'json'], dir);
    const printed = LintJsonOutput.parse(JSON.parse(lint.out)).findings;
    expect(refused.problems.map(({ rule, file, line, column, message }) => ({ rule, file, line, column, message }))).toEqual(
      printed.map(({ rule, file, line, column, message }) => ({ rule, file, line, column, message })),
    );
    expect(printed.map((p) => p.rule)).toEqual(['http-url', 'duplicate-arxiv-id']);
  });

  it('prints the count it rendered', async () => {
    const { dir } = await builtList();
    rmSync(join(dir, 'data/papers/beta/0010-b.yaml'));
    const build = await run(buildReadmeCommand, [], dir);
    expect(build.code).toBe(0);
    expect(build.out).toMatch(/ from 1 entries\.\n$/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8').match(/^\* \*\*\[/gm)).toHaveLength(1);
  });
});

describe('titles ending in ? or !', () => {
  it('get no closing period in the README, and title-style --fix removes a stored "?." or "!."', async () => {
    const { dir } = await builtList();
    put(dir, 'data/papers/alpha/0020-q.yaml', paperYaml('Does It Fall Short?', '2401.00003', '  - Ada Lovelace\n'));
    put(dir, 'data/papers/alpha/0030-x.yaml', paperYaml('Attention Is Power!.', '2401.00004', '  - Ada Lovelace\n'));
    const fix = await run(lintListCommand, ['--fix'], dir);
    expect(fix.out).toBe(
      'Fixed 1 field in 1 file:\n' +
        '  data/papers/alpha/0030-x.yaml:1  title  "Attention Is Power!." → "Attention Is Power!"  (title-style)\n\nNo problems.\n',
    );
    expect(readFileSync(join(dir, 'data/papers/alpha/0030-x.yaml'), 'utf8')).toBe(paperYaml('Attention Is Power!', '2401.00004', '  - Ada Lovelace\n'));
    expect((await run(buildReadmeCommand, [], dir)).code).toBe(0);
    const lines = readFileSync(join(dir, 'README.md'), 'utf8').split('\n').filter((line) => line.startsWith('* **['));
    expect(lines).toEqual([
      '* **[A Paper.](https://arxiv.org/abs/2401.00001)** Ada Lovelace. 2024',
      '* **[Does It Fall Short?](https://arxiv.org/abs/2401.00003)** Ada Lovelace. 2024',
      '* **[Attention Is Power!](https://arxiv.org/abs/2401.00004)** Ada Lovelace. 2024',
      '* **[B Paper.](https://arxiv.org/abs/2401.00002)** Alan Turing. 2024',
    ]);
  });
});
