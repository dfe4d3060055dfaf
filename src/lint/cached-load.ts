import type { DataCache } from '../data/cache.js';
import { readData, type ParseDataFile } from '../data/read.js';
import type { LoadedForLint, LoadForLintOptions } from './load-for-lint.js';

/** Thrown by the stand-in parser: a file is not in the cache, so the real parser must be loaded. */
class NotCached extends Error {}

const notCached: ParseDataFile = () => {
  throw new NotCached();
};

/**
 * loadForLint (run.ts) through the data cache, loading the parser (js-yaml, zod, yaml's model) only
 * when a file is not in it: the list is first read with a stand-in parser, and the first file the
 * cache lacks stops that read; the list is then loaded again by loadForLint, whose cache lookups of
 * the files already read are hits. A list whose files are all cached, and that has no problems from
 * loading, needs none of those modules. Throws DataDirError when the directory cannot be read.
 */
export async function loadForLintCached(dataDir: string, cwd: string, cache: DataCache | undefined, options: LoadForLintOptions = {}): Promise<LoadedForLint> {
  if (cache) {
    try {
      const read = readData(dataDir, cwd, notCached, { cache, onTopFiles: options.onTopFiles });
      if (read.problems.length === 0) return { data: read.value, problems: [], unloaded: [] };
      // Files that did not load still count for their folders and exceptions: run.ts finds them.
      const { unloadedFiles } = await import('./load-for-lint.js');
      return { data: read.value, problems: read.problems, unloaded: unloadedFiles(read.value, read.problems, cwd) };
    } catch (error) {
      if (!(error instanceof NotCached)) throw error;
    }
  }
  const { loadForLint } = await import('./load-for-lint.js');
  return loadForLint(dataDir, cwd, cache, options);
}
