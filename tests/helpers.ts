import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import { BIB_FILE, papersBib } from '../src/bib/bibtex.js';
import type { Io } from '../src/cli/io.js';
import { loadData } from '../src/data/load.js';
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
export function runCli(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync(process.execPath, cliArgs(name, args), {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'list-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
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

/**
 * A throwaway list for tests that need one: the data and templates of tests/fixtures/list, the
 * toolchain's schema/, and READMEs built from them (so they are up to date, whatever the renderer).
 */
export function fixtureList(): string {
  const dir = tempDir();
  for (const name of ['data', 'templates']) cpSync(join(FIXTURE_LIST, name), join(dir, name), { recursive: true });
  // The toolchain's files the templates and papers point at: schema/, the figure, CONTRIBUTING (relative-link).
  for (const name of ['schema', 'assets', '.github']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  const data = loadData(join(dir, 'data'), dir);
  const rendered = renderReadmes(data.value, loadTemplates(join(dir, 'templates'), dir), dir);
  const errors = [...data.problems, ...rendered.problems].filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`tests/fixtures/list does not build: ${JSON.stringify(errors)}`);
  for (const file of rendered.value) writeFileSync(join(dir, file.name), file.content);
  writeFileSync(join(dir, BIB_FILE), papersBib(data.value.papers));
  return dir;
}

/** An in-memory Io for calling commands in-process. */
export function memoryIo(cwd: string, env: NodeJS.ProcessEnv = { NO_COLOR: '1' }): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    env,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    out: () => out,
    err: () => err,
  };
}
