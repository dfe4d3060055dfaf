import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureBundle } from '../scripts/run.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for what the workers build once and share across test files (tests/helpers.ts); removed after the run. */
    sharedTemp: string;
  }
}

const ROOT = resolve(import.meta.dirname, '..');

/** The run's temporary files take a few hundred MiB at most; a smaller /dev/shm (a container's 64 MiB) is not used. */
const MIN_MEMORY_TEMP_BYTES = 1024 ** 3;

/** A memory-backed folder for the run's temporary files, where the system has one with room (Linux: /dev/shm). */
function memoryTemp(): string | undefined {
  try {
    accessSync('/dev/shm', constants.W_OK);
    const fs = statfsSync('/dev/shm');
    return fs.bavail * fs.bsize >= MIN_MEMORY_TEMP_BYTES ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}

const SCRATCH_PREFIX = 'thus-spake-tests-';
/** A run's scratch folder changes whenever a test file makes a temporary folder: one untouched this long is a killed run's. */
const ABANDONED_MS = 60 * 60 * 1000;

/** Removes what killed runs left (a stopped run skips the teardown): in memory, it would stay until a reboot. */
function removeAbandoned(base: string): void {
  for (const name of readdirSync(base)) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    try {
      if (Date.now() - statSync(join(base, name)).mtimeMs > ABANDONED_MS) rmSync(join(base, name), { recursive: true, force: true });
    } catch {
      // Another run removed it first, or it is not ours to remove.
    }
  }
}

/**
 * Bundle every command once before the test files start, so the files that spawn commands in
 * parallel find them built instead of each building the same bundle at the same time.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // Every temporary folder of the run (tempDir, the commands the tests spawn, the shared builds) goes
  // under one folder, in memory where the system offers it: the tests copy, write and remove tens of
  // thousands of small files: 24-52 s of kernel CPU time a run on this machine's disk, 12-15 s in memory.
  // The workers and the processes they spawn inherit TMPDIR (the pool takes this process's environment).
  const base = memoryTemp() ?? tmpdir();
  removeAbandoned(base);
  const scratch = mkdtempSync(join(base, SCRATCH_PREFIX));
  process.env.TMPDIR = scratch;
  const shared = mkdtempSync(join(scratch, 'shared-'));
  project.provide('sharedTemp', shared);
  const cli = join(ROOT, 'src', 'cli');
  const commands = readdirSync(cli)
    .filter((name) => name.endsWith('.ts') && readFileSync(join(cli, name), 'utf8').startsWith('#!'))
    .map((name) => name.slice(0, -'.ts'.length));
  await Promise.all(commands.map((command) => ensureBundle(command, ROOT)));
  return () => rmSync(scratch, { recursive: true, force: true });
}
