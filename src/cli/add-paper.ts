#!/usr/bin/env node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { text as readStream } from 'node:stream/consumers';
import { hasErrors } from '../core/problem.js';
import { writeFilesAtomicStoppable } from '../fs/write.js';
import { DataDirError, PAPERS_DIR } from '../data/load.js';
import { createApiClient, type ApiClient, type ApiClientOptions } from '../links/api-client.js';
import type { ArxivApiOptions } from '../links/arxiv-api.js';
import { loadForLint, type LoadedForLint } from '../lint/load-for-lint.js';
import { loadTemplates, TemplatesDirError } from '../render/read-templates.js';
import { readOptions, typedPaths } from './args.js';
import { formatText, useColor } from './format.js';
import type { Io } from './io.js';
import { fileFailure, isMainModule, pauseForTests, reportStop, runAsProcess, stopReason, whileStoppable } from './io.js';
import { categoryChoices, formatCategoryList, promptCategory, resolveCategory, type Input } from './add-paper-prompt.js';
import { duplicateReason, findArxivEntry } from '../add/duplicates.js';
import { paperFromArxiv, withdrawnReason } from '../add/from-arxiv.js';
import { lookUpArxiv } from '../add/look-up.js';
import { readIssueBody } from '../add/from-issue.js';
import { listTitle } from '../add/clean-text.js';
import { DEFAULT_ADD_OPTIONS, paperInput, parseAddPaperArgs, USAGE, type AddPaperOptions } from './add-paper-options.js';
import { lookUpAnthology, lookUpNeurips } from '../add/sources/bibtex-pages.js';
import { lookUpDoi } from '../add/sources/crossref.js';
import { inputLabel } from '../add/sources/input.js';
import { lookUpOpenReview } from '../add/sources/openreview.js';
import { lookUpS2 } from '../add/sources/semantic-scholar.js';
import { UsageError } from './args.js';
import { schemaPath } from '../add/place.js';
import { planAdditions, type Candidate, type Refused } from '../add/plan.js';
import { addedText, bibtexSummary, buildHint, BUILT_NOTE, refusedText, warningsText } from './add-paper-report.js';
import { buildReadmeCommand } from './build-readme.js';

export { USAGE } from './add-paper-options.js';

/** What the command needs beyond Io: the terminal to ask on, and (for tests) the API client's clock and transport. */
export interface AddPaperDeps {
  stdin?: Input;
  arxiv?: Omit<ArxivApiOptions, 'apiUrl'>;
  /** The other sources' client options; by default the arXiv options' dispatcher and clock. */
  api?: ApiClientOptions;
}

function apiClient(deps: AddPaperDeps): ApiClient {
  const options: ApiClientOptions = { ...deps.api };
  if (!options.dispatcher && deps.arxiv?.dispatcher) options.dispatcher = deps.arxiv.dispatcher;
  if (!options.clock && deps.arxiv?.clock) options.clock = deps.arxiv.clock;
  return createApiClient(options);
}

/** A failure that ends the run before anything is written, with its exit code. */
interface Stop {
  code: number;
  message: string;
}

const stop = (code: number, message: string): Stop => ({ code, message });
const isStop = (value: unknown): value is Stop => typeof value === 'object' && value !== null && 'code' in value && 'message' in value;

/** --category, else the answer on a terminal; a wrong or missing one lists the ids. */
async function chooseCategory(options: AddPaperOptions, list: LoadedForLint, io: Io, deps: AddPaperDeps): Promise<string | Stop> {
  const choices = categoryChoices(list.data.categories);
  const listing = `the categories in ${options.data}/categories.yaml are:\n${formatCategoryList(choices)}`;
  if (options.category !== undefined) {
    return resolveCategory(options.category, choices) === options.category
      ? options.category
      : stop(2, `unknown category "${options.category}"; ${listing}`);
  }
  const stdin = deps.stdin;
  if (!stdin?.isTTY || options.bibtex === '-') {
    return stop(2, `--category <id> is required${stdin?.isTTY ? ' with --bibtex -' : ' when standard input is not a terminal'}; ${listing}`);
  }
  return (await promptCategory(stdin, (text) => io.stderr.write(text), choices)) ?? stop(2, 'no category given; nothing added.');
}

/** The arXiv paper as a candidate, or why not: unknown, unreachable, rate-limited, withdrawn. */
async function arxivCandidate(options: AddPaperOptions, io: Io, deps: AddPaperDeps): Promise<Candidate | Refused> {
  const id = options.arxiv!.id;
  const label = `arXiv ${id}`;
  // Retries after a 429 or a dropped connection take seconds: say what is going on, on a terminal.
  if (io.stderr.isTTY) io.stderr.write(`Asking the arXiv API (${options.arxivApi}) about ${id}…\n`);
  const found = await lookUpArxiv(id, { ...deps.arxiv, apiUrl: options.arxivApi });
  if ('reason' in found) return { label, reason: found.reason };
  if (found.record.withdrawn && !options.allowWithdrawn) return { label, reason: withdrawnReason(found.record) };
  const paper = paperFromArxiv(found.record, options.title);
  // arXiv's journal reference is the authors' word; without one, a venue DBLP knows (through Semantic Scholar) stands in.
  if (found.record.journalRef === undefined) {
    const s2 = await lookUpS2([id], apiClient(deps), options.endpoints.semanticScholar, io.env.SEMANTIC_SCHOLAR_API_KEY);
    const publication = s2.papers.get(id)?.publication;
    if (publication?.confident) {
      paper.venue = publication.venue;
      paper.year = publication.year;
    }
  }
  return { label, paper };
}

/** A paper named by a DOI, an Anthology page, an OpenReview forum or a proceedings page. */
async function sourceCandidate(options: AddPaperOptions, io: Io, deps: AddPaperDeps): Promise<Candidate | Refused> {
  const input = options.source!;
  const label = inputLabel(input);
  const api = apiClient(deps);
  const { endpoints } = options;
  if (io.stderr.isTTY) io.stderr.write(`Looking up ${label}…\n`);
  const found =
    input.kind === 'doi'
      ? await lookUpDoi(input.doi, api, endpoints.crossref)
      : input.kind === 'acl'
        ? await lookUpAnthology(input.id, api, endpoints.anthology)
        : input.kind === 'openreview'
          ? await lookUpOpenReview(input.id, api, endpoints.openreview)
          : await lookUpNeurips(input, api, endpoints.neurips);
  if ('reason' in found) return { label, reason: found.reason };
  if (options.title !== undefined) found.paper.title = listTitle(options.title);
  return { label, paper: found.paper };
}

/** One candidate per BibTeX record; records without a title or a year, or broken ones, are refused here. */
async function bibtexCandidates(options: AddPaperOptions, io: Io, deps: AddPaperDeps): Promise<Gathered | Stop> {
  const fromStdin = options.bibtex === '-';
  let text: string;
  try {
    if (fromStdin && !deps.stdin) return stop(2, 'no standard input to read BibTeX from');
    text = fromStdin ? await readStream(deps.stdin!) : readFileSync(resolve(io.cwd, options.bibtex!), 'utf8');
  } catch (error) {
    const failed = fileFailure('cannot read', error, options.bibtex!, io.cwd);
    if (failed === undefined) throw error;
    return stop(2, failed);
  }
  // The parser is loaded only for --bibtex: the arXiv path never pays for it.
  const { readBibtex, paperFromBibtex } = await import('../add/from-bibtex.js');
  const bib = readBibtex(text);
  const source = fromStdin ? 'stdin' : options.bibtex!;
  const candidates: Candidate[] = [];
  const refused: Refused[] = bib.errors.map((error) => ({ label: error.line === undefined ? source : `${source}:${error.line}`, reason: `could not be parsed: ${error.reason}` }));
  const labels: string[] = [];
  for (const record of bib.records) {
    const label = `${source}:${record.line} ${record.name}`;
    labels.push(label);
    const outcome = paperFromBibtex(record);
    if ('reason' in outcome) refused.push({ label, reason: outcome.reason });
    else candidates.push({ label, paper: outcome.paper });
  }
  if (bib.records.length === 0 && refused.length === 0) return stop(1, `${source} has no BibTeX records; nothing added.`);
  return { candidates, refused, labels };
}

interface Gathered {
  candidates: Candidate[];
  refused: Refused[];
  /** Every input's label in input order, for the report. */
  labels: string[];
}

async function gather(options: AddPaperOptions, io: Io, deps: AddPaperDeps): Promise<Gathered | Stop> {
  if (!options.arxiv && !options.source) return bibtexCandidates(options, io, deps);
  const found = options.arxiv ? await arxivCandidate(options, io, deps) : await sourceCandidate(options, io, deps);
  return 'paper' in found ? { candidates: [found], refused: [], labels: [found.label] } : { candidates: [], refused: [found], labels: [found.label] };
}

/**
 * --from-issue: the issue's paper and category become the run's own, as if given on the command
 * line; the body is read as text and never interpreted beyond its two fields.
 */
function readSuggestion(options: AddPaperOptions, io: Io): Stop | undefined {
  let body: string;
  try {
    body = readFileSync(resolve(io.cwd, options.fromIssue!), 'utf8');
  } catch (error) {
    const failed = fileFailure('cannot read the issue body', error, options.fromIssue!, io.cwd);
    if (failed === undefined) throw error;
    return stop(2, `${failed}.`);
  }
  const suggestion = readIssueBody(body);
  if ('reason' in suggestion) return stop(1, suggestion.reason);
  try {
    const input = paperInput(suggestion.paper);
    if (input.kind === 'arxiv') options.arxiv = input.ref;
    else options.source = input;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return stop(1, `the issue's paper: ${error.message}.`);
  }
  options.category = suggestion.category;
  return undefined;
}

function nonDefaultDirs(options: AddPaperOptions): string[] {
  const args: string[] = [];
  if (options.data !== DEFAULT_ADD_OPTIONS.data) args.push('--data', options.data);
  if (options.templates !== DEFAULT_ADD_OPTIONS.templates) args.push('--templates', options.templates);
  if (options.out !== DEFAULT_ADD_OPTIONS.out) args.push('--out', options.out);
  return args;
}

export async function addPaperCommand(argv: string[], io: Io, deps: AddPaperDeps = {}): Promise<number> {
  const read = readOptions('add-paper', USAGE, io, () => parseAddPaperArgs(argv, io.env, typedPaths(io)));
  if ('exit' in read) return read.exit;
  const options: AddPaperOptions = read.options;
  if (options.fromIssue !== undefined) {
    const fromIssue = readSuggestion(options, io);
    if (isStop(fromIssue)) {
      io.stderr.write(`add-paper: not added: ${fromIssue.message}\n`);
      return fromIssue.code;
    }
  }

  const dataDir = resolve(io.cwd, options.data);
  let list: LoadedForLint;
  try {
    list = loadForLint(dataDir, io.cwd);
    // Checked before anything is fetched or written, so a bad --templates costs nothing.
    if (options.build && !options.dryRun) loadTemplates(resolve(io.cwd, options.templates), io.cwd);
  } catch (error) {
    if (error instanceof DataDirError || error instanceof TemplatesDirError) {
      io.stderr.write(`add-paper: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  // build-readme refuses a list that does not load; adding to it would leave the READMEs behind.
  if (hasErrors(list.problems)) {
    io.stderr.write(formatText(list.problems.filter((p) => p.severity === 'error'), useColor(io.stderr, io.env)));
    io.stderr.write(`add-paper: ${options.data}/ does not load; fix the errors above first. Nothing added.\n`);
    return 1;
  }

  // An arXiv paper already listed is refused before asking for a category or the network.
  const listed = options.arxiv ? findArxivEntry(list.data.papers, options.arxiv.id) : undefined;
  if (listed) {
    io.stderr.write(refusedText({ label: `arXiv ${options.arxiv!.id}`, reason: duplicateReason(listed) }));
    return 1;
  }
  const category = await chooseCategory(options, list, io, deps);
  if (isStop(category)) {
    io.stderr.write(`add-paper: ${category.message}${category.message.endsWith('\n') ? '' : '\n'}`);
    return category.code;
  }
  const gathered = await gather(options, io, deps);
  if (isStop(gathered)) {
    io.stderr.write(`add-paper: ${gathered.message}\n`);
    return gathered.code;
  }
  const { candidates, labels } = gathered;

  const folder = join(dataDir, PAPERS_DIR, category);
  const names = existsSync(folder) ? readdirSync(folder) : [];
  const plan = await planAdditions(list, candidates, {
    cwd: io.cwd,
    category,
    names,
    schema: schemaPath(list.data.papers, category, folder, resolve(dataDir, '..', 'schema')),
  });
  // The report follows the input's order, whichever stage refused a record.
  const order = new Map(labels.map((label, i) => [label, i]));
  const refused = [...gathered.refused, ...plan.refused].sort((a, b) => (order.get(a.label) ?? -1) - (order.get(b.label) ?? -1));

  // What was added is said once it is on disk: a write that fails, or a Ctrl-C, leaves no "Added" behind.
  // A dry run says what it would add before what it refused, as the input runs; a real one says what
  // it refused first, and what it added once the write is done.
  const refusals = () => {
    for (const refusal of refused) io.stderr.write(refusedText(refusal));
  };
  const report = (refusedToo: boolean) => {
    for (const added of plan.added) {
      io.stdout.write(addedText(added, options.dryRun));
      io.stderr.write(warningsText(added, options.dryRun));
    }
    if (refusedToo) refusals();
    if (options.bibtex !== undefined) io.stdout.write(bibtexSummary(plan.added.length, refused.length, options.dryRun));
  };
  const code = refused.length > 0 ? 1 : 0;
  if (options.dryRun || plan.added.length === 0) {
    report(true);
    if (options.dryRun) io.stdout.write('Dry run: nothing written.\n');
    return code;
  }
  refusals();

  const clash = plan.added.find((a) => existsSync(a.placement.absPath));
  if (clash) {
    io.stderr.write(`add-paper: ${clash.file} appeared while this ran; nothing written. Run the command again.\n`);
    return 2;
  }
  // From here a signal stops it (not sooner: a prompt or a look-up must end at a Ctrl-C, as it always did):
  // either every new entry is written or none is; then the READMEs' rebuild stops as build-readme does.
  return whileStoppable(async (signal) => {
    try {
      await writeFilesAtomicStoppable(
        plan.added.map((a) => [a.placement.absPath, a.placement.text] as const),
        { signal, onLook: pauseForTests('add-paper', io, signal) },
      );
    } catch (error) {
      const stop = stopReason(error);
      if (stop) return reportStop('add-paper', stop, 'nothing written', io);
      const failed = fileFailure('could not write', error, plan.added[0]!.file, io.cwd);
      if (failed === undefined) throw error;
      io.stderr.write(`add-paper: ${failed}; nothing written.\n`);
      return 2;
    }
    report(false);
    if (!options.build) {
      io.stdout.write(buildHint(nonDefaultDirs(options)));
      return code;
    }
    const notBuilt = `${plan.added.length === 1 ? 'the entry is' : 'the entries are'} written, but the READMEs were not rebuilt`;
    if (signal.aborted) return reportStop('add-paper', signal.reason, `${notBuilt}: run npm run build-readme`, io);
    const built = await buildReadmeCommand(['--data', options.data, '--templates', options.templates, '--out', options.out], io);
    if (built !== 0) {
      // Stopped, build-readme has said so and that it wrote nothing: this says what stands.
      if (signal.aborted) return reportStop('add-paper', signal.reason, `${notBuilt}: run npm run build-readme`, io);
      io.stderr.write(`add-paper: ${notBuilt}; fix the above, then run npm run build-readme.\n`);
      return built;
    }
    io.stdout.write(BUILT_NOTE);
    return code;
  });
}

if (isMainModule(import.meta.url, 'add-paper')) runAsProcess((argv, io) => addPaperCommand(argv, io, { stdin: process.stdin }));
