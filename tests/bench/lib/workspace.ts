/**
 * Throwaway copies the commands run in, never the repository itself: build-readme writes READMEs
 * into its working folder, and lint-list keeps an anchor cache. All under .cache/bench/ (git-ignored),
 * made once per benchmark run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { generateList, type GeneratedList } from '../gen-list.js';
import type { Log } from './measure.js';
import type { Command } from './proc.js';
import { CACHE, ROOT } from './paths.js';

/*
 * Large folders are never deleted while the benchmark times anything. On the filesystem it was run on
 * (ext4 without a journal, mounted with discard) deleting 100,000 files takes a minute (a synchronous
 * discard per file), and for 60 s to 6 min afterwards (ext4's recently_deleted(): RECENTCY_MIN 60 s,
 * 300 s more while the inode table block is dirty) each file created makes the kernel step over every
 * lately deleted free inode of its block group: a 100,000-file import right after such a delete took
 * 53-96 s with 40-46 s of system time, against 18-27 s and 4-6 s. Folders go to the trash instead, a
 * rename; emptyTrash deletes them when nothing is timed (at the end of the run, and leftovers of an
 * interrupted run at its start).
 */
const TRASH = join(CACHE, '.trash');

/** Move `path` (a folder the benchmark is done with) into the trash, if it exists. */
export function toTrash(path: string): void {
  if (!existsSync(path)) return;
  mkdirSync(TRASH, { recursive: true });
  renameSync(path, join(TRASH, `${readdirSync(TRASH).length}-${basename(path)}`));
}

/** Delete what the trash holds (untimed); says how long it took. */
export function emptyTrash(say: Log): void {
  if (!existsSync(TRASH)) return;
  const start = process.hrtime.bigint();
  rmSync(TRASH, { recursive: true, force: true });
  say(`emptied ${TRASH} (untimed): ${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(1)} s`);
}

export interface RealCopy {
  dir: string;
  /** LINT_LIST_CACHE_DIR for runs with the anchor cache kept between runs (as on a developer's machine). */
  lintCache: string;
}

let real: RealCopy | undefined;

/**
 * The repository's data/, templates/, schema/, package files and READMEs, with dist/ and scripts/
 * linked, so `npm run <script>` (scripts/run.mjs, which bundles the repository's src/ into its
 * .cache/bin/) and `node dist/src/cli/<name>.js` run there exactly as in the repository. The copy's
 * package.json gets one more script, `floor` (`node -e 0`): the least any `npm run` can take.
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
  symlinkSync(join(ROOT, 'scripts'), join(dir, 'scripts'), 'dir');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  pkg.scripts['floor'] = 'node -e 0';
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  real = { dir, lintCache: join(dir, '.lint-list-cache') };
  return real;
}

/** How a command runs with the commands' caches (LINT_LIST_CACHE_DIR) in `dir`, reused between runs: a developer's second run. */
export function cacheKept(dir: string): Pick<Command, 'env'> {
  return { env: { LINT_LIST_CACHE_DIR: dir } };
}

/** The same, `dir` deleted before each run (not timed): a first run, as on CI where `npm ci` starts without node_modules/.cache. */
export function cacheEmptied(dir: string): Pick<Command, 'env' | 'before'> {
  return { ...cacheKept(dir), before: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface SyntheticList extends GeneratedList {
  /** The working folder: data/ and templates/ inside; build-readme writes its READMEs here. */
  root: string;
  lintCache: string;
  generateMs: number;
}

const lists = new Map<string, SyntheticList>();

export function sizeLabel(entries: number): string {
  return entries % 1000 === 0 ? `${entries / 1000}k` : String(entries);
}

/** A generated list of `entries` papers (fixed seed) with the repository's templates. */
export function syntheticList(entries: number, say: Log, options: { clean?: boolean } = {}): SyntheticList {
  const clean = options.clean ?? false;
  const key = `${entries}${clean ? '-clean' : ''}`;
  const known = lists.get(key);
  if (known) return known;
  const root = join(CACHE, `list-${sizeLabel(entries)}${clean ? '-clean' : ''}`);
  say(`generating ${entries} entries${clean ? ' without duplicates' : ''} into ${root}`);
  // The last run's list and import outputs (hundreds of thousands of files): to the trash, not deleted.
  toTrash(root);
  mkdirSync(root, { recursive: true });
  const start = process.hrtime.bigint();
  const list = generateList(join(root, 'data'), entries, undefined, { plants: !clean });
  const generateMs = Number(process.hrtime.bigint() - start) / 1e6;
  // The templates and the files they link to (relative-link checks them).
  for (const name of ['templates', 'assets', '.github']) cpSync(join(ROOT, name), join(root, name), { recursive: true });
  const made: SyntheticList = { ...list, root, lintCache: join(root, '.lint-list-cache'), generateMs };
  lists.set(key, made);
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

export interface Baseline {
  /** The git ref as given, e.g. "main". */
  ref: string;
  /** Its commit, abbreviated. */
  commit: string;
  /** How tables name it: "main 17934e930ecd", or the commit alone when the ref is a commit id. */
  label: string;
  /** A checkout of that commit's sources: scripts/run.mjs bundles them into its own .cache/bin/. */
  root: string;
}

/**
 * The sources of another commit (e.g. main) beside the working tree, so one benchmark run can time
 * that code and this one in turns: `git archive` of src/, scripts/, schema/ and the package files into
 * .cache/bench/baseline-<commit>/, its node_modules/ linked package by package to the repository's
 * (not the folder itself: each keeps its own node_modules/.cache, so the anchor caches of the two
 * versions do not evict each other). Nothing outside .cache/bench/ is read or written but the git objects.
 */
export function baselineCopy(ref: string, say: Log): Baseline {
  const commit = execFileSync('git', ['-C', ROOT, 'rev-parse', '--verify', '--short=12', `${ref}^{commit}`], { encoding: 'utf8' }).trim();
  const root = join(CACHE, `baseline-${commit}`);
  if (!existsSync(join(root, 'src'))) {
    say(`copying the sources of ${ref} (${commit}) into ${root}`);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    const tar = execFileSync('git', ['-C', ROOT, 'archive', '--format=tar', commit, 'src', 'scripts', 'schema', 'package.json', 'package-lock.json', 'tsconfig.json'], {
      maxBuffer: 512 * 1024 * 1024,
    });
    execFileSync('tar', ['-x', '-C', root], { input: tar });
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name !== '.cache') symlinkSync(join(ROOT, 'node_modules', name), join(root, 'node_modules', name));
    }
  }
  return { ref, commit, root, label: /^[0-9a-f]{7,40}$/.test(ref) ? commit : `${ref} ${commit}` };
}
