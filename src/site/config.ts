/** The repository the page links to, and where GitHub Pages serves it: set in this one place. */
export const REPOSITORY_URL = 'https://github.com/OpenMOSS/Thus-Spake-Long-Context-LLM';
export const PAGES_URL = 'https://openmoss.github.io/Thus-Spake-Long-Context-LLM/';

/** Output layout under site/. */
export const SITE_DIR = 'site';
export const SCRIPT_PATH = 'assets/app.js';
/** What the copy buttons copy; next to the script, which finds it by its own address. */
export const COPY_DATA_PATH = 'assets/papers.json';
/** The survey's structure figure, which the READMEs show too: copied from the repository into the site. */
export const FIGURE_PATH = 'assets/paper-structure.jpg';
/** The languages the page is built in; the first one is the root page, the others live under <lang>/. */
export const SITE_LANGUAGES = ['en', 'zh'] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];
