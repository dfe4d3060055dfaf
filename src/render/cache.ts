import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';
import type { Html } from 'mdast';
import type { ListData, LoadedPaper } from '../data/load.js';
import { sourceDigest } from '../data/source.js';
import type { Category } from '../data/schema.js';
import type { ListCache } from './lists.js';
import type { Template } from './fill-template.js';
import { readRegularText } from '../fs/read.js';
import { writeCacheFile } from '../fs/write.js';

/**
 * What build-readme rendered last time, kept under node_modules/.cache (like the data cache): the
 * whole output, keyed by a hash of every input (each data file's text and place, the templates, the
 * paths between them, the options and the build id), and each category's serialised list, keyed by
 * its papers' texts. An unchanged list skips rendering, and the Markdown parser and serialiser are
 * never loaded; an edited paper re-serialises its category's list only. A cache that cannot be read
 * or has the wrong shape is ignored and rewritten. Without a build id (unbundled sources) nothing is kept.
 */

declare const __TOOL_BUILD__: string | undefined;

export const RENDER_CACHE_FILE = 'render.json';
/** build-site's: its own file, so the two commands never evict each other. */
export const SITE_CACHE_FILE = 'site.json';
const FORMAT = 'render-cache-v2';

/** Each category's list, serialised: as Markdown (README, the page's copy lines) and as the page's HTML. */
export interface CategoryMemo {
  lists: ListCache;
  html: Map<string, string>;
}

interface Stored<T> {
  format: string;
  build: string;
  key: string;
  value: T;
  /** Category id → [hash of its papers, Markdown list or null, HTML list or null]. */
  lists: Record<string, [string, string | null, string | null]>;
}

/**
 * A hash of the parts, each length-prefixed so that no two lists of parts hash alike. Text parts are
 * gathered into larger updates (300,000 small updates cost 0.3 s at 100,000 papers); the bytes hashed
 * are the same as one update per part.
 */
function hashOf(parts: Iterable<string | Buffer>): string {
  const hash = createHash('sha256');
  let pending = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      pending += `${Buffer.byteLength(part)}:${part}\0`;
      if (pending.length >= 1 << 16) {
        hash.update(pending);
        pending = '';
      }
      continue;
    }
    if (pending) hash.update(pending);
    pending = '';
    hash.update(`${part.length}:`).update(part).update('\0');
  }
  if (pending) hash.update(pending);
  return hash.digest('base64');
}

/** Each paper's category, file and the sha256 of its bytes. */
function* paperParts(papers: readonly LoadedPaper[]): Generator<string> {
  for (const p of papers) {
    yield p.category;
    yield p.source.file;
    yield sourceDigest(p.source);
  }
}

/**
 * The papers hashed once: each category's hash (its papers' category, file and text, in order) and
 * the runs of categories in list order, which with those hashes pin down every paper's place. The
 * input key and the category lists' keys both come from it, so 100,000 texts are hashed once, not twice.
 */
interface PapersDigest {
  byCategory: Map<string, string>;
  runs: string[];
}

const digests = new WeakMap<readonly LoadedPaper[], PapersDigest>();

function papersDigest(papers: readonly LoadedPaper[]): PapersDigest {
  let digest = digests.get(papers);
  if (digest) return digest;
  const groups = new Map<string, LoadedPaper[]>();
  const runs: string[] = [];
  let previous: string | undefined;
  let count = 0;
  for (const paper of papers) {
    const group = groups.get(paper.category);
    if (group) group.push(paper);
    else groups.set(paper.category, [paper]);
    if (paper.category !== previous) {
      if (previous !== undefined) runs.push(`${previous}*${count}`);
      previous = paper.category;
      count = 0;
    }
    count++;
  }
  if (previous !== undefined) runs.push(`${previous}*${count}`);
  digest = { byCategory: new Map([...groups].map(([id, group]) => [id, hashOf(paperParts(group))])), runs };
  digests.set(papers, digest);
  return digest;
}

/**
 * The ids of the categories a README shows: only their lists may enter it from a cache, as the size
 * that decides on pages counts every list given.
 */
export function shownCategories(categories: readonly Category[]): Set<string> {
  const shown = new Set<string>();
  const visit = (list: readonly Category[]) => {
    for (const category of list) {
      shown.add(category.id);
      if (category.children) visit(category.children);
    }
  };
  visit(categories);
  return shown;
}

/** Each shown category's id → a hash of its papers (category, file and text of each): its list's key. */
export function categoryHashes(data: ListData, shown: ReadonlySet<string>): Map<string, string> {
  return new Map([...papersDigest(data.papers).byCategory].filter(([id]) => shown.has(id)));
}

export interface RenderInputs {
  data: ListData;
  templates: readonly Template[];
  outDir: string;
  /** The render options and anything else the output depends on, as text. */
  options: string;
}

/** The key of every input of a render (also build-site's key for the folder it wrote). */
export function inputKey(build: string, inputs: RenderInputs): string {
  return hashOf(inputParts(build, inputs));
}

function* inputParts(build: string, inputs: RenderInputs): Generator<string | Buffer> {
  const { data, templates, outDir } = inputs;
  const rel = (path: string) => relative(outDir, path).split(sep).join('/');
  yield build;
  yield inputs.options;
  yield rel(data.dataDir);
  for (const t of templates) yield* [t.name, t.lang, t.file, rel(t.absPath), t.text];
  yield data.categoriesSource?.text ?? '-';
  yield data.newsSource?.text ?? '-';
  const { byCategory, runs } = papersDigest(data.papers);
  yield* runs;
  for (const [id, hash] of byCategory) yield* [id, hash];
}

/**
 * The output of `render` for these inputs: from `cacheDir` when the same inputs were rendered by the
 * same build, else rendered (given the category lists still valid) and kept. `render` must depend on
 * nothing but the inputs, and its value must survive JSON.
 */
export async function renderCached<T>(
  inputs: RenderInputs,
  cacheDir: string | false,
  render: (memo: CategoryMemo) => T | Promise<T>,
  build: string | undefined = typeof __TOOL_BUILD__ === 'string' ? __TOOL_BUILD__ : undefined,
  name: string = RENDER_CACHE_FILE,
): Promise<T> {
  if (cacheDir === false || build === undefined) return render({ lists: new Map(), html: new Map() });
  const file = join(cacheDir, name);
  const key = inputKey(build, inputs);
  let stored: Partial<Stored<T>> = {};
  try {
    const parsed = JSON.parse(readRegularText(file) ?? '') as unknown;
    if (parsed !== null && typeof parsed === 'object') stored = parsed as Partial<Stored<T>>;
  } catch {
    // Missing or corrupt: render, and write a good one.
  }
  const usable = stored.format === FORMAT && stored.build === build;
  if (usable && stored.key === key && 'value' in stored) return stored.value as T;

  // The category lists whose papers are unchanged enter the tree as they were serialised.
  const shown = shownCategories(inputs.data.categories);
  const hashes = categoryHashes(inputs.data, shown);
  const memo: CategoryMemo = { lists: new Map(), html: new Map() };
  const known = usable && stored.lists !== null && typeof stored.lists === 'object' ? stored.lists : {};
  for (const [id, hash] of hashes) {
    const entry = Object.hasOwn(known, id) ? known[id] : undefined;
    if (!Array.isArray(entry) || entry[0] !== hash) continue;
    if (typeof entry[1] === 'string') memo.lists.set(id, { type: 'html', value: entry[1] });
    if (typeof entry[2] === 'string') memo.html.set(id, entry[2]);
  }
  const value = await render(memo);
  const keep: Record<string, [string, string | null, string | null]> = {};
  for (const [id, hash] of hashes) {
    const markdown = (memo.lists as Map<string, Html>).get(id)?.value ?? null;
    const html = memo.html.get(id) ?? null;
    if (markdown !== null || html !== null) keep[id] = [hash, markdown, html];
  }
  writeCacheFile(file, JSON.stringify({ format: FORMAT, build, key, value, lists: keep } satisfies Stored<T>));
  return value;
}
