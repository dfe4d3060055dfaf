import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ArxivIdentityRef, CollectedLinks, LinkRef } from './types.js';

/**
 * --changed-since <ref>: the pull-request mode. Only links added or changed since the ref are
 * checked: every link of a paper file that changed (one file is one entry, so a changed title
 * re-checks its arXiv identity), and in news and templates only the URLs the old text lacked.
 */

export class GitError extends Error {}

export interface ChangedFiles {
  ref: string;
  /** Real absolute path → the file's text at the base, or undefined for a file the base lacks. */
  files: Map<string, string | undefined>;
}

/**
 * Run git; a failure is said in our words (`failed`, given git's stderr to choose among them), never
 * with git's own text, and a missing git as such. Callers that expect a failure (an unknown ref, no
 * merge base) catch it.
 */
function git(args: string[], cwd: string, failed: string | ((stderr: string) => string) = `git could not ${args[0]} here`): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') throw new GitError('git is not installed, or not on the PATH');
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new GitError(typeof failed === 'string' ? failed : failed(typeof stderr === 'string' ? stderr : ''));
  }
}

function isOutside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  // `..data` is a folder inside the root; only `..` itself or a path through it leaves the root.
  return fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot);
}

/** The real path of a file (symlinks resolved), or the path itself when it does not exist. */
export function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Files under `paths` (relative to cwd) that differ between the ref and the working tree, with
 * their text at the base. The base is the merge base of the ref and HEAD when there is one, so a
 * branch is compared with where it left the ref, as a pull request's diff is.
 */
export function changedFilesSince(ref: string, cwd: string, paths: readonly string[]): ChangedFiles {
  if (ref.startsWith('-') || ref.trim() === '') throw new GitError(`"${ref}" is not a git ref`);
  // Only git's "not a git repository" means that; it also refuses a repository another user owns
  // ("dubious ownership", common in containers), a corrupt one, or is killed.
  const root = git(['rev-parse', '--show-toplevel'], cwd, (stderr) =>
    /not a git repository/i.test(stderr)
      ? `${cwd} is not in a git repository, so nothing can be compared with "${ref}"`
      : `git could not read the repository at ${cwd}, so nothing can be compared with "${ref}"; run \`git status\` there to see why`,
  ).trim();
  // git refuses a path outside its repository ("fatal: … is outside repository"): said here, naming it.
  const outside = paths.find((path) => isOutside(realPath(root), realPath(resolve(cwd, path))));
  if (outside !== undefined) throw new GitError(`${outside} is outside the git repository ${root}, so git cannot tell what changed in it; use a folder inside the repository`);
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  } catch {
    throw new GitError(`unknown git ref "${ref}"`);
  }
  let base = ref;
  try {
    base = git(['merge-base', ref, 'HEAD'], cwd).trim() || ref;
  } catch {
    // No common history (or no HEAD yet): compare with the ref itself.
  }
  const diffed = git(['diff', '--name-only', '-z', '--no-renames', base, '--', ...paths], cwd, `git could not list the files changed since "${ref}"`).split('\0');
  const untracked = git(['ls-files', '--others', '--exclude-standard', '--full-name', '-z', '--', ...paths], cwd, 'git could not list the files it does not track yet').split('\0');
  const files = new Map<string, string | undefined>();
  for (const path of [...diffed, ...untracked]) {
    if (path === '' ) continue;
    let old: string | undefined;
    try {
      old = git(['show', `${base}:${path}`], root);
    } catch {
      old = undefined;
    }
    files.set(realPath(join(root, path)), old);
  }
  return { ref, files };
}

function isChanged(ref: LinkRef | ArxivIdentityRef, changed: ChangedFiles): boolean {
  const path = realPath(ref.absPath);
  if (!changed.files.has(path)) return false;
  if (ref.kind === 'paper-url' || ref.kind === 'paper-raw') return true;
  const old = changed.files.get(path);
  return old === undefined || !old.includes(ref.url);
}

/** Pure but for path resolution: keeps the links that are new or changed. */
export function filterChanged(collected: CollectedLinks, changed: ChangedFiles): CollectedLinks {
  return {
    links: collected.links.filter((ref) => isChanged(ref, changed)),
    arxiv: collected.arxiv.filter((ref) => isChanged(ref, changed)),
  };
}
