import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListData } from '../data/load.js';
import { renderCached, SITE_CACHE_FILE } from '../render/cache.js';
import { FIGURE_PATH } from './config.js';

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

const BUNDLE_OPTIONS = { bundle: true, minify: true, write: false, format: 'iife', target: ['es2020'], legalComments: 'none', logLevel: 'silent' } as const;

/**
 * The client bundled and minified: one file, no third-party request. Its inputs are the client's files,
 * the lock file (MiniSearch's version) and these options, so the bundle is kept under
 * node_modules/.cache/build-site/ by a hash of them: most builds change only data/, and skip esbuild.
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
  // LINT_LIST_CACHE_DIR (cacheDir) moves it with the commands' other caches.
  const cached = join(cacheDir ?? join(root, 'node_modules', '.cache', 'build-site'), `app-${hash.digest('hex').slice(0, 16)}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    // Not built yet for these inputs.
  }
  const { build } = await import('esbuild');
  const result = await build({ entryPoints: [entry], ...BUNDLE_OPTIONS, target: [...BUNDLE_OPTIONS.target] });
  const text = result.outputFiles[0]!.text;
  try {
    mkdirSync(dirname(cached), { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, cached);
  } catch {
    // Only a cache: a read-only checkout still builds, with esbuild every time.
  }
  return text;
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
  const digest = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('base64');
  const options = JSON.stringify({ script: digest(scriptText), figure: figure ? digest(figure) : null });
  const texts = await renderCached(
    { data, templates: [], outDir: data.dataDir, options },
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
