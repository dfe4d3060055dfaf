import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { lintListCommand } from '../../src/cli/lint-list.js';
import { LintJsonOutput } from '../../src/core/findings-json.js';
import { ensureBundle } from '../../scripts/run.mjs';
import { ROOT, runCli, runInProcess, tempDir, writeFiles } from '../helpers.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures', 'lint');
const fixture = (rule: string, kind: 'fail' | 'pass') => join(FIXTURES, rule, kind);

function ttyIo(cwd: string, env: NodeJS.ProcessEnv): Io & { out: () => string } {
  let out = '';
  return {
    cwd,
    env,
    stdout: { write: (text: string) => (out += text), isTTY: true },
    stderr: { write: () => true, isTTY: true },
    out: () => out,
  };
}

/** Every file under `dir` with its content, to compare trees before and after a run. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

// The first test, the cache's and the colour test run lint-list as a process (through the launcher); the
// cache needs the built bundle, and colour depends on the process's stdout. The others call it in-process.
describe('lint-list, the built CLI', () => {
  it('prints findings grouped by file with a summary, and exits 0 when there are only warnings', () => {
    const run = runCli('lint-list', ['--data', '.'], { cwd: fixture('http-url', 'fail') });
    expect(run.stdout).toBe(
      'papers/alpha/0010-http.yaml\n' +
        'papers/alpha/0010-http.yaml:4:6  warning  The URL uses plain http:; link with https: if the site serves it.  http-url\n' +
        '\n' +
        '0 errors, 1 warning in 1 file\n',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('exits 0 and says so when there is nothing to report', async () => {
    const run = await runInProcess('lint-list', ['--data', '.'], { cwd: fixture('latex-markup', 'pass') });
    expect([run.code, run.stdout, run.stderr]).toEqual([0, 'No problems.\n', '']);
  });

  it('exits 1 when there is an error', async () => {
    const run = await runInProcess('lint-list', ['--data', fixture('missing-url', 'fail')], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'tests/fixtures/lint/missing-url/fail/papers/alpha/0010-nolink.yaml\n' +
        'tests/fixtures/lint/missing-url/fail/papers/alpha/0010-nolink.yaml:3:8  error  The paper has no url; add a link to it (for an arXiv paper, https://arxiv.org/abs/<id>).  missing-url\n' +
        '\n' +
        '1 error, 0 warnings in 1 file\n',
    );
  });

  it('exits 2 for bad usage and for a data directory that cannot be read', async () => {
    const format = await runInProcess('lint-list', ['--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stdout).toBe('');
    expect(format.stderr.split('\n')[0]).toBe('lint-list: --format must be text, json, github, not "xml"');
    const unknown = await runInProcess('lint-list', ['--fixx']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('lint-list: there is no option --fixx; the options are listed below');
    // parseArgs's own words ("Option '--data <value>' argument missing") never reach the user.
    const bare = await runInProcess('lint-list', ['--data']);
    expect([bare.code, bare.stderr.split('\n')[0]]).toEqual([2, 'lint-list: --data needs a value, as in --data <value> (a value that starts with "-" is written --data=<value>)']);
    const dashed = await runInProcess('lint-list', ['--data', '--fix']);
    expect(dashed.stderr.split('\n')[0]).toBe('lint-list: --data needs a value, as in --data <value> (a value that starts with "-" is written --data=<value>)');
    const flag = await runInProcess('lint-list', ['--fix=yes']);
    expect(flag.stderr.split('\n')[0]).toBe('lint-list: --fix takes no value');
    const short = await runInProcess('lint-list', ['-q']);
    expect(short.stderr.split('\n')[0]).toBe('lint-list: there is no option -q; the options are listed below');
    const stray = await runInProcess('lint-list', ['data']);
    expect(stray.stderr.split('\n')[0]).toBe('lint-list: unexpected argument "data": this command takes options only');
    const linkOnly = await runInProcess('lint-list', ['--cache', 'x.json']);
    expect([linkOnly.code, linkOnly.stderr.split('\n')[0]]).toEqual([2, 'lint-list: --cache only applies with --links']);
    const missing = await runInProcess('lint-list', ['--data', 'no-such-dir']);
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', 'lint-list: no-such-dir: no such data directory\n']);
    const templates = await runInProcess('lint-list', ['--templates', 'no-such-dir']);
    expect([templates.code, templates.stderr]).toEqual([2, 'lint-list: no-such-dir: no such templates directory\n']);
  });

  it('prints only JSON on stdout with --format json, valid against its schema', async () => {
    const run = await runInProcess('lint-list', ['--data', '.', '--format', 'json'], { cwd: fixture('bibtex-debris', 'fail') });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const output = LintJsonOutput.parse(JSON.parse(run.stdout));
    expect(output.summary).toEqual({ errors: 6, warnings: 0, infos: 0, fixable: 4, files: 6, entries: 6, silenced: 0 });
    expect(output.findings[0]).toEqual({
      rule: 'bibtex-debris',
      severity: 'error',
      file: 'papers/alpha/0010-dollars.yaml',
      line: 3,
      column: 8,
      message: 'Field "title" holds leftovers of a BibTeX export ("$\\$").',
      fix: { path: ['title'], value: 'Zero-offload: Democratizing billion-scale model training' },
    });
  });

  it('the schema rejects output that breaks it', () => {
    const good = { findings: [], summary: { errors: 0, warnings: 0, infos: 0, fixable: 0, files: 0, entries: 1, silenced: 0 } };
    expect(LintJsonOutput.safeParse(good).success).toBe(true);
    expect(LintJsonOutput.safeParse({ ...good, extra: 1 }).success).toBe(false);
    const finding = { rule: 'no-such-rule', severity: 'error', file: 'a.yaml', line: 1, column: 1, message: 'x' };
    expect(LintJsonOutput.safeParse({ ...good, findings: [finding] }).success).toBe(false);
    expect(LintJsonOutput.safeParse({ ...good, findings: [{ ...finding, rule: 'year', line: 0 }] }).success).toBe(false);
  });

  it('prints GitHub annotations with --format github', async () => {
    const run = await runInProcess('lint-list', ['--data', '.', '--format', 'github'], { cwd: fixture('title-style', 'fail') });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      '::warning file=papers/alpha/0010-period.yaml,line=3,col=8,title=title-style::Field "title" ends with a period; titles are stored without it, the README adds the closing period.',
      '::warning file=papers/alpha/0020-space.yaml,line=3,col=8,title=title-style::Field "title" ends with whitespace.',
      '::warning file=papers/alpha/0030-both.yaml,line=3,col=8,title=title-style::Field "title" ends with a period and whitespace; titles are stored without it, the README adds the closing period.',
      '0 errors, 3 warnings in 3 files (3 fixable with --fix)',
      '',
    ]);
  });

  it('checks the default templates/, and caches those findings by their inputs', () => {
    const dir = tempDir('lint-anchor-');
    cpSync(fixture('anchor', 'fail'), dir, { recursive: true });
    const cache = join(dir, '.cache');
    const env = { LINT_LIST_CACHE_DIR: cache };
    const places = (stdout: string) => LintJsonOutput.parse(JSON.parse(stdout)).findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}`);
    const expected = ['news.yaml:6:11 anchor', 'templates/README.md:3:37 anchor', 'templates/README.md:13:45 anchor', 'templates/README_zh.md:3:4 anchor'];

    const cold = runCli('lint-list', ['--data', '.', '--format', 'json'], { cwd: dir, env });
    expect([cold.code, places(cold.stdout)]).toEqual([1, expected]);
    const warm = runCli('lint-list', ['--data', '.', '--format', 'json'], { cwd: dir, env });
    expect(warm.stdout).toBe(cold.stdout);

    // The second run read the cache: a finding planted in it under the same key shows up...
    const file = join(cache, 'anchors.json');
    const cached = JSON.parse(readFileSync(file, 'utf8')) as { key: string; problems: unknown[] };
    const planted = { rule: 'anchor', severity: 'error', file: 'templates/README.md', line: 1, column: 1, message: 'From the cache.' };
    writeFileSync(file, JSON.stringify({ ...cached, problems: [planted] }));
    expect(places(runCli('lint-list', ['--data', '.', '--format', 'json'], { cwd: dir, env }).stdout)).toEqual(['templates/README.md:1:1 anchor']);
    // ...and any change to an input is a new key: the template changed, the rule ran again.
    writeFileSync(join(dir, 'templates', 'README.md'), `${readFileSync(join(dir, 'templates', 'README.md'), 'utf8')}\nMore prose.\n`);
    expect(places(runCli('lint-list', ['--data', '.', '--format', 'json'], { cwd: dir, env }).stdout)).toEqual(expected);
  });

  it('never colours output that is not a terminal, even without NO_COLOR', () => {
    const run = runCli('lint-list', ['--data', '.'], { cwd: fixture('http-url', 'fail'), env: { NO_COLOR: '' } });
    expect(run.stdout).not.toContain('\u001B[');
  });
});

describe('lint-list in place', () => {
  it('colours a terminal, unless NO_COLOR is set', async () => {
    const coloured = ttyIo(fixture('http-url', 'fail'), { TERM: 'xterm' });
    expect(await lintListCommand(['--data', '.'], coloured)).toBe(0);
    expect(coloured.out()).toContain('\u001B[33mwarning\u001B[39m');
    const plain = ttyIo(fixture('http-url', 'fail'), { TERM: 'xterm', NO_COLOR: '1' });
    expect(await lintListCommand(['--data', '.'], plain)).toBe(0);
    expect(plain.out()).not.toContain('\u001B[');
  });
});

describe('lint-list --fix', () => {
  it('fixes in place, prints what changed, keeps comments, and a second run changes nothing', async () => {
    const dir = tempDir('lint-fix-');
    const B = '\\';
    const files: Record<string, string> = {
      'categories.yaml': '# The categories.\ncategories:\n  - id: alpha\n    name:\n      en: "Alpha  Team"   # doubled on purpose\n',
      'papers/alpha/0010-a.yaml': [
        '# yaml-language-server: $schema=../../../schema/paper.schema.json',
        '',
        `title: "Lossless KV Cache Compression to 2${B}${B}%." # the seed's title`,
        'url: http://arxiv.org/pdf/2410.15252v2',
        'authors:',
        '  # as BibTeX wrote them',
        `  - Morgane Rivi{${B}\`e}re`,
        '  - "Ond{\\\\v{r}}ej\\tDu{\\\\v{s}}ek"',
        "  - 'Ada\u200bLovelace'",
        'venue: arXiv preprint arXiv:2410.15252',
        'year: 2024',
        '',
      ].join('\n'),
      'papers/alpha/0020-b.yaml': [
        '# BibTeX debris, and what cannot be fixed',
        '',
        'title: Hydro:$\\$Surrogate-Based$\\$ Hyperparameter Tuning Service in Datacenters',
        'url: https://example.org/zero',
        'venue: URL https://example.org/zero   # not fixable: a person decides',
        'year: 2021',
        '',
      ].join('\n'),
    };
    writeFiles(dir, files);

    const first = await runInProcess('lint-list', ['--data', '.', '--fix'], { cwd: dir });
    expect(first.stdout).toBe(
      [
        'Fixed 8 fields in 3 files:',
        '  categories.yaml:5  categories[0].name.en  "Alpha  Team" → "Alpha Team"  (whitespace)',
        `  papers/alpha/0010-a.yaml:3  title  "Lossless KV Cache Compression to 2${B}%." → "Lossless KV Cache Compression to 2%"  (latex-markup, title-style)`,
        '  papers/alpha/0010-a.yaml:3  arxiv  (none) → "2410.15252"  (arxiv-url)',
        '  papers/alpha/0010-a.yaml:4  url  "http://arxiv.org/pdf/2410.15252v2" → "https://arxiv.org/abs/2410.15252"  (arxiv-url)',
        `  papers/alpha/0010-a.yaml:7  authors[0]  "Morgane Rivi{${B}\`e}re" → "Morgane Rivière"  (latex-markup)`,
        `  papers/alpha/0010-a.yaml:8  authors[1]  "Ond{${B}v{r}}ej\\u0009Du{${B}v{s}}ek" → "Ondřej Dušek"  (latex-markup, whitespace)`,
        '  papers/alpha/0010-a.yaml:9  authors[2]  "Ada\\u200BLovelace" → "AdaLovelace"  (invisible-char)',
        '  papers/alpha/0020-b.yaml:3  title  "Hydro:$\\$Surrogate-Based$\\$ Hyperparameter Tuni…" → "Hydro:Surrogate-Based Hyperparameter Tuni…"  (bibtex-debris)',
        '',
        'papers/alpha/0020-b.yaml',
        'papers/alpha/0020-b.yaml:5:8  error  Field "venue" holds leftovers of a BibTeX export ("URL https://example.org/zero"); write where the paper appeared (for an arXiv preprint: arXiv preprint arXiv:<id>).  bibtex-debris',
        '',
        '1 error, 0 warnings in 1 file',
        '',
      ].join('\n'),
    );
    expect(first.code).toBe(1);

    const fixed = snapshot(dir);
    expect(fixed).toEqual({
      'categories.yaml': '# The categories.\ncategories:\n  - id: alpha\n    name:\n      en: "Alpha Team"   # doubled on purpose\n',
      [join('papers', 'alpha', '0010-a.yaml')]: [
        '# yaml-language-server: $schema=../../../schema/paper.schema.json',
        '',
        `title: "Lossless KV Cache Compression to 2%" # the seed's title`,
        'url: https://arxiv.org/abs/2410.15252',
        'authors:',
        '  # as BibTeX wrote them',
        '  - Morgane Rivière',
        '  - "Ondřej Dušek"',
        "  - 'AdaLovelace'",
        'venue: arXiv preprint arXiv:2410.15252',
        'year: 2024',
        'arxiv: "2410.15252"',
        '',
      ].join('\n'),
      [join('papers', 'alpha', '0020-b.yaml')]: [
        '# BibTeX debris, and what cannot be fixed',
        '',
        'title: Hydro:Surrogate-Based Hyperparameter Tuning Service in Datacenters',
        'url: https://example.org/zero',
        'venue: URL https://example.org/zero   # not fixable: a person decides',
        'year: 2021',
        '',
      ].join('\n'),
    });

    const second = await runInProcess('lint-list', ['--data', '.', '--fix'], { cwd: dir });
    expect(second.stdout.split('\n').slice(0, 3)).toEqual(['Nothing to fix.', '', 'papers/alpha/0020-b.yaml']);
    expect(snapshot(dir)).toEqual(fixed);
    expect(second.code).toBe(1);
  });

  it('sends the change log to stderr with --format json, keeping stdout JSON', async () => {
    const dir = tempDir('lint-fix-json-');
    cpSync(fixture('title-style', 'fail'), dir, { recursive: true });
    const run = await runInProcess('lint-list', ['--data', '.', '--fix', '--format', 'json'], { cwd: dir });
    const output = LintJsonOutput.parse(JSON.parse(run.stdout));
    expect(output.findings).toEqual([]);
    expect(output.summary.fixed).toBe(3);
    expect(run.stderr.split('\n')[0]).toBe('Fixed 3 fields in 3 files:');
    expect(run.code).toBe(0);
  });
});


describe('lint-list start-up', () => {
  /**
   * The sources in the bundle that npm run loads before lint-list starts: the entry and the chunks it
   * imports statically (dynamic import() is how the heavy parts load on demand). esbuild marks where
   * each source file begins with a `// <path>` comment.
   */
  function staticSources(entry: string): Set<string> {
    const files = new Set<string>();
    const sources = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm)) visit(join(dirname(file), match[1]!));
      for (const match of text.matchAll(/^\/\/ ((?:node_modules|src)\/\S+)$/gm)) sources.add(match[1]!);
    };
    visit(entry);
    return sources;
  }

  it('loads neither the link checker nor the Markdown parser unless asked to', async () => {
    const bundle = await ensureBundle('lint-list', ROOT);
    const sources = [...staticSources(bundle.file)];
    const heavy = /^node_modules\/(undici|unified|remark-parse|mdast-util-to-markdown)\/|^src\/links\//;
    expect(sources.filter((path) => heavy.test(path))).toEqual([]);
    expect(sources).toContain('src/lint/check-list.ts');
    // The heavy parts are in the bundle, only not loaded at start-up.
    const all = readdirSync(bundle.dir).map((name) => readFileSync(join(bundle.dir, name), 'utf8')).join('\n');
    expect(all).toContain('// src/links/check.ts');
  });
});
