import { parseCommandLine, UsageError, type TypedPath } from './args.js';
import { DEFAULT_ARXIV_API } from '../links/policy.js';
import type { ArxivRef } from '../text/arxiv.js';
import { endpointsFrom, type Endpoints } from '../add/sources/endpoints.js';
import { parsePaperInput, SUPPORTED_FORMS, type PaperInput } from '../add/sources/input.js';

export const USAGE = `Usage: npm run add-paper -- <link or ID of the paper> [--category <id>] [options]
       npm run add-paper -- --bibtex <file or -> [--category <id>] [options]
       npm run add-paper -- --from-issue <file>

Adds a paper to data/ from its metadata, or one entry per BibTeX record, in the list's style;
checks it with lint-list's rules; writes a new file in data/papers/<category>/. Commit only that file:
main regenerates the READMEs after the merge.
The paper may be given as an arXiv ID (2402.08268, arXiv:2402.08268v2, old-style hep-th/9901001)
or link (arxiv.org /abs/ or /pdf/, huggingface.co/papers/), a DOI or doi.org link (asks Crossref),
an ACL Anthology page, an OpenReview forum or a NeurIPS proceedings page. An arXiv paper that
Semantic Scholar (through DBLP) knows as published gets that venue and year; its arXiv ID is kept.
  --category <id>      the category (a folder of data/papers/); asked for on a terminal
  --bibtex <file>      add the records of a .bib file ("-" reads standard input) instead
  --from-issue <file>  add the paper a "Suggest a paper" issue describes (the issue body, as GitHub renders it)
  --dry-run            print the entry (its YAML and its README line) and change nothing
  --build              also rebuild the READMEs here, to look at (leave them out of the commit)
  --no-build           do not rebuild them (the default)
  --allow-withdrawn    add a paper whose latest arXiv version is a withdrawal (refused otherwise)
  --title <text>       use this title instead of arXiv's (e.g. when arXiv's has math markup)
  --arxiv-api <url>    the arXiv API (default: $ARXIV_API_URL, else ${DEFAULT_ARXIV_API})
                       The other sources are moved by $CROSSREF_API_URL, $OPENREVIEW_API_URL,
                       $ACL_ANTHOLOGY_URL, $NEURIPS_PROCEEDINGS_URL and $SEMANTIC_SCHOLAR_API_URL.
  --data <dir>         the data directory (default: data)
  --templates <dir>    the README templates (default: templates)
  --out <dir>          where the READMEs are written (default: .)
Exit 0 when everything given was added; 1 when something was not: already listed, withdrawn,
unknown to arXiv, arXiv unreachable or rate-limiting, failing lint-list, or (with --bibtex) any
record refused, the others being added all the same; 2 for bad usage, or files that cannot be
read or written; 130 or 143 when Ctrl-C (SIGINT) or SIGTERM stops the writing: no entry is written
unless all are, and the last line says whether the READMEs were rebuilt.
`;

/** One options type for the command, defaults stated once. */
export interface AddPaperOptions {
  /** The arXiv paper given on the command line; undefined with --bibtex. */
  arxiv: ArxivRef | undefined;
  /** A paper given by another link (DOI, Anthology, OpenReview, NeurIPS). */
  source: Exclude<PaperInput, { kind: 'arxiv' }> | undefined;
  bibtex: string | undefined;
  fromIssue: string | undefined;
  category: string | undefined;
  title: string | undefined;
  data: string;
  templates: string;
  out: string;
  arxivApi: string;
  endpoints: Endpoints;
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

/** The paper a command-line argument names; anything else is bad usage, naming the forms there are. */
export function paperInput(text: string): PaperInput {
  const input = parsePaperInput(text);
  if (!input) throw new UsageError(`"${text.length > 200 ? `${text.slice(0, 200)}…` : text}" is not a link or ID add-paper can read; give ${SUPPORTED_FORMS}; for any other paper, write its BibTeX to a file and use --bibtex <file>`);
  return input;
}

/** Parse argv; throws UsageError. `env` supplies ARXIV_API_URL. */
export function parseAddPaperArgs(argv: string[], env: NodeJS.ProcessEnv, typed: TypedPath = (path) => path): AddPaperOptions | 'help' {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      category: { type: 'string' },
      bibtex: { type: 'string' },
      'from-issue': { type: 'string' },
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
  const inputs = [positionals.length > 0, values.bibtex !== undefined, values['from-issue'] !== undefined].filter(Boolean).length;
  if (inputs > 1) throw new UsageError('give one of: the paper\'s link or ID, --bibtex, --from-issue');
  if (inputs === 0) throw new UsageError('give the link or ID of the paper to add, --bibtex <file> or --from-issue <file>');
  if (positionals.length > 1) throw new UsageError(`one paper at a time (got ${positionals.length}: ${positionals.join(' ')}); for several, use --bibtex`);
  if (values.build && values['no-build']) throw new UsageError('give --build or --no-build, not both');
  if (values.bibtex === '') throw new UsageError('--bibtex needs a file name, or "-" for standard input');
  if (values['from-issue'] === '') throw new UsageError('--from-issue needs a file name');
  if (values.bibtex !== undefined && (values.title !== undefined || values['allow-withdrawn'])) {
    throw new UsageError(`--${values.title !== undefined ? 'title' : 'allow-withdrawn'} applies to an arXiv ID, not to --bibtex`);
  }
  if (values['from-issue'] !== undefined && (values.title !== undefined || values['allow-withdrawn'] || values.category !== undefined)) {
    throw new UsageError('--from-issue takes the paper and its category from the issue; --title, --category and --allow-withdrawn do not apply');
  }
  let arxiv: ArxivRef | undefined;
  let source: AddPaperOptions['source'];
  if (positionals.length === 1) {
    const input = paperInput(positionals[0]!);
    if (input.kind === 'arxiv') arxiv = input.ref;
    else source = input;
    if (source && values['allow-withdrawn']) throw new UsageError('--allow-withdrawn applies to an arXiv ID');
  }
  const endpoints = endpointsFrom(env, values['arxiv-api'] === undefined ? {} : { arxiv: values['arxiv-api'] });
  if ('error' in endpoints) throw new UsageError(endpoints.error.replace('the URL given', 'the arXiv API'));
  const arxivApi = endpoints.arxiv;
  return {
    arxiv,
    source,
    // "-" is standard input, not a file.
    bibtex: values.bibtex === undefined || values.bibtex === '-' ? values.bibtex : typed(values.bibtex),
    fromIssue: values['from-issue'] === undefined ? undefined : typed(values['from-issue']),
    category: values.category,
    title: values.title,
    data: values.data === undefined ? DEFAULT_ADD_OPTIONS.data : typed(values.data),
    templates: values.templates === undefined ? DEFAULT_ADD_OPTIONS.templates : typed(values.templates),
    out: values.out === undefined ? DEFAULT_ADD_OPTIONS.out : typed(values.out),
    arxivApi,
    endpoints,
    build: values.build ?? (values['no-build'] === true ? false : DEFAULT_ADD_OPTIONS.build),
    dryRun: values['dry-run'] ?? DEFAULT_ADD_OPTIONS.dryRun,
    allowWithdrawn: values['allow-withdrawn'] ?? DEFAULT_ADD_OPTIONS.allowWithdrawn,
  };
}
