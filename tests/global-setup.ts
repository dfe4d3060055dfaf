import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBundle } from '../scripts/run.mjs';
import { scratchBase, SCRATCH_PREFIX } from '../scripts/scratch.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for what the workers build once and share across test files (tests/helpers.ts); removed after the run. */
    sharedTemp: string;
  }
}

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Bundle every command once before the test files start, so the files that spawn commands in
 * parallel find them built instead of each building the same bundle at the same time.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // Every temporary folder of the run (tempDir, the commands the tests spawn, the shared builds) goes
  // under one folder, in memory where the system offers it: the tests copy, write and remove tens of
  // thousands of small files: 24-52 s of kernel CPU time a run on this machine's disk, 12-15 s in memory.
  // The workers and the processes they spawn inherit TMPDIR (the pool takes this process's environment).
  // npm test (scripts/test.mjs) makes the folder and removes it however the run ends; a bare vitest makes its own.
  const given = process.env.TEST_SCRATCH_DIR;
  const scratch = given ?? mkdtempSync(join(scratchBase() ?? tmpdir(), SCRATCH_PREFIX));
  process.env.TMPDIR = scratch;
  const shared = mkdtempSync(join(scratch, 'shared-'));
  project.provide('sharedTemp', shared);
  const cli = join(ROOT, 'src', 'cli');
  const commands = readdirSync(cli)
    .filter((name) => name.endsWith('.ts') && readFileSync(join(cli, name), 'utf8').startsWith('#!'))
    .map((name) => name.slice(0, -'.ts'.length));
  await Promise.all(commands.map((command) => ensureBundle(command, ROOT)));
  return () => rmSync(given === undefined ? scratch : shared, { recursive: true, force: true });
}
