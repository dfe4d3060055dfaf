import { GITHUB_README_LIMIT } from './size.js';

/*
 * The names and defaults of rendering, without the Markdown parser and serialiser: build-readme reads
 * them on every run, and loads the renderer (build.ts) only when its cache lacks the output.
 */

export type PagesMode = 'auto' | 'always' | 'never';
export const PAGES_MODES: readonly PagesMode[] = ['auto', 'always', 'never'];
export const PAGES_DIR = 'pages';

/** How every generated file starts: what tells a generated page from a hand-written one. */
export const GENERATED_MARK = '<!-- This file is generated from ';

export interface RenderOptions {
  pages: PagesMode;
  /** Above this many bytes a README's sections go to pages of their own (mode "auto"). */
  limit: number;
}

export const DEFAULT_RENDER_OPTIONS: RenderOptions = { pages: 'auto', limit: GITHUB_README_LIMIT };
