#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { hasErrors } from '../core/problem.js';
import { writeFilesAtomicStoppable } from '../fs/write.js';
import { DataDirError, type ListData } from '../data/read.js';
import type { SourceFile } from '../data/source.js';
import type { Template } from '../render/fill-template.js';
import { loadTemplates, TemplatesDirError } from '../render/read-templates.js';
import { parseCommandLine, readOptions, typedPaths, UsageError, type TypedPath } from './args.js';
import { formatGithub, formatJson, formatText, OUTPUT_FORMATS, plural, useColor, type OutputFormat } from './format.js';
import type { Io } from './io.js';
import { loadOptionsOf, templateWorkerMin } from './load-options.js';
import { fileFailure, isMainModule, pauseForTests, reportStop, runAsProcess, stopReason, whileStoppable } from './io.js';
import { DEFAULT_CACHE_DIR, templateFindingsAhead, templateProblems, type TemplateFindingsAhead } from '../lint/anchor-cache.js';
import { DataCache } from '../data/cache.js';
import type { Change } from '../lint/fix.js';
// Types only: erased at run time, so the offline path still never loads the link checker.
import type { LinkCheckOptions, LinkSummary } from '../links/run.js';
import { fieldLabel, quote } from '../lint/fields.js';
import type { JsonSummaryExtra } from '../core/findings-json.js';
import { lintData } from '../lint/check-list.js';
import { LINK_RULES } from '../lint/rules/index.js';
import { changeScope, ChangeScopeError, splitByChange, type ChangeScope } from '../lint/scope.js';
import { loadForLintCached } from '../lint/cached-load.js';
import { cacheDir as cacheDirOf } from '../lint/gate.js';

export const USAGE = `Usage: npm run lint-list -- [--data <dir>] [--templates <dir>] [--format text|json|github] [--fix]
                            [--changed-since <ref>] [--links | --links-only] [--arxiv-api <url>]
                            [--cache <file> | --no-cache] [--allow-private-hosts] [--config <file>]

Checks the list in data/ offline: schema, duplicates across the list, text hygiene, categories,
in-page links of templates/, and exceptions. Exit 0 without errors (warnings allowed), 1 with
errors, 2 for bad usage or a data directory that cannot be read, 3 (with --links) when the network
looks unreachable: more than three quarters of the hosts asked, and at least 3, failed at DNS or
connect, so no link is reported dead and the link cache is left as it was; 130 or 143 when
stopped by Ctrl-C (SIGINT) or SIGTERM: with --fix, no fix is written unless all are (a link check
under way ends first; a second Ctrl-C ends the process at once).
  --data <dir>             the data directory (default: data)
  --templates <dir>        templates whose in-page links to check (default: templates, when present)
  --format <format>        text (default), json (stdout only), or github (workflow annotations)
  --fix                    apply the safe fixes in place and print what changed; duplicates and
                           conflicts are reported, never resolved
  --changed-since <ref>    report on the files changed since the git ref (a pull request's diff):
                           a duplicate goes on the changed one of its two entries; findings on
                           untouched files are counted in the summary, neither reported nor
                           failing (with --links: only the links added or changed are checked)
  --links                  also check every link over the network, the templates' too (see
                           src/links/run.ts); retries and waits are told on stderr
  --links-only             check the links only, reporting no offline finding (for a CI step that
                           follows a plain lint-list, so its annotations are not repeated)
  -h, --help               print this help and exit

With --links or --links-only:
  --arxiv-api <url>        the arXiv API that checks arXiv ids and titles (default: $ARXIV_API_URL,
                           then the config file, then https://export.arxiv.org/api/query)
  --cache <file>           where to keep link results between runs, so unchanged links that
                           answered recently are not fetched again (default: .cache/links.json)
  --no-cache               neither read nor write a cache: fetch every link
  --allow-private-hosts    also fetch loopback and private network addresses, which are refused
                           by default (for tests and local mirrors)
  --config <file>          the link-check settings: concurrency, per-host pacing and timeouts, arXiv
                           batch size, cache lifetimes (default: link-check.yaml, when present)
  --links-config <file>    the same as --config
`;

export interface LintListOptions {
  data: string;
  templates: string | undefined;
  format: OutputFormat;
  fix: boolean;
  links: boolean;
  /** Report link findings only (implies links). */
  linksOnly: boolean;
  arxivApi: string | undefined;
  cache: string | false | undefined;
  changedSince: string | undefined;
  allowPrivateHosts: boolean;
  linksConfig: string | undefined;
}

export const DEFAULT_TEMPLATES_DIR = 'templates';

function parseOptions(argv: string[], typed: TypedPath): LintListOptions | 'help' {
  const { values } = parseCommandLine(argv, {
    data: { type: 'string' },
    templates: { type: 'string' },
    format: { type: 'string' },
    fix: { type: 'boolean' },
    help: { type: 'boolean' },
    links: { type: 'boolean' },
    'links-only': { type: 'boolean' },
    'arxiv-api': { type: 'string' },
    cache: { type: 'string' },
    'no-cache': { type: 'boolean' },
    'changed-since': { type: 'string' },
    'allow-private-hosts': { type: 'boolean' },
    config: { type: 'string' },
    'links-config': { type: 'string' },
  });
  if (values.help) return 'help';
  const format = values.format ?? 'text';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be ${OUTPUT_FORMATS.join(', ')}, not "${format}"`);
  }
  const linkOnly = ['arxiv-api', 'cache', 'no-cache', 'allow-private-hosts', 'config', 'links-config'] as const;
  const stray = linkOnly.filter((name) => values[name] !== undefined);
  const links = (values.links ?? false) || (values['links-only'] ?? false);
  if (values['links-only'] && values.fix) throw new UsageError('--links-only reports link findings only; run --fix without it');
  if (!links && stray.length > 0) throw new UsageError(`--${stray[0]} only applies with --links`);
  if (values.cache !== undefined && values['no-cache']) throw new UsageError('--cache and --no-cache exclude each other');
  if (values.config !== undefined && values['links-config'] !== undefined) throw new UsageError('--config and --links-config name the same file; give one');
  const linksConfig = values.config ?? values['links-config'];
  return {
    data: values.data === undefined ? 'data' : typed(values.data),
    templates: values.templates === undefined ? undefined : typed(values.templates),
    format: format as OutputFormat,
    fix: values.fix ?? false,
    links,
    linksOnly: values['links-only'] ?? false,
    arxivApi: values['arxiv-api'],
    cache: values['no-cache'] ? false : values.cache === undefined ? undefined : typed(values.cache),
    changedSince: values['changed-since'],
    allowPrivateHosts: values['allow-private-hosts'] ?? false,
    linksConfig: linksConfig === undefined ? undefined : typed(linksConfig),
  };
}

/** Explicit --templates must exist; the default is used only when present (a data dir alone can be linted). */
function readTemplates(options: LintListOptions, cwd: string): Template[] | undefined {
  const dir = resolve(cwd, options.templates ?? DEFAULT_TEMPLATES_DIR);
  if (options.templates === undefined && !existsSync(dir)) return undefined;
  return loadTemplates(dir, cwd);
}

function sourcesOf(data: ListData): Map<string, SourceFile> {
  const sources = new Map<string, SourceFile>();
  if (data.categoriesSource) sources.set(data.categoriesSource.file, data.categoriesSource);
  if (data.newsSource) sources.set(data.newsSource.file, data.newsSource);
  for (const paper of data.papers) sources.set(paper.source.file, paper.source);
  return sources;
}

/** The changed part of two long strings with some context, so a change at the end of a long title shows. */
export function changedWindow(before: string, after: string, width = 60): [string, string] {
  if (before.length <= width && after.length <= width) return [before, after];
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const from = Math.max(0, start - 20);
  const cut = (text: string) => {
    const to = Math.min(text.length, Math.max(text.length - end + 20, from + 1));
    return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
  };
  return [cut(before), cut(after)];
}

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? quote(value, Number.POSITIVE_INFINITY) : String(value);
}

function describeChange(change: Change): string {
  const label = fieldLabel(change.path).replace(/^Field "(.*)"$/, '$1');
  let before = show(change.before);
  let after = change.after === undefined ? '(removed)' : show(change.after);
  if (typeof change.before === 'string' && typeof change.after === 'string') {
    [before, after] = changedWindow(change.before, change.after).map((text) => show(text)) as [string, string];
  }
  return `${change.file}:${change.line}  ${label}  ${before} → ${after}  (${change.rules.join(', ')})`;
}

interface LinkRun {
  problems: Problem[];
  summary: LinkSummary;
  format: (summary: LinkSummary) => string;
  /** Set when the network looked unreachable: the line to print and the exit code. */
  unreachable?: { message: string; exit: number } | undefined;
}

/** For tests: what the link check talks through (dispatcher, clock, policy overrides). */
export type LinkDeps = Pick<LinkCheckOptions, 'dispatcher' | 'clock' | 'policy'>;

/**
 * `--links`: the network check (src/links/run.ts) loads only here, so the offline path never
 * loads undici. Its findings go through exceptions and --fix like any other.
 */
async function runLinks(options: LintListOptions, data: ListData, templatesDir: string, io: Io, deps: LinkDeps): Promise<LinkRun | number> {
  const [{ runLinkCheck, LinkCheckError }, { EXIT_NETWORK_UNREACHABLE, formatLinkSummary, formatUnreachable }] = await Promise.all([
    import('../links/run.js'),
    // Its table names the link states (src/links/types.ts): lazy too, so start-up loads nothing of src/links/.
    import('./lint-list-links.js'),
  ]);
  try {
    const { problems, summary } = await runLinkCheck(
      {
        ...deps,
        dataDir: data.dataDir,
        data,
        templatesDir,
        ...(options.cache !== undefined ? { cache: options.cache } : {}),
        ...(options.arxivApi !== undefined ? { arxivApi: options.arxivApi } : {}),
        ...(options.changedSince !== undefined ? { changedSince: options.changedSince } : {}),
        allowPrivateHosts: options.allowPrivateHosts,
        ...(options.linksConfig !== undefined ? { config: options.linksConfig } : {}),
      },
      io,
    );
    const unreachable = summary.network?.unreachable ? { message: formatUnreachable(summary.network), exit: EXIT_NETWORK_UNREACHABLE } : undefined;
    return { problems, summary, format: formatLinkSummary, unreachable };
  } catch (error) {
    if (error instanceof LinkCheckError) {
      io.stderr.write(`lint-list: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** The summary's word on what --changed-since left out: they exist, they are not this change's. */
export function untouchedLine(untouched: readonly Problem[], ref: string): string {
  const errors = untouched.filter((p) => p.severity === 'error').length;
  const files = new Set(untouched.map((p) => p.file)).size;
  return (
    `${plural(untouched.length, 'finding')} (${plural(errors, 'error')}) in ${plural(files, 'file')} not changed since ${ref} ` +
    'left out: they were there before this change and do not fail it; run `npm run lint-list` to see them.\n'
  );
}

export async function lintListCommand(argv: string[], io: Io, linkDeps: LinkDeps = {}): Promise<number> {
  const read = readOptions('lint-list', USAGE, io, () => parseOptions(argv, typedPaths(io)));
  if ('exit' in read) return read.exit;
  // A signal stops it anywhere: no fix is written unless all are; the caches it writes on the way are
  // written whole (each in one synchronous step, which a handled signal waits for). A link check under
  // way, which can take minutes and writes nothing but its cache (also in one step), ends at once.
  return whileStoppable((signal) => lintList(read.options, io, linkDeps, signal));
}

async function lintList(options: LintListOptions, io: Io, linkDeps: LinkDeps, signal: AbortSignal): Promise<number> {
  const stopped = (what = 'nothing written') => reportStop('lint-list', signal.reason, what, io);
  const dataDir = resolve(io.cwd, options.data);
  // The per-file data cache and the anchor cache: node_modules/.cache/lint-list unless LINT_LIST_CACHE_DIR says.
  const cacheDir = cacheDirOf(io);
  const cache = DataCache.open(cacheDir ?? DEFAULT_CACHE_DIR);
  let templates: Template[] | undefined;
  let loaded;
  let ahead: TemplateFindingsAhead | undefined;
  try {
    templates = readTemplates(options, io.cwd);
    // The templates' findings need categories.yaml and news.yaml only: worked out beside the papers' load.
    const loadOptions = loadOptionsOf('lint-list', io);
    const { parallelMin } = loadOptions;
    ahead = await templateFindingsAhead(dataDir, templates, io.cwd, cacheDir, templateWorkerMin(parallelMin));
    loaded = await loadForLintCached(dataDir, io.cwd, cache, { ...loadOptions, onTopFiles: ahead?.start });
  } catch (error) {
    ahead?.close();
    if (error instanceof DataDirError || error instanceof TemplatesDirError) {
      io.stderr.write(`lint-list: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  let scope: ChangeScope | undefined;
  if (options.changedSince !== undefined) {
    try {
      scope = await changeScope(options.changedSince, io.cwd, [dataDir, resolve(io.cwd, options.templates ?? DEFAULT_TEMPLATES_DIR)]);
    } catch (error) {
      ahead?.close();
      if (!(error instanceof ChangeScopeError)) throw error;
      io.stderr.write(`lint-list: ${error.message}\n`);
      return 2;
    }
  }
  if (signal.aborted) {
    ahead?.close();
    return stopped();
  }
  // A pair of entries is reported on its changed one, so the annotation is on the pull request's diff.
  const changedFile = scope ? (source: SourceFile) => scope.has(source.file) : undefined;

  let links: LinkRun | undefined;
  if (options.links) {
    const stopNow = () => process.exit(stopped());
    signal.addEventListener('abort', stopNow, { once: true });
    let outcome;
    try {
      outcome = await runLinks(options, loaded.data, resolve(io.cwd, options.templates ?? DEFAULT_TEMPLATES_DIR), io, linkDeps);
    } finally {
      signal.removeEventListener('abort', stopNow);
    }
    if (typeof outcome === 'number') {
      ahead?.close();
      return outcome;
    }
    links = outcome;
    if (signal.aborted) {
      ahead?.close();
      return stopped();
    }
  }
  const extraRules = links ? LINK_RULES : [];
  // In-page and relative links: the rules lintData runs with templates, through a cache keyed by their inputs.
  let fromTemplates = await templateProblems(loaded.data, templates, io.cwd, cacheDir, ahead);
  let result = await lintData(loaded.data, {
    changed: changedFile,
    extraProblems: [...(links?.problems ?? []), ...fromTemplates],
    extraRules,
    loadProblems: loaded.problems,
    unloaded: loaded.unloaded,
    cache,
  });
  cache?.save();

  // With --changed-since, what stands on files the change did not touch is not this change's doing:
  // counted, not reported. Link findings are scoped by the link check itself (new or changed links).
  const key = (p: Problem) => `${p.file}:${p.line}:${p.column}:${p.rule}:${p.message}`;
  const fromLinks = new Set((links?.problems ?? []).map(key));
  const inScope = (p: Problem) => !scope || fromLinks.has(key(p)) || scope.has(p.file);

  // stdout carries the findings in every format; with json or github the change log goes to stderr.
  const log = options.format === 'text' ? io.stdout : io.stderr;
  let fixed: number | undefined;
  if (signal.aborted) return stopped(options.fix ? 'no fix written' : 'nothing written');
  if (options.fix) {
    // Loaded only for --fix: it needs yaml's document model, which a plain check never does.
    const { planFixes } = await import('../lint/fix.js');
    const plan = planFixes(result.problems.filter(inScope), sourcesOf(loaded.data));
    if (plan.files.size > 0) {
      try {
        await writeFilesAtomicStoppable(plan.files, { signal, onLook: pauseForTests('lint-list', io, signal) });
      } catch (error) {
        const stop = stopReason(error);
        if (stop) return reportStop('lint-list', stop, 'no fix written', io);
        const failed = fileFailure('could not write the fixes to', error, options.data, io.cwd);
        if (failed === undefined) throw error;
        io.stderr.write(`lint-list: ${failed}; no fix written.\n`);
        return 2;
      }
    }
    fixed = plan.changes.length;
    if (plan.changes.length === 0) log.write('Nothing to fix.\n');
    else {
      log.write(`Fixed ${plan.changes.length} field${plan.changes.length === 1 ? '' : 's'} in ${plan.files.size} file${plan.files.size === 1 ? '' : 's'}:\n`);
      for (const change of plan.changes) log.write(`  ${describeChange(change)}\n`);
    }
    for (const { file, fix, reason } of plan.skipped) log.write(`  not fixed: ${file}  ${fieldLabel(fix.path).replace(/^Field "(.*)"$/, '$1')}: ${reason}\n`);
    log.write('\n');
    if (plan.files.size > 0) {
      // Report what is left, from the files as written; link findings whose fix was applied are gone.
      const changed = new Set(plan.changes.map((c) => `${c.file}\0${JSON.stringify(c.path)}`));
      const remainingLinks = (links?.problems ?? []).filter((p) => !(p.fix && changed.has(`${p.file}\0${JSON.stringify(p.fix.path)}`)));
      // A fixed category name or news text can move anchors: they are checked again (a new cache key).
      loaded = await loadForLintCached(dataDir, io.cwd, cache, loadOptionsOf('lint-list', io));
      fromTemplates = await templateProblems(loaded.data, templates, io.cwd, cacheDir);
      result = await lintData(loaded.data, {
        changed: changedFile,
        extraProblems: [...remainingLinks, ...fromTemplates],
        extraRules,
        loadProblems: loaded.problems,
        unloaded: loaded.unloaded,
        cache,
      });
      cache?.save();
      if (signal.aborted) return stopped(`the fixes were written (${plural(plan.files.size, 'file')}), the list was not reported on again`);
    }
  }

  // With --links-only, what a plain lint-list reports stays out: that step reports it once.
  const fromLinksNow = new Set((links?.problems ?? []).map(key));
  const reportable = options.linksOnly ? result.problems.filter((p) => fromLinksNow.has(key(p))) : result.problems;
  // A finding on an untouched file that the base did not have is the change's doing: reported.
  const { reported: problems, untouched } = scope
    ? await splitByChange(reportable, scope, { inScope, withTemplates: templates !== undefined, anchors: fromTemplates, extraRules, cwd: io.cwd })
    : { reported: reportable, untouched: [] as Problem[] };
  const extra: JsonSummaryExtra = { entries: result.value.entries, silenced: result.value.silenced };
  if (scope) extra.changedSince = { ref: scope.ref, untouched: untouched.length, untouchedErrors: untouched.filter((p) => p.severity === 'error').length };
  if (fixed !== undefined) extra.fixed = fixed;
  if (links) extra.links = links.summary;
  if (options.format === 'json') io.stdout.write(formatJson(problems, extra));
  else if (options.format === 'github') io.stdout.write(formatGithub(problems));
  else io.stdout.write(formatText(problems, useColor(io.stdout, io.env)));
  if (scope && untouched.length > 0 && options.format !== 'json') io.stdout.write(untouchedLine(untouched, scope.ref));
  if (links && options.format !== 'json') io.stderr.write(links.format(links.summary));
  // Before errors: a run that could not judge the links must not pass for one that did.
  if (links?.unreachable) {
    io.stderr.write(`lint-list: ${links.unreachable.message}\n`);
    return links.unreachable.exit;
  }
  return hasErrors(problems) ? 1 : 0;
}

if (isMainModule(import.meta.url, 'lint-list')) {
  // `lint-list | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    else throw error;
  });
  runAsProcess(lintListCommand);
}
