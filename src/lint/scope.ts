import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Problem } from '../core/problem.js';
import { DataDirError } from '../data/read.js';
import { loadTemplates, TemplatesDirError } from '../render/read-templates.js';
import { templateProblems } from './anchor-cache.js';
import { lintData } from './check-list.js';
import { ONE_FILE_RULES, type RuleId } from './rules/index.js';

/** A ref git does not know, or a folder outside a git work tree: the message says which. */
export class ChangeScopeError extends Error {}

/** --changed-since: which files the change touched, by display path (relative to cwd). */
export interface ChangeScope {
  ref: string;
  has(file: string): boolean;
  /** The folders compared: the data directory, then the templates directory. */
  dirs: readonly [string, string];
  /** Real path → text at the base (undefined: the base lacks the file). */
  files: ReadonlyMap<string, string | undefined>;
  realPath: (path: string) => string;
}

/**
 * The files changed since `ref` under the data and templates directories, from git through
 * src/links/changed.ts (no shell; it refuses a ref that looks like an option or that git does not
 * know). Loaded lazily, so a plain lint never spawns git.
 */
export async function changeScope(ref: string, cwd: string, dirs: readonly [string, string]): Promise<ChangeScope> {
  const { changedFilesSince, GitError, realPath } = await import('../links/changed.js');
  let files: ReadonlyMap<string, string | undefined>;
  try {
    files = changedFilesSince(ref, cwd, dirs.filter((dir) => existsSync(dir))).files;
  } catch (error) {
    if (error instanceof GitError) throw new ChangeScopeError(`--changed-since: ${error.message}`);
    throw error;
  }
  const known = new Map<string, boolean>();
  return {
    ref,
    dirs,
    files,
    realPath,
    has(file) {
      let changed = known.get(file);
      if (changed === undefined) known.set(file, (changed = files.has(realPath(resolve(cwd, file)))));
      return changed;
    },
  };
}

/**
 * --changed-since: the list as it was before the change, to tell a finding the change caused on a
 * file it did not touch (a category left empty, an exception no longer needed) from one that was
 * there before. The base is a temporary copy of the checked folders with every changed file put
 * back as the base had it (or left out when the base lacks it), so paths read as in the work tree.
 */
export interface BaseCopy {
  /** Stands for cwd: the copied folders keep their paths relative to it. */
  root: string;
  dispose(): void;
}

function inside(rel: string): boolean {
  return rel !== '' && !isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`);
}

/**
 * Copy `dirs` (absolute, under `cwd`) into a temporary root and restore the base of `changed` (real
 * path → text at the base, undefined when the base lacks the file). Undefined when a folder lies
 * outside cwd, so its paths could not read the same.
 */
export function baseCopy(
  cwd: string,
  dirs: readonly string[],
  changed: ReadonlyMap<string, string | undefined>,
  realPath: (path: string) => string,
): BaseCopy | undefined {
  const rels = dirs.filter((dir) => existsSync(dir)).map((dir) => relative(cwd, dir));
  if (!rels.every(inside)) return undefined;
  const root = mkdtempSync(join(tmpdir(), 'lint-list-base-'));
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    for (const rel of rels) cpSync(join(cwd, rel), join(root, rel), { recursive: true });
    const realCwd = realPath(cwd);
    for (const [path, text] of changed) {
      const rel = relative(realCwd, path);
      if (!inside(rel) || !rels.some((dir) => rel === dir || rel.startsWith(`${dir}${sep}`))) continue;
      const target = join(root, rel);
      if (text === undefined) rmSync(target, { force: true });
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
    }
  } catch (error) {
    dispose();
    throw error;
  }
  return { root, dispose };
}

/**
 * The offline findings of the list as it was at the base (links aside), or undefined when the base
 * cannot be rebuilt or read: then every finding on an untouched file counts as one that was there.
 */
async function problemsAtBase(scope: ChangeScope, options: SplitOptions): Promise<Problem[] | undefined> {
  const { cwd, extraRules } = options;
  const copy = baseCopy(cwd, scope.dirs, scope.files, scope.realPath);
  if (!copy) return undefined;
  try {
    const [dataDir, templatesDir] = scope.dirs.map((dir) => join(copy.root, relative(cwd, dir))) as [string, string];
    // Loaded here only: a run without --changed-since reads the list through the cache (cached-load.ts).
    const { loadForLint } = await import('./load-for-lint.js');
    const loaded = loadForLint(dataDir, copy.root);
    // The anchor rule reads only the templates, categories.yaml and news.yaml: unchanged, its findings are the run's.
    let anchors = options.anchors;
    if (options.anchors.length > 0 || options.withTemplates) {
      if (anchorInputsChanged(scope)) {
        const templates = existsSync(templatesDir) ? loadTemplates(templatesDir, copy.root) : undefined;
        anchors = await templateProblems(loaded.data, templates, copy.root, false);
      }
    }
    const result = await lintData(loaded.data, { extraProblems: [...anchors], extraRules, loadProblems: loaded.problems, unloaded: loaded.unloaded });
    return result.problems;
  } catch (error) {
    if (error instanceof DataDirError || error instanceof TemplatesDirError) return undefined;
    throw error;
  } finally {
    copy.dispose();
  }
}

function anchorInputsChanged(scope: ChangeScope): boolean {
  const [dataDir, templatesDir] = scope.dirs.map((dir) => scope.realPath(dir)) as [string, string];
  const inputs = new Set([join(dataDir, 'categories.yaml'), join(dataDir, 'news.yaml')]);
  return [...scope.files.keys()].some((path) => inputs.has(path) || path.startsWith(`${templatesDir}${sep}`));
}

export interface SplitOptions {
  /** Findings reported whatever file they are on: those on changed files, and the link check's. */
  inScope: (problem: Problem) => boolean;
  /** Whether the run checked templates, so the base is checked the same way. */
  withTemplates: boolean;
  /** The run's findings of the anchor rule (in-page links of the templates). */
  anchors: readonly Problem[];
  extraRules: readonly RuleId[];
  cwd: string;
}

/**
 * What a pull request is told: findings on the files it changed, and findings on untouched files
 * that the base did not have (the change caused them: a category it emptied). The rest were there
 * before the change: `untouched`, for the summary to count, never to fail the change.
 */
export async function splitByChange(problems: readonly Problem[], scope: ChangeScope, options: SplitOptions): Promise<{ reported: Problem[]; untouched: Problem[] }> {
  const reported = problems.filter(options.inScope);
  let untouched = problems.filter((p) => !options.inScope(p));
  if (untouched.every((p) => ONE_FILE_RULES.has(p.rule))) return { reported, untouched };
  const before = await problemsAtBase(scope, options);
  if (!before) return { reported, untouched };
  // An untouched file's findings stay where they were: rule, file and message identify them.
  const key = (p: Problem) => `${p.rule}\0${p.file}\0${p.message}`;
  const had = new Set(before.map(key));
  reported.push(...untouched.filter((p) => !had.has(key(p))));
  untouched = untouched.filter((p) => had.has(key(p)));
  return { reported, untouched };
}
