import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * Bundle every command once before the test files start, so the files that spawn commands in
 * parallel find them built instead of each building the same bundle at the same time.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const shared = mkdtempSync(join(tmpdir(), 'tests-shared-'));
  project.provide('sharedTemp', shared);
  const cli = join(ROOT, 'src', 'cli');
  const commands = readdirSync(cli)
    .filter((name) => name.endsWith('.ts') && readFileSync(join(cli, name), 'utf8').startsWith('#!'))
    .map((name) => name.slice(0, -'.ts'.length));
  await Promise.all(commands.map((command) => ensureBundle(command, ROOT)));
  return () => rmSync(shared, { recursive: true, force: true });
}
