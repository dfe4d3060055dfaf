import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { StagedFiles } from '../fs/write.js';
import { categoryHashes, inputKey, shownCategories, type RenderInputs } from './cache.js';
import type { ListCache } from './lists.js';
import { readRegularText } from '../fs/read.js';

/**
 * build-readme's cache, under node_modules/.cache like the data cache, in two files:
 * - readme.json: the key of every input of the last build (render/cache.ts inputKey) and the size
 *   and sha256 of each file it produced. When the key is this build's and the files on disk still
 *   have those digests, nothing needs rendering, writing or even holding in memory (at 100,000
 *   entries the outputs are 75 MiB);
 * - readme-lists.json: each category's serialised list, keyed by its papers, read only when
 *   something must be rendered: an edited paper re-serialises its own category's list.
 * Either file may be missing, corrupt or foreign: it is then ignored and rewritten, so the cache
 * can only ever save work. Without a build id (unbundled sources) nothing is kept.
 */

declare const __TOOL_BUILD__: string | undefined;

export const README_CACHE_FILE = 'readme.json';
export const README_LISTS_FILE = 'readme-lists.json';
const FORMAT = 'readme-cache-v1';

/** A file build-readme produced: its name relative to --out, size and content hash. */
export interface OutputDigest {
  name: string;
  bytes: number;
  sha256: string;
}

export function digestOf(name: string, bytes: Uint8Array): OutputDigest {
  return { name, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('base64') };
}

function isDigest(value: unknown): value is OutputDigest {
  if (value === null || typeof value !== 'object') return false;
  const d = value as Partial<OutputDigest>;
  return typeof d.name === 'string' && typeof d.bytes === 'number' && typeof d.sha256 === 'string';
}

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const parsed = JSON.parse(readRegularText(path) ?? '') as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether each file is in `outDir` with exactly that content: same size, then same hash. */
export function onDisk(outDir: string, outputs: readonly OutputDigest[]): boolean {
  // Read a block at a time: papers.bib of 100,000 entries is 32 MiB.
  const block = Buffer.allocUnsafe(1 << 20);
  for (const output of outputs) {
    let fd: number | undefined;
    try {
      // As fs/read.ts opens: a link is not followed and a pipe is not waited on (neither is what build-readme wrote).
      fd = openSync(join(outDir, output.name), constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
      const stats = fstatSync(fd);
      if (!stats.isFile() || stats.size !== output.bytes) return false;
      const hash = createHash('sha256');
      for (let read = readSync(fd, block); read > 0; read = readSync(fd, block)) hash.update(block.subarray(0, read));
      if (hash.digest('base64') !== output.sha256) return false;
    } catch {
      return false;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return true;
}

export class ReadmeCache {
  private constructor(
    private readonly dir: string | undefined,
    private readonly build: string,
    private readonly key: string,
    private readonly hashes: ReadonlyMap<string, string>,
    /** What the last build of the same inputs produced; undefined when it is not known. */
    readonly outputs: readonly OutputDigest[] | undefined,
  ) {}

  /** The cache in `cacheDir` for these inputs; false (or no build id): a cache that keeps nothing. */
  static open(inputs: RenderInputs, cacheDir: string | false, build: string | undefined = typeof __TOOL_BUILD__ === 'string' ? __TOOL_BUILD__ : undefined): ReadmeCache {
    if (cacheDir === false || build === undefined) return new ReadmeCache(undefined, '', '', new Map(), undefined);
    const key = inputKey(build, inputs);
    const hashes = categoryHashes(inputs.data, shownCategories(inputs.data.categories));
    const stored = readJson(join(cacheDir, README_CACHE_FILE));
    const outputs =
      stored?.format === FORMAT && stored.build === build && stored.key === key && Array.isArray(stored.outputs) && stored.outputs.every(isDigest)
        ? (stored.outputs as OutputDigest[])
        : undefined;
    return new ReadmeCache(cacheDir, build, key, hashes, outputs);
  }

  /** The serialised lists of an earlier build whose category's papers are unchanged, as render/lists.ts takes them. */
  lists(): ListCache {
    const lists: ListCache = new Map();
    if (this.dir === undefined) return lists;
    const stored = readJson(join(this.dir, README_LISTS_FILE));
    if (stored?.format !== FORMAT || stored.build !== this.build) return lists;
    const known = stored.lists !== null && typeof stored.lists === 'object' ? (stored.lists as Record<string, unknown>) : {};
    for (const [id, hash] of this.hashes) {
      const entry = Object.hasOwn(known, id) ? known[id] : undefined;
      if (Array.isArray(entry) && entry[0] === hash && typeof entry[1] === 'string') lists.set(id, { type: 'html', value: entry[1] });
    }
    return lists;
  }

  /**
   * Keep what this build produced and the lists it serialised (temporary files, then rename). The
   * lists are written a category at a time: one JSON string of all of them would double their memory.
   */
  save(outputs: readonly OutputDigest[], lists: ListCache): void {
    if (this.dir === undefined) return;
    const stage = new StagedFiles();
    const { build } = this;
    const hashes = this.hashes;
    function* listPieces(): Generator<string> {
      yield `{"format":${JSON.stringify(FORMAT)},"build":${JSON.stringify(build)},"lists":{`;
      let first = true;
      for (const [id, hash] of hashes) {
        const list = lists.get(id);
        if (!list) continue;
        yield `${first ? '' : ','}${JSON.stringify(id)}:${JSON.stringify([hash, list.value])}`;
        first = false;
      }
      yield '}}';
    }
    try {
      stage.add(join(this.dir, README_LISTS_FILE), listPieces());
      stage.add(join(this.dir, README_CACHE_FILE), JSON.stringify({ format: FORMAT, build, key: this.key, outputs }));
      stage.commit();
    } catch {
      // Only a cache: a read-only checkout still builds. A folder that cannot be made staged nothing.
      try {
        stage.abort();
      } catch {
        // Nothing was staged where nothing could be written.
      }
    }
  }
}
