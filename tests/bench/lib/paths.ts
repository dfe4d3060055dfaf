/** Where the benchmark finds the repository, the built CLIs and its scratch space. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this file with a package.json (dist/ has none). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: no package.json above the benchmark');
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot();
/** Scratch space of the benchmark: git-ignored (.cache/), rebuilt as needed. */
export const CACHE = join(ROOT, '.cache', 'bench');
export const RESULTS_PATH = join(ROOT, 'tests', 'bench', 'RESULTS.md');

/** The launcher npm run calls: `node scripts/run.mjs <name>` runs src/cli/<name>.ts from a fresh bundle. */
export const LAUNCHER = join(ROOT, 'scripts', 'run.mjs');

/** A CLI compiled by tsc: dist/src/cli/<name>.js (npm run itself goes through LAUNCHER). */
export function cliPath(name: string): string {
  return join(ROOT, 'dist', 'src', 'cli', `${name}.js`);
}
