/**
 * Throwaway copies the commands run in, never the repository itself: build-readme writes READMEs
 * into its working folder, and lint-list keeps an anchor cache. All under .cache/bench/ (git-ignored),
 * made once per benchmark run.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { generateList, type GeneratedList } from '../gen-list.js';
import type { Log } from './measure.js';
import { CACHE, ROOT } from './paths.js';

export interface RealCopy {
  dir: string;
  /** LINT_LIST_CACHE_DIR for runs with the anchor cache kept between runs (as on a developer's machine). */
  lintCache: string;
}

let real: RealCopy | undefined;

/**
 * The repository's data/, templates/, schema/, package files and READMEs, with dist/ linked, so both
 * `npm run <script>` and `node dist/src/cli/<name>.js` run there exactly as in the repository.
 */
export function realCopy(say: Log): RealCopy {
  if (real) return real;
  const dir = join(CACHE, 'real-list');
  say(`copying the list into ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of ['data', 'templates', 'schema', 'assets', '.github', 'package.json', 'package-lock.json', '.nvmrc', 'README.md', 'README_zh.md']) {
    if (existsSync(join(ROOT, name))) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'), 'dir');
  real = { dir, lintCache: join(dir, '.lint-list-cache') };
  return real;
}

export interface SyntheticList extends GeneratedList {
  /** The working folder: data/ and templates/ inside; build-readme writes its READMEs here. */
  root: string;
  lintCache: string;
  generateMs: number;
}

const lists = new Map<number, SyntheticList>();

export function sizeLabel(entries: number): string {
  return entries % 1000 === 0 ? `${entries / 1000}k` : String(entries);
}

/** A generated list of `entries` papers (fixed seed) with the repository's templates. */
export function syntheticList(entries: number, say: Log): SyntheticList {
  const known = lists.get(entries);
  if (known) return known;
  const root = join(CACHE, `list-${sizeLabel(entries)}`);
  say(`generating ${entries} entries into ${root}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const start = process.hrtime.bigint();
  const list = generateList(join(root, 'data'), entries);
  const generateMs = Number(process.hrtime.bigint() - start) / 1e6;
  // The templates and the files they link to (relative-link checks them).
  for (const name of ['templates', 'assets', '.github']) cpSync(join(ROOT, name), join(root, name), { recursive: true });
  const made: SyntheticList = { ...list, root, lintCache: join(root, '.lint-list-cache'), generateMs };
  lists.set(entries, made);
  return made;
}

/** Paper files under <data>/papers/<category>/: the number of entries. */
export function countEntries(dataDir: string): number {
  const papers = join(dataDir, 'papers');
  if (!existsSync(papers)) return 0;
  let n = 0;
  for (const category of readdirSync(papers, { withFileTypes: true })) {
    if (category.isDirectory()) n += readdirSync(join(papers, category.name)).filter((f) => f.endsWith('.yaml')).length;
  }
  return n;
}
