import { parseCommandLine, UsageError } from '../cli/args.js';
import { DEFAULT_ARXIV_API } from '../links/policy.js';
import { parseArxivInput, type ArxivRef } from '../text/arxiv.js';

export const USAGE = `Usage: npm run add-paper -- <arXiv ID or URL> [--category <id>] [options]
       npm run add-paper -- --bibtex <file or -> [--category <id>] [options]

Adds a paper to data/ from arXiv's metadata, or one entry per BibTeX record, in the list's style;
checks it with lint-list's rules; writes a new file in data/papers/<category>/. Commit only that file:
main regenerates the READMEs after the merge.
The arXiv ID may be 2402.08268, arXiv:2402.08268v2, an arxiv.org /abs/ or /pdf/ link, a
huggingface.co/papers/ link, or an old-style ID such as hep-th/9901001.
  --category <id>      the category (a folder of data/papers/); asked for on a terminal
  --bibtex <file>      add the records of a .bib file ("-" reads standard input) instead
  --dry-run            print the entry (its YAML and its README line) and change nothing
  --build              also rebuild the READMEs here, to look at (leave them out of the commit)
  --no-build           do not rebuild them (the default)
  --allow-withdrawn    add a paper whose latest arXiv version is a withdrawal (refused otherwise)
  --title <text>       use this title instead of arXiv's (e.g. when arXiv's has math markup)
  --arxiv-api <url>    the arXiv API (default: $ARXIV_API_URL, else ${DEFAULT_ARXIV_API})
  --data <dir>         the data directory (default: data)
  --templates <dir>    the README templates (default: templates)
  --out <dir>          where the READMEs are written (default: .)
Exit 0 when everything given was added; 1 when something was not: already listed, withdrawn,
unknown to arXiv, arXiv unreachable or rate-limiting, failing lint-list, or (with --bibtex) any
record refused, the others being added all the same; 2 for bad usage, or files that cannot be
read or written.
`;

/** One options type for the command, defaults stated once. */
export interface AddPaperOptions {
  /** The arXiv paper given on the command line; undefined with --bibtex. */
  arxiv: ArxivRef | undefined;
  bibtex: string | undefined;
  category: string | undefined;
  title: string | undefined;
  data: string;
  templates: string;
  out: string;
  arxivApi: string;
  build: boolean;
  dryRun: boolean;
  allowWithdrawn: boolean;
}

export const DEFAULT_ADD_OPTIONS = {
  data: 'data',
  templates: 'templates',
  out: '.',
  arxivApi: DEFAULT_ARXIV_API,
  // Pull requests hold only data/: main regenerates the READMEs (.github/workflows/regenerate.yml).
  build: false,
  dryRun: false,
  allowWithdrawn: false,
} as const satisfies Partial<AddPaperOptions>;

const INPUT_EXAMPLES = '2402.08268, arXiv:2402.08268v2, https://arxiv.org/abs/2402.08268 or https://huggingface.co/papers/2402.08268';

/** Parse argv; throws UsageError. `env` supplies ARXIV_API_URL. */
export function parseAddPaperArgs(argv: string[], env: NodeJS.ProcessEnv): AddPaperOptions | 'help' {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      category: { type: 'string' },
      bibtex: { type: 'string' },
      'dry-run': { type: 'boolean' },
      build: { type: 'boolean' },
      'no-build': { type: 'boolean' },
      'allow-withdrawn': { type: 'boolean' },
      title: { type: 'string' },
      'arxiv-api': { type: 'string' },
      data: { type: 'string' },
      templates: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
    true,
  );
  if (values.help) return 'help';
  if (values.bibtex !== undefined && positionals.length > 0) throw new UsageError('give an arXiv ID or --bibtex, not both');
  if (values.bibtex === undefined && positionals.length === 0) throw new UsageError('give the arXiv ID or URL of the paper to add, or --bibtex <file>');
  if (positionals.length > 1) throw new UsageError(`one arXiv ID at a time (got ${positionals.length}: ${positionals.join(' ')}); for several, use --bibtex`);
  if (values.build && values['no-build']) throw new UsageError('give --build or --no-build, not both');
  if (values.bibtex === '') throw new UsageError('--bibtex needs a file name, or "-" for standard input');
  if (values.bibtex !== undefined && (values.title !== undefined || values['allow-withdrawn'])) {
    throw new UsageError(`--${values.title !== undefined ? 'title' : 'allow-withdrawn'} applies to an arXiv ID, not to --bibtex`);
  }
  let arxiv: ArxivRef | undefined;
  if (positionals.length === 1) {
    arxiv = parseArxivInput(positionals[0]!);
    if (!arxiv) throw new UsageError(`"${positionals[0]}" is not an arXiv ID or link; give e.g. ${INPUT_EXAMPLES}`);
  }
  const arxivApi = values['arxiv-api'] ?? (env.ARXIV_API_URL || DEFAULT_ADD_OPTIONS.arxivApi);
  if (!/^https?:\/\/[^\s/]+/.test(arxivApi) || !URL.canParse(arxivApi)) throw new UsageError(`the arXiv API must be an http(s) URL, not "${arxivApi}"`);
  return {
    arxiv,
    bibtex: values.bibtex,
    category: values.category,
    title: values.title,
    data: values.data ?? DEFAULT_ADD_OPTIONS.data,
    templates: values.templates ?? DEFAULT_ADD_OPTIONS.templates,
    out: values.out ?? DEFAULT_ADD_OPTIONS.out,
    arxivApi,
    build: values.build ?? (values['no-build'] === true ? false : DEFAULT_ADD_OPTIONS.build),
    dryRun: values['dry-run'] ?? DEFAULT_ADD_OPTIONS.dryRun,
    allowWithdrawn: values['allow-withdrawn'] ?? DEFAULT_ADD_OPTIONS.allowWithdrawn,
  };
}
