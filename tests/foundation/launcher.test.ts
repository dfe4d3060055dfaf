import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE as LINT_LIST_USAGE } from '../../src/commands/lint-list.js';
import { LAUNCHER, ROOT, runCli, tempDir } from '../helpers.js';

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
    const source = join(root, 'src', 'commands', 'schema.ts');
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
    expect(third.stderr).toMatch(/^run: cannot build schema: src\/commands\/schema\.ts:\d+:\d+: .+\n$/);
    expect(bundles()).toHaveLength(2);
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

describe('-h', () => {
  it.each(COMMANDS)('%s -h prints the same help as --help', (name) => {
    const long = runCli(name, ['--help']);
    expect(long).toMatchObject({ code: 0, stderr: '' });
    expect(long.stdout).toMatch(new RegExp(`^Usage: npm run (--silent )?${name}\\b`));
    expect(runCli(name, ['-h'])).toEqual(long);
  });
});

describe('lint-list --help', () => {
  it('explains every option it names', () => {
    const named = new Set(LINT_LIST_USAGE.match(/--[a-z][a-z-]*/g));
    // An explanation: the option at the start of an indented line, then its text after two spaces.
    const explained = new Set(
      LINT_LIST_USAGE.split('\n').flatMap((line) => {
        const match = /^ +(?:-[a-z], )?(--[a-z][a-z-]*)(?: <[a-z-]+>)? {2,}\S/.exec(line);
        return match ? [match[1]!] : [];
      }),
    );
    expect([...named].filter((option) => !explained.has(option))).toEqual([]);
    for (const option of ['--arxiv-api', '--cache', '--no-cache', '--changed-since', '--allow-private-hosts', '--config', '--help']) {
      expect(explained, option).toContain(option);
    }
    expect(runCli('lint-list', ['-h']).stdout).toBe(LINT_LIST_USAGE);
  });
});
