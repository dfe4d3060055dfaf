import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { inject } from 'vitest';
import { BIB_FILE, papersBib } from '../src/bib/bibtex.js';
import type { Command, Io } from '../src/cli/io.js';
import { loadData, MAX_DATA_FILE_BYTES } from '../src/data/load.js';
import { renderReadmes } from '../src/render/build.js';
import { loadTemplates } from '../src/render/read-templates.js';

export const ROOT = resolve(import.meta.dirname, '..');
/** The seed README as received; a copy of shared/seed/README.seed.md kept with the tests. */
export const SEED = resolve(ROOT, 'tests', 'fixtures', 'seed', 'README.seed.md');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The launcher npm run calls: it runs src/cli/<name>.ts from a bundle never older than the source. */
export const LAUNCHER = join(ROOT, 'scripts', 'run.mjs');

/** The arguments of `node` that run a command as `npm run <name> -- <args>` does. */
export function cliArgs(name: string, args: string[]): string[] {
  return [LAUNCHER, name, ...args];
}

/** Run a command (src/cli/<name>.ts, through the launcher) as a real process, as npm run would. */
export function runCli(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Run {
  const result = spawnSync(process.execPath, cliArgs(name, args), {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    // A command that may hang (the case under test) is killed: spawnSync would block the test's own timeout.
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The commands tests call in-process, by name: the one place that knows where their modules live.
 * Each is loaded when first used, so a file that runs one command does not load the others.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  'add-paper': async () => {
    const { addPaperCommand } = await import('../src/cli/add-paper.js');
    // Standard input as spawnSync gives it: a pipe, not a terminal, already at its end.
    return (argv, io) => addPaperCommand(argv, io, { stdin: Readable.from([]) });
  },
  'build-readme': async () => (await import('../src/cli/build-readme.js')).buildReadmeCommand,
  'build-site': async () => (await import('../src/cli/build-site.js')).buildSiteCommand,
  'import-readme': async () => (await import('../src/cli/import-readme.js')).importReadmeCommand,
  'link-report': async () => (await import('../src/cli/link-report.js')).linkReportCommand,
  'lint-list': async () => (await import('../src/cli/lint-list.js')).lintListCommand,
  'refresh-metadata': async () => (await import('../src/cli/refresh-metadata.js')).refreshMetadataCommand,
  schema: async () => (await import('../src/cli/schema.js')).schemaCommand,
  'sync-issue-form': async () => (await import('../src/cli/sync-issue-form.js')).syncIssueFormCommand,
  'sync-rules': async () => (await import('../src/cli/sync-rules.js')).syncRulesCommand,
};

/**
 * Run a command in this process as runCli runs it as a process: the same arguments, working directory
 * and environment, the exit code runAsProcess would set (70 and "internal error" on a throw), and
 * stdout/stderr as text. For tests about what a command does, not about the process or the launcher;
 * those keep runCli. (Not for import-readme without --schema-dir, nor for lint-list's cache: both
 * look for files next to the built bundle.)
 */
export async function runInProcess(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const load = COMMANDS[name];
  if (!load) throw new Error(`runInProcess: no command "${name}"`);
  const command = await load();
  const io = memoryIo(options.cwd ?? ROOT, { ...process.env, NO_COLOR: '1', ...options.env });
  let code: number;
  try {
    code = await command(args, io);
  } catch (error) {
    io.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
    code = 70;
  }
  return { code, stdout: io.out(), stderr: io.err() };
}

const made: string[] = [];

/** A fresh directory under the system's temporary folder, removed after the test file (tests/setup.ts). */
export function tempDir(prefix = 'list-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir made; tests/setup.ts calls it after each test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (path relative to root: content), making their folders. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}

/**
 * A data/ with a file of every kind the loader reports on (a schema error, a Latin-1 byte, a file over
 * the size cap, a stray non-YAML file, broken YAML) beside a good paper and a raw entry: for tests that
 * compare two ways of loading (with a worker or without), which must give the same.
 */
export function loaderProblemFiles(): Record<string, string | Buffer> {
  return {
    'categories.yaml': 'categories:\n  - id: alpha\n    name: { en: Alpha }\n  - id: beta\n    name: { en: Beta }\n',
    'papers/alpha/0010-good.yaml': 'title: "Good"\nyear: 2024\n',
    'papers/alpha/0020-schema.yaml': 'title: "Bad year"\nyear: "soon"\n',
    'papers/alpha/0030-latin1.yaml': Buffer.concat([Buffer.from('title: "Caf'), Buffer.from([0xe9]), Buffer.from('"\nyear: 2024\n')]),
    'papers/alpha/0040-over.yaml': `title: "Big"\nyear: 2024\n# ${'x'.repeat(MAX_DATA_FILE_BYTES)}\n`,
    'papers/alpha/notes.txt': 'stray\n',
    'papers/beta/0010-raw.yaml': 'raw: "* **[Raw.](https://example.org/raw)** A. B. arXiv, 2024."\n',
    'papers/beta/0020-syntax.yaml': 'title: "Unclosed\nyear: 2024\n',
  };
}

/**
 * A throwaway copy of the shipped list: data/, templates/ and the committed READMEs. Only for tests
 * about the shipped list itself (it is lint-clean, its READMEs are up to date): no test may depend on
 * its size or on which papers it holds. Tests that need a list use fixtureList().
 */
export function copyOfList(): string {
  const dir = tempDir();
  // assets/ and .github/ too: the templates link to them, and relative-link checks that they exist.
  for (const name of ['data', 'templates', 'README.md', 'README_zh.md', 'papers.bib', 'schema', 'assets', '.github']) {
    cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  }
  return dir;
}

/** The small list of tests/fixtures/list: some papers of each category, with the categories and news. */
export const FIXTURE_LIST = join(ROOT, 'tests', 'fixtures', 'list');

/** tests/fixtures/list built once per worker process (fixtureList copies it), in the run's shared folder (tests/global-setup.ts). */
let builtFixture: string | undefined;
function fixtureTemplate(): string {
  if (builtFixture) return builtFixture;
  const dir = mkdtempSync(join(inject('sharedTemp'), 'fixture-list-'));
  for (const name of ['data', 'templates']) cpSync(join(FIXTURE_LIST, name), join(dir, name), { recursive: true });
  // The toolchain's files the templates and papers point at: schema/, the figure, CONTRIBUTING (relative-link).
  for (const name of ['schema', 'assets', '.github']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  const data = loadData(join(dir, 'data'), dir);
  const rendered = renderReadmes(data.value, loadTemplates(join(dir, 'templates'), dir), dir);
  const errors = [...data.problems, ...rendered.problems].filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`tests/fixtures/list does not build: ${JSON.stringify(errors)}`);
  for (const file of rendered.value) writeFileSync(join(dir, file.name), file.content);
  writeFileSync(join(dir, BIB_FILE), papersBib(data.value.papers));
  return (builtFixture = dir);
}

/**
 * A throwaway list for tests that need one: the data and templates of tests/fixtures/list, the
 * toolchain's schema/, and READMEs built from them (so they are up to date, whatever the renderer).
 */
export function fixtureList(): string {
  const dir = tempDir();
  cpSync(fixtureTemplate(), dir, { recursive: true });
  return dir;
}

/** An in-memory Io for calling commands in-process: not a terminal, as a pipe to a spawned command is not. */
export function memoryIo(cwd: string, env: NodeJS.ProcessEnv = { NO_COLOR: '1' }): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env,
    stdout: { write: (text: string) => (out += text), isTTY: false },
    stderr: { write: (text: string) => (err += text), isTTY: false },
    out: () => out,
    err: () => err,
  };
}

/** What runStopped saw: the run, the signal that ended the process if one did (none when the command exits by itself), and `atPause`'s value. */
export interface StoppedRun<T> extends Run {
  signal: NodeJS.Signals | null;
  paused: T | undefined;
}

/**
 * A command run as a process that pauses mid-write (LINT_LIST_TEST_PAUSE_WRITE, `pauseAfter` files
 * staged) and then gets `signal` from outside, as a Ctrl-C or a runner's SIGTERM would come: no
 * timing, the pause waits for it. `atPause` looks at the disk while the write is paused, before the
 * signal goes; what it returns comes back as `paused` (undefined if the command never paused).
 */
export function runStopped<T>(
  name: string,
  args: string[],
  options: { cwd: string; signal: NodeJS.Signals; env?: NodeJS.ProcessEnv; pauseAfter?: number; atPause?: () => T },
): Promise<StoppedRun<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliArgs(name, args), {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env, LINT_LIST_TEST_PAUSE_WRITE: String(options.pauseAfter ?? 1) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let paused: T | undefined;
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (!sent && stderr.includes('(LINT_LIST_TEST_PAUSE_WRITE)')) {
        sent = true;
        try {
          paused = options.atPause?.();
        } finally {
          child.kill(options.signal);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, by) => resolve({ code, signal: by, stdout, stderr, paused }));
  });
}
