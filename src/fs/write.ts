import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';

function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write several files so that either all of them change or none does: every file is written to a
 * temporary sibling first, and only when all are written are they renamed into place.
 */
export function writeFilesAtomic(files: ReadonlyMap<string, string>): void {
  const staged: [string, string][] = [];
  try {
    for (const [path, content] of files) {
      mkdirSync(dirname(path), { recursive: true });
      const temp = tempName(path);
      writeFileSync(temp, content);
      staged.push([temp, path]);
    }
  } catch (error) {
    for (const [temp] of staged) rmSync(temp, { force: true });
    throw error;
  }
  for (const [temp, path] of staged) renameSync(temp, path);
}

/**
 * Create a whole directory tree atomically: build it beside the target, then rename it into place.
 * Refuses to replace a directory that has files in it, unless `replace` is set (a build output such
 * as site/): the old tree is then moved aside and removed only once the new one is in place.
 */
export function writeTreeAtomic(target: string, files: ReadonlyMap<string, string | Uint8Array>, options: { replace?: boolean } = {}): void {
  if (existsSync(target) && readdirSync(target).length > 0) {
    if (!options.replace) throw new Error(`${target} exists and is not empty; choose a new directory, or remove it first`);
    const fresh = tempName(target);
    try {
      for (const [relative, content] of files) {
        const path = join(fresh, relative);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
    } catch (error) {
      rmSync(fresh, { recursive: true, force: true });
      throw error;
    }
    const old = tempName(target);
    renameSync(target, old);
    renameSync(fresh, target);
    rmSync(old, { recursive: true, force: true });
    return;
  }
  const temp = tempName(target);
  try {
    for (const [relative, content] of files) {
      const path = join(temp, relative);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    if (existsSync(target)) rmSync(target, { recursive: true });
    mkdirSync(dirname(target), { recursive: true });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}
