import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListData } from '../data/load.js';
import { inputKey, renderCached, SITE_CACHE_FILE, type RenderInputs } from '../render/cache.js';
import { FIGURE_PATH } from './config.js';
import { readRegularText } from '../fs/read.js';
import { writeCacheFile } from '../fs/write.js';

/**
 * The client script's TypeScript source: next to this module when run from src/, three levels up from
 * a bundle of the launcher (.cache/bin/<command>/) or from dist/src/site/.
 */
function clientEntry(): string {
  for (const name of ['./client/main.ts', '../../../src/site/client/main.ts']) {
    const path = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error('the page script (src/site/client/main.ts) is missing');
}

declare const __TOOL_BUILD__: string | undefined;
const TOOL_BUILD = typeof __TOOL_BUILD__ === 'string' ? __TOOL_BUILD__ : undefined;

const BUNDLE_OPTIONS = { bundle: true, minify: true, write: false, format: 'iife', target: ['es2020'], legalComments: 'none', logLevel: 'silent' } as const;

/**
 * The client bundled and minified: one file, no third-party request. Its inputs are the client's files,
 * the lock file (MiniSearch's version) and these options, so the bundle is kept by a hash of them
 * (beside the command's own bundle, or under node_modules/.cache/build-site/): most builds change only
 * data/, and skip esbuild.
 */
export async function bundleClient(cacheDir?: string): Promise<string> {
  const entry = clientEntry();
  const root = resolve(dirname(entry), '..', '..', '..');
  const hash = createHash('sha256').update(JSON.stringify(BUNDLE_OPTIONS));
  for (const name of readdirSync(dirname(entry)).sort()) hash.update(`${name}\0`).update(readFileSync(join(dirname(entry), name)));
  try {
    hash.update(readFileSync(join(root, 'package-lock.json')));
  } catch {
    // No lock file: a key without it still changes with the client.
  }
  // Run from the launcher's bundle (.cache/bin/build-site-<fingerprint>/, which src/ and the lock file
  // key too), the script is part of the compiled command and is kept beside it: emptying the commands'
  // caches (LINT_LIST_CACHE_DIR) does not cost an esbuild run. Otherwise LINT_LIST_CACHE_DIR (cacheDir)
  // moves it with the commands' other caches.
  const folder = TOOL_BUILD !== undefined ? fileURLToPath(new URL('.', import.meta.url)) : (cacheDir ?? join(root, 'node_modules', '.cache', 'build-site'));
  const cached = join(folder, `app-${hash.digest('hex').slice(0, 16)}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not built yet for these inputs.
  }
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [entry], ...BUNDLE_OPTIONS, target: [...BUNDLE_OPTIONS.target] });
  const text = result.outputFiles[0]!.text;
  // Only a cache: a read-only checkout still builds, with esbuild every time.
  writeCacheFile(cached, text);
  return text;
}

/** What the site's files depend on, as render/cache.ts keys it: the list, the script and the figure. */
function siteInputs(data: ListData, scriptText: string, figure: Uint8Array | undefined): RenderInputs {
  const digest = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('base64');
  const options = JSON.stringify({ script: digest(scriptText), figure: figure ? digest(figure) : null });
  return { data, templates: [], outDir: data.dataDir, options };
}

/** The folder build-site wrote last, with its key and each file's size and identity on disk. */
const WRITTEN_FILE = 'site-written.json';
const WRITTEN_FORMAT = 'site-written-v1';
type FileStamp = [name: string, size: number, mtimeMs: number, ino: number];
interface Written {
  format: string;
  key: string;
  out: string;
  files: FileStamp[];
}

/** Every regular file under `dir` with its stamp, by path relative to it; undefined if anything else is there. */
function stampTree(dir: string, prefix = ''): FileStamp[] | undefined {
  const stamps: FileStamp[] = [];
  for (const name of readdirSync(dir).sort()) {
    const rel = prefix + name;
    const stat = lstatSync(join(dir, name));
    if (stat.isDirectory()) {
      const inner = stampTree(join(dir, name), `${rel}/`);
      if (!inner) return undefined;
      stamps.push(...inner);
    } else if (stat.isFile()) stamps.push([rel, stat.size, stat.mtimeMs, stat.ino]);
    else return undefined;
  }
  return stamps;
}

/** The key of build-site's output for these inputs (render/cache.ts's), or undefined when nothing is kept. */
export function siteKey(
  data: ListData,
  scriptText: string,
  figure: Uint8Array | undefined,
  cacheDir: string | false,
  build: string | undefined = TOOL_BUILD,
): string | undefined {
  return cacheDir === false || build === undefined ? undefined : inputKey(build, siteInputs(data, scriptText, figure));
}

/**
 * The sizes of the files in `outDir` when it holds exactly what build-site last wrote there for the
 * inputs of `key` (siteKey), every file untouched: same names, sizes, times and inodes. Then there is
 * nothing to do: neither reading the render cache nor writing 2 MB again. Else undefined.
 */
export function siteUpToDate(outDir: string, key: string | undefined, cacheDir: string | false): Map<string, number> | undefined {
  if (cacheDir === false || key === undefined) return undefined;
  try {
    const stored = JSON.parse(readRegularText(join(cacheDir, WRITTEN_FILE)) ?? '') as Partial<Written>;
    if (stored.format !== WRITTEN_FORMAT || stored.key !== key || stored.out !== outDir || !Array.isArray(stored.files)) return undefined;
    const now = stampTree(outDir);
    if (!now || JSON.stringify(now) !== JSON.stringify(stored.files)) return undefined;
    return new Map(now.map(([name, size]) => [name, size]));
  } catch {
    // No record, or no folder: build.
    return undefined;
  }
}

/** Record what build-site has just written to `outDir` for the inputs of `key`, for siteUpToDate. */
export function recordSiteWritten(outDir: string, key: string | undefined, cacheDir: string | false): void {
  if (cacheDir === false || key === undefined) return;
  let files: ReturnType<typeof stampTree>;
  try {
    files = stampTree(outDir);
  } catch {
    // A folder that cannot be read back: the next build writes it again.
    return;
  }
  if (!files) return;
  const written: Written = { format: WRITTEN_FORMAT, key, out: outDir, files };
  // Only a cache: the next build writes the folder again.
  writeCacheFile(join(cacheDir, WRITTEN_FILE), JSON.stringify(written));
}

/**
 * renderSite (render.ts) through render/cache.ts: the same list, figure and script as the last build
 * give its files without rendering, and without loading the page's HTML libraries; an edited list
 * renders again, reusing the lists of unchanged categories.
 */
export async function renderSiteCached(
  data: ListData,
  script: Promise<string>,
  figure: Uint8Array | undefined,
  cacheDir: string | false,
  build?: string,
): Promise<Map<string, string | Uint8Array>> {
  const scriptText = await script;
  const texts = await renderCached(
    siteInputs(data, scriptText, figure),
    cacheDir,
    async (memo) => {
      const { renderSite } = await import('./render.js');
      const files = await renderSite(data, Promise.resolve(scriptText), figure, memo);
      return [...files].filter((file): file is [string, string] => typeof file[1] === 'string');
    },
    build,
    SITE_CACHE_FILE,
  );
  const files = new Map<string, string | Uint8Array>(texts);
  if (figure) files.set(FIGURE_PATH, figure);
  return files;
}
