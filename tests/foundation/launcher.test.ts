import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE as BUILD_README_USAGE } from '../../src/cli/build-readme.js';
import { USAGE as IMPORT_README_USAGE } from '../../src/cli/import-readme.js';
import { USAGE as LINT_LIST_USAGE } from '../../src/cli/lint-list.js';
import { LAUNCHER, ROOT, runCli, runInProcess, tempDir, type Run } from '../helpers.js';

/** The commands: every src/cli/<name>.ts that is a program (starts with a shebang). */
const COMMANDS = readdirSync(join(ROOT, 'src', 'cli'))
  .filter((name) => name.endsWith('.ts') && readFileSync(join(ROOT, 'src', 'cli', name), 'utf8').startsWith('#!'))
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

/** A copy of the sources, so edits touch nothing of the repository; the launcher is pointed at it. */
function copyOfSources(): string {
  const root = tempDir('launcher-');
  cpSync(join(ROOT, 'src'), join(root, 'src'), { recursive: true });
  for (const name of ['package-lock.json', 'tsconfig.json']) cpSync(join(ROOT, name), join(root, name));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

describe('npm run <command>', () => {
  it('runs every command through the launcher', () => {
    // A new command needs its script line, nothing else.
    expect(COMMANDS).toEqual(expect.arrayContaining(['add-paper', 'build-readme', 'import-readme', 'link-report', 'lint-list', 'schema', 'sync-issue-form']));
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const name of COMMANDS) expect(scripts[name], name).toBe(`node scripts/run.mjs ${name}`);
    expect(Object.values(scripts).filter((line) => line.includes('dist/src/cli/'))).toEqual([]);
  });

  // Three builds and five node processes: give a busy machine room (no timing is asserted).
  it('builds a missing bundle, reuses it, and rebuilds it after a source file changes', { timeout: 120_000 }, () => {
    const root = copyOfSources();
    const env = { ...process.env, TOOL_SOURCE_ROOT: root };
    const run = () => spawnSync(process.execPath, [LAUNCHER, 'schema', '--help'], { cwd: root, env, encoding: 'utf8' });
    const bundles = () => (existsSync(join(root, '.cache', 'bin')) ? readdirSync(join(root, '.cache', 'bin')).sort() : []);

    expect(bundles()).toEqual([]);
    const first = run();
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Usage: npm run schema/);
    expect(first.stdout).not.toContain('Edited after the first build.');
    const built = bundles();
    expect(built).toEqual([expect.stringMatching(/^schema-[0-9a-f]{16}$/)]);
    const entry = join(root, '.cache', 'bin', built[0]!, 'schema.js');
    const builtAt = statSync(entry).mtimeMs;

    // Unchanged sources: the same bundle, not written again.
    expect(run().stdout).toBe(first.stdout);
    expect(bundles()).toEqual(built);
    expect(statSync(entry).mtimeMs).toBe(builtAt);

    // An edit (as a `git pull` makes) is in the very next run.
    const source = join(root, 'src', 'cli', 'schema.ts');
    const text = readFileSync(source, 'utf8');
    expect(text).toContain('Usage: npm run schema');
    writeFileSync(source, text.replace('Usage: npm run schema', 'Usage (edited): npm run schema'));
    const second = run();
    expect(second.stderr).toBe('');
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/^Usage \(edited\): npm run schema/);
    expect(bundles()).toHaveLength(2);

    // A source that does not compile: the launcher says so, naming the place, and runs nothing.
    writeFileSync(source, `${text}\nexport const broken = ;\n`);
    const third = run();
    expect(third.status).toBe(2);
    expect(third.stdout).toBe('');
    expect(third.stderr).toMatch(/^run: cannot build schema: src\/cli\/schema\.ts:\d+:\d+: .+\n$/);
    expect(bundles()).toHaveLength(2);
  });

  it('prunes a bundle only when unused for an hour: a run that reuses one keeps it', { timeout: 120_000 }, () => {
    const root = copyOfSources();
    const env = { ...process.env, TOOL_SOURCE_ROOT: root };
    const run = () => spawnSync(process.execPath, [LAUNCHER, 'schema', '--help'], { cwd: root, env, encoding: 'utf8' });
    const bin = join(root, '.cache', 'bin');
    expect(run().status).toBe(0);
    const [first] = readdirSync(bin);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    // Built two hours ago, reused now (a long --links run starting): it counts as in use.
    utimesSync(join(bin, first!), twoHoursAgo, twoHoursAgo);
    mkdirSync(join(bin, '.tmp-schema-1-1'));
    utimesSync(join(bin, '.tmp-schema-1-1'), twoHoursAgo, twoHoursAgo);
    expect(run().status).toBe(0);
    const source = join(root, 'src', 'cli', 'schema.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace('Usage: npm run schema', 'Usage (edited): npm run schema'));
    expect(run().status).toBe(0);
    // The reused bundle stays; the half-built folder a killed build left is gone.
    const left = readdirSync(bin);
    expect(left).toHaveLength(2);
    expect(left).toContain(first!);
    expect(left.every((name) => /^schema-[0-9a-f]{16}$/.test(name))).toBe(true);
  });

  it('lets runs that start together share one bundle', { timeout: 120_000 }, async () => {
    const root = copyOfSources();
    const start = () =>
      new Promise<{ code: number | null; stdout: string }>((done, fail) => {
        const child = spawn(process.execPath, [LAUNCHER, 'schema', '--help'], { cwd: root, env: { ...process.env, TOOL_SOURCE_ROOT: root }, stdio: ['ignore', 'pipe', 'inherit'] });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        child.on('error', fail);
        child.on('close', (code) => done({ code, stdout }));
      });
    const runs = await Promise.all([start(), start(), start()]);
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: npm run schema/);
    }
    // One bundle, no temporary folder left behind.
    expect(readdirSync(join(root, '.cache', 'bin'))).toEqual([expect.stringMatching(/^schema-[0-9a-f]{16}$/)]);
  });

  it('runs through a symlinked scripts/ folder, as in a copy of the repository', () => {
    const dir = tempDir('launcher-link-');
    symlinkSync(join(ROOT, 'scripts'), join(dir, 'scripts'), 'dir');
    const run = spawnSync(process.execPath, [join(dir, 'scripts', 'run.mjs'), 'schema', '-h'], { cwd: dir, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run schema/);
  });

  it('names a command that does not exist in its own words', () => {
    const unknown = spawnSync(process.execPath, [LAUNCHER, 'no-such-command'], { cwd: ROOT, encoding: 'utf8' });
    expect(unknown).toMatchObject({ status: 2, stdout: '', stderr: 'run: no command "no-such-command": there is no src/cli/no-such-command.ts.\n' });
  });
});

/** `<name> --help` run as a process once per file: the two tests that read add-paper's help share its run. */
const helpRuns = new Map<string, Run>();
function helpRun(name: string): Run {
  let run = helpRuns.get(name);
  if (!run) helpRuns.set(name, (run = runCli(name, ['--help'])));
  return run;
}

describe('-h', () => {
  // Every command once as a process, through the launcher (--help); -h is parsing, checked in-process.
  it.each(COMMANDS)('%s -h prints the same help as --help', async (name) => {
    const long = helpRun(name);
    expect(long).toMatchObject({ code: 0, stderr: '' });
    expect(long.stdout).toMatch(new RegExp(`^Usage: npm run (--silent )?${name}\\b`));
    expect(await runInProcess(name, ['-h'])).toEqual(long);
  });

  it('runs only the command named, though its bundle holds another command file (add-paper imports build-readme)', () => {
    const help = helpRun('add-paper');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout.match(/^Usage: .*$/gm)).toEqual(['Usage: npm run add-paper -- <link or ID of the paper> [--category <id>] [options]']);
  });
});

/** The options a usage text names (anywhere in it), and those it explains: each at the start of an indented line, then its text after two spaces. */
function options(usage: string): { named: Set<string>; explained: Set<string> } {
  const named = new Set(usage.match(/--[a-z][a-z-]*/g));
  const explained = new Set(
    usage.split('\n').flatMap((line) => {
      const match = /^ +(?:-[a-z], )?(--[a-z][a-z-]*)(?: <[a-z][a-z -]*>)? {2,}\S/.exec(line);
      return match ? [match[1]!] : [];
    }),
  );
  return { named, explained };
}

describe('--help explains every option it names', () => {
  it.each([
    ['lint-list', LINT_LIST_USAGE, ['--arxiv-api', '--cache', '--no-cache', '--changed-since', '--allow-private-hosts', '--config', '--help']],
    ['build-readme', BUILD_README_USAGE, ['--check', '--data', '--templates', '--out', '--pages', '--help']],
    ['import-readme', IMPORT_README_USAGE, ['--out', '--templates', '--schema-dir', '--onto', '--help']],
  ])('%s', async (name, usage, expected) => {
    const { named, explained } = options(usage);
    expect([...named].filter((option) => !explained.has(option))).toEqual([]);
    for (const option of expected) expect(explained, option).toContain(option);
    expect((await runInProcess(name, ['-h'])).stdout).toBe(usage);
  });

  it('the pattern finds an option named but not explained', () => {
    expect(options('Usage: x [--alpha] [--beta <dir>]\n  --alpha   does a\n').named).toEqual(new Set(['--alpha', '--beta']));
    expect(options('Usage: x [--alpha] [--beta <dir>]\n  --alpha   does a\n').explained).toEqual(new Set(['--alpha']));
  });
});

describe('--help documents the exit codes', () => {
  it('build-readme', () => {
    expect(BUILD_README_USAGE).toContain(
      '\nExit codes:\n' +
        '  0  written (or, with --check, every generated file is up to date)\n' +
        '  1  the list has errors (as lint-list reports them) or rendering found one: nothing is written;\n' +
        '     with --check, a generated file differs from what data/ and templates/ give\n' +
        '  2  bad usage, a data or templates directory that cannot be read, a data file that changed while\n' +
        '     it ran, or an output that cannot be written\n',
    );
  });

  it('import-readme', () => {
    expect(IMPORT_README_USAGE).toContain(
      '\nExit codes:\n' +
        '  0  imported and written; the findings printed, if any, are warnings and notes\n' +
        '  1  with --out: the README has errors (printed, with file and line): everything was still imported\n' +
        '     and written, in full, and the last line says so; fix the errors in the written data files\n' +
        '     (lint-list shows what remains). Also 1 when nothing could be imported, the file is not valid\n' +
        '     text, or (--onto) a heading or news item has no counterpart: then nothing is written.\n' +
        '  2  bad usage, a file that cannot be read, a README in another language without --onto, or a\n' +
        '     directory that cannot be written (not empty, no permission): nothing is written.\n' +
        '  130, 143  stopped by Ctrl-C (SIGINT) or SIGTERM while writing: what was staged is removed;\n' +
        '     nothing is written.\n',
    );
  });
});
