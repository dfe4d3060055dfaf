import { bibEntries, BIB_FILE, papersBib } from '../bib/bibtex.js';
import type { ListData } from '../data/load.js';
import type { CategoryMemo } from '../render/cache.js';
import { bundleClient } from './build.js';
import { COPY_DATA_PATH, FIGURE_PATH, SCRIPT_PATH } from './config.js';
import { pageHtml, siteModel } from './page.js';

/**
 * Every file of the site, by path under site/: both pages, the script and papers.bib. The script may
 * be bundled already: esbuild runs in a process of its own, so a caller starts it before linting.
 */
export async function renderSite(
  data: ListData,
  script: Promise<string> = bundleClient(),
  figure?: Uint8Array,
  memo?: CategoryMemo,
): Promise<Map<string, string | Uint8Array>> {
  const entries = bibEntries(data.papers);
  const model = siteModel(data, entries, figure !== undefined, memo);
  const files = new Map<string, string | Uint8Array>();
  files.set('index.html', pageHtml(model, 'en', '', 'zh/'));
  files.set('zh/index.html', pageHtml(model, 'zh', '../', '../'));
  // The entries the copy buttons hold, so papers.bib and the page never disagree, and are made once.
  files.set(BIB_FILE, papersBib(data.papers, undefined, entries));
  files.set(SCRIPT_PATH, await script);
  files.set(COPY_DATA_PATH, model.copyJson);
  if (figure) files.set(FIGURE_PATH, figure);
  // GitHub Pages would otherwise run Jekyll over the folder.
  files.set('.nojekyll', '');
  return files;
}

