import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

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
