import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll } from 'vitest';
import type { Io } from '../src/cli/io.js';

export const ROOT = resolve(import.meta.dirname, '..');
/** The seed README as received; a copy of shared/seed/README.seed.md kept with the tests. */
export const SEED = resolve(ROOT, 'tests', 'fixtures', 'seed', 'README.seed.md');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run a built CLI (dist/src/cli/<name>.js) as a real process, as npm run would. */
export function runCli(name: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'src', 'cli', `${name}.js`), ...args], {
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

/** A throwaway copy of the list: data/, templates/ and the committed READMEs. */
export function copyOfList(): string {
  const dir = tempDir();
  for (const name of ['data', 'templates', 'README.md', 'README_zh.md', 'papers.bib', 'schema']) {
    cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  }
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
