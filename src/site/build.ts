import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bibEntries, BIB_FILE, papersBib } from '../bib/bibtex.js';
import type { ListData } from '../data/load.js';
import { COPY_DATA_PATH, FIGURE_PATH, SCRIPT_PATH } from './config.js';
import { pageHtml, siteModel } from './page.js';

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

/** The client bundled and minified: one file, no third-party request. */
export async function bundleClient(): Promise<string> {
  const result = await build({
    entryPoints: [clientEntry()],
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/**
 * Every file of the site, by path under site/: both pages, the script and papers.bib. The script may
 * be bundled already: esbuild runs in a process of its own, so a caller starts it before linting.
 */
export async function renderSite(data: ListData, script: Promise<string> = bundleClient(), figure?: Uint8Array): Promise<Map<string, string | Uint8Array>> {
  const entries = bibEntries(data.papers);
  const model = siteModel(data, entries, figure !== undefined);
  const files = new Map<string, string | Uint8Array>();
  files.set('index.html', pageHtml(model, 'en', '', 'zh/'));
  files.set('zh/index.html', pageHtml(model, 'zh', '../', '../'));
  files.set(BIB_FILE, papersBib(data.papers));
  files.set(SCRIPT_PATH, await script);
  files.set(COPY_DATA_PATH, model.copyJson);
  if (figure) files.set(FIGURE_PATH, figure);
  // GitHub Pages would otherwise run Jekyll over the folder.
  files.set('.nojekyll', '');
  return files;
}
